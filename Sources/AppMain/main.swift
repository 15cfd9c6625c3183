// The `byline` executable: everything lives in App so it can be tested.
import App

BylineCommand.main()
