import App
ScoreQuotesCommand.main()
