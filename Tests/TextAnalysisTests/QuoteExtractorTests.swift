// The quote sieves, one table row per pattern: direct, mixed and reported quotes, and how speakers are found
// (before or after the cue, appositives, pronouns, titles, continuation, non-name sources).
import Testing
@testable import TextAnalysis

@Suite struct QuoteExtractorTests {
    struct Row: Sendable, CustomTestStringConvertible {
        let text: String
        /// Expected quotes as (speaker mention text or nil, resolved name or nil, content, kind).
        let quotes: [(mention: String?, name: String?, content: String, kind: QuoteKind)]
        var testDescription: String { String(text.prefix(60)) }
    }

    static let rows: [Row] = [
        Row(text: "“We will win this race,” Smith said.",
            quotes: [("Smith", "Smith", "We will win this race,", .direct)]),
        Row(text: "Smith said: “We will win this race.”",
            quotes: [("Smith", "Smith", "We will win this race.", .direct)]),
        Row(text: "“The bridge will close,” said Hugh Hill, a city engineer.",
            quotes: [("Hugh Hill", "Hugh Hill", "The bridge will close,", .direct)]),
        Row(text: "“The bridge will close,” Hill said, adding that the ferry would run twice as often.",
            quotes: [("Hill", "Hill", "The bridge will close,", .direct),
                     ("Hill", "Hill", "that the ferry would run twice as often", .indirect)]),
        Row(text: "Hugh Hill, a doctor, said the clinic had run out of vaccine.",
            quotes: [("Hugh Hill", "Hugh Hill", "the clinic had run out of vaccine", .indirect)]),
        Row(text: "According to Maria Lopez, the vote was delayed by a week.",
            quotes: [("Maria Lopez", "Maria Lopez", "the vote was delayed by a week", .indirect)]),
        Row(text: "The vote was delayed by a week, according to Maria Lopez.",
            quotes: [("Maria Lopez", "Maria Lopez", "The vote was delayed by a week", .indirect)]),
        Row(text: "Maria Lopez told reporters that the vote was delayed by a week.",
            quotes: [("Maria Lopez", "Maria Lopez", "that the vote was delayed by a week", .indirect)]),
        Row(text: "The vote was delayed by a week, Lopez said.",
            quotes: [("Lopez", "Lopez", "The vote was delayed by a week", .indirect)]),
        Row(text: "Lopez on Thursday said the vote was delayed by a week.",
            quotes: [("Lopez", "Lopez", "the vote was delayed by a week", .indirect)]),
        Row(text: "Lopez said “both pressure and diplomatic options” are being considered.",
            quotes: [("Lopez", "Lopez", "“both pressure and diplomatic options” are being considered", .mixed)]),
        Row(text: "Lopez left the talks until it changes its “hostile policies”.", quotes: []),
        // The name owns or modifies the head: the speaker is the head, not the named person.
        Row(text: "Hugh Hill's closest ally said the vote was delayed by a week.",
            quotes: [("Hugh Hill's closest ally", "Hugh Hill's closest ally", "the vote was delayed by a week",
                      .indirect)]),
        Row(text: "A Lopez aide said the vote was delayed by a week.",
            quotes: [("A Lopez aide", "A Lopez aide", "the vote was delayed by a week", .indirect)]),
        // A name that only modifies the head (before a lower-case head, or a place after the head's preposition)
        // is not the speaker: the phrase is, with no entity. An organisation after "for" still speaks.
        Row(text: "The unnamed woman from Ohio said the ink ran out early.",
            quotes: [("The unnamed woman from Ohio", "The unnamed woman from Ohio", "the ink ran out early",
                      .indirect)]),
        Row(text: "The New Jersey government said the bridge would close.",
            quotes: [("The New Jersey government", "The New Jersey government", "the bridge would close",
                      .indirect)]),
        Row(text: "The Lopez campaign said the vote was delayed by a week.",
            quotes: [("The Lopez campaign", "The Lopez campaign", "the vote was delayed by a week", .indirect)]),
        Row(text: "A spokesman for the Washington Post said the story was accurate.",
            quotes: [("A spokesman for the Washington Post", "Washington Post", "the story was accurate",
                      .indirect)]),
        // A speaker's name as the text's last token (no final period) once read past the token array.
        Row(text: "“We will win,” said Hugh Hill",
            quotes: [("Hugh Hill", "Hugh Hill", "We will win,", .direct)]),
        Row(text: "“Be yourself.” ― Hugh Hill",
            quotes: [("Hugh Hill", "Hugh Hill", "Be yourself.", .direct)]),
        // An introductory phrase before the subject is no part of the speaker's mention.
        Row(text: "During his time on the witness stand Hugh Hill said the vote was delayed by a week.",
            quotes: [("Hugh Hill", "Hugh Hill", "the vote was delayed by a week", .indirect)]),
        Row(text: "A source said the talks had collapsed on Friday night.",
            quotes: [("A source", "A source", "the talks had collapsed on Friday night", .indirect)]),
        Row(text: "Officials said the road would reopen in May.",
            quotes: [("Officials", "Officials", "the road would reopen in May", .indirect)]),
        Row(text: "Maria Lopez arrived late. “We are not ready,” she said.",
            quotes: [("she", "Maria Lopez", "We are not ready,", .direct)]),
        // A pronoun passes over a person whose honorifics give the other gender.
        Row(text: "Ms Lopez said the deal was good. The money came from Mr Hill. “We are ready,” she said.",
            quotes: [("Ms Lopez", "Ms Lopez", "the deal was good", .indirect),
                     ("she", "Ms Lopez", "We are ready,", .direct)]),
        // A pronoun that spoke before any name in its sentence carries on its chain: the name after its cue is
        // what it talked about (regression: "he" went to Mr Blair, from the content of the sentence before).
        Row(text: "Charles Kennedy spoke in London. But he said Mr Blair had lost the trust of voters. “There is a "
                + "lack of trust in Tony Blair,” he said.",
            quotes: [("he", "Charles Kennedy", "Mr Blair had lost the trust of voters", .indirect),
                     ("he", "Charles Kennedy", "There is a lack of trust in Tony Blair,", .direct)]),
        // ... and so does a possessive "his" that owned a noun cue.
        Row(text: "Mr Hill spoke on Monday. It followed his claim that Mr Lee lied. “It will work,” he said.",
            quotes: [("his", "Mr Hill", "that Mr Lee lied", .indirect), ("he", "Mr Hill", "It will work,", .direct)]),
        Row(text: "Mr Hill met Ms Lopez. “We are not ready,” she said.",
            quotes: [("she", "Ms Lopez", "We are not ready,", .direct)]),
        Row(text: "Ms Lopez met Mr Hill. “We are not ready,” he said.",
            quotes: [("he", "Mr Hill", "We are not ready,", .direct)]),
        Row(text: "Maria Lopez, who chairs the panel, said the report was flawed.",
            quotes: [("Maria Lopez", "Maria Lopez", "the report was flawed", .indirect)]),
        Row(text: "Lopez, who said the report was flawed, left early.",
            quotes: [("who", "Lopez", "the report was flawed", .indirect)]),
        Row(text: "Most of them were voters who said the plan was unfair.",
            quotes: [("who", "voters", "the plan was unfair", .indirect)]),
        Row(text: "“The dialogue must be equal,” Son-hui was quoted as saying by the agency.",
            quotes: [("Son-hui", "Son-hui", "The dialogue must be equal,", .direct)]),
        // "X was quoted as saying (that) CLAUSE" reports the clause as well as a direct quote.
        Row(text: "Bob Jones was quoted as saying the deal had collapsed.",
            quotes: [("Bob Jones", "Bob Jones", "the deal had collapsed", .indirect)]),
        Row(text: "Bob Jones was quoted as saying that the deal had collapsed.",
            quotes: [("Bob Jones", "Bob Jones", "that the deal had collapsed", .indirect)]),
        // A relative pronoun speaks only for an antecedent that can speak ("a group that ..."), never for a clause
        // or thing ("the hurdles - which could explain ...").
        Row(text: "Lopez trained only over the hurdles - which could explain her leap in form.",
            quotes: [(nil, nil, "her leap in form", .indirect)]),
        // The object of a preposition before an aside is no subject; the named aside is the speaker.
        Row(text: "Others, such as the middle of the road, Coalition of Non-governmental Organizations, have lauded "
                + "the move as an important step forward.",
            quotes: [("Coalition of Non-governmental Organizations", "Coalition of Non-governmental Organizations",
                      "the move as an important step forward", .indirect)]),
        // An opening participle phrase never takes the main clause that has its own subject and cue.
        Row(text: "Commenting on the delay, Lopez said that the market was weak.",
            quotes: [("Lopez", "Lopez", "that the market was weak", .indirect)]),
        // Emoji and control characters between words degrade locally: the attribution still reads.
        Row(text: "John Smith 😀 said “we will win 🎉” on Monday 👍🏽.",
            quotes: [("John Smith", "John Smith", "“we will win 🎉” on Monday", .mixed)]),
        Row(text: "John Smith said \u{0}\"no\".",
            quotes: [("John Smith", "John Smith", "no", .direct)]),
        Row(text: "Lopez stressed that the United States is committed to peace.",
            quotes: [("Lopez", "Lopez", "that the United States is committed to peace", .indirect)]),
        Row(text: "The United States maintained a presence in the region.", quotes: []),
        Row(text: "Lopez urged China to convince North Korea to stop.",
            quotes: [("Lopez", "Lopez", "China to convince North Korea to stop", .indirect)]),
        Row(text: "“I’m so ashamed,” ― Carla Sanchez.",
            quotes: [("Carla Sanchez", "Carla Sanchez", "I’m so ashamed,", .direct)]),
        Row(text: "LOPEZ: Well, look, we never said that about the plan.",
            quotes: [("LOPEZ", "LOPEZ", "Well, look, we never said that about the plan", .indirect)]),
        Row(text: "Lopez said. The end.", quotes: []),
        // A first-person pronoun in quoted text is the quoted person talking, never the speaker: not inside marks,
        // not after an opening mark left unclosed, not after "CUE:".
        Row(text: "Maria Lopez arrived. \"I said the war was over, she said.",
            quotes: [("she", "Maria Lopez", "I said the war was over", .indirect)]),
        Row(text: "Maria Lopez arrived. \"We told them the plan would fail, she said.",
            quotes: [("she", "Maria Lopez", "We told them the plan would fail", .indirect)]),
        Row(text: "Maria Lopez wrote: my father said the war was over.", quotes: []),
        Row(text: "“I know what I said,” Lopez said. “I said it would be hard.”",
            quotes: [("Lopez", "Lopez", "I know what I said,” Lopez said. “I said it would be hard.", .direct)]),
        // A subordinate clause after the closing mark is the writer's, not part of a mixed quote.
        Row(text: "Trump said “That makes me smart,” when Clinton raised the issue of his taxes.",
            quotes: [("Trump", "Trump", "That makes me smart,", .direct)]),
        Row(text: "Trump said “both pressure and diplomatic options” are being considered.",
            quotes: [("Trump", "Trump", "“both pressure and diplomatic options” are being considered", .mixed)]),
        // A quoted title in the attribution's venue phrase is no resumed quote: the quote resumes after it.
        Row(text: "“We will win this race in Ohio,” Lopez said on Fox News’s “Fox and Friends.” “The race is close in "
                + "every state.”",
            quotes: [("Lopez", "Lopez", "We will win this race in Ohio,” Lopez said on Fox News’s “Fox and Friends.” "
                        + "“The race is close in every state.", .direct)]),
        Row(text: "“I know what I said,” Lopez said after the vote. Officials left. “I said it would be hard.”",
            quotes: [("Lopez", "Lopez", "I know what I said,", .direct),
                     ("Lopez", "Lopez", "I said it would be hard.", .direct)]),
        // Outside quoted text a first-person writer is a speaker like any other (columns, letters).
        Row(text: "I said the plan would fail.", quotes: [("I", "the author", "the plan would fail", .indirect)]),
        // Reported clauses: "said no ..." opening a clause, a phrase before a subject pronoun, a predicate
        // coordinated with the sentence's subject, a plain subject the phrase reader cannot take, and ", but he
        // said ..." starting a second attribution.
        Row(text: "A lawyer for the firm said no decision had been made about an appeal.",
            quotes: [("A lawyer for the firm", "A lawyer for the firm", "no decision had been made about an appeal",
                      .indirect)]),
        Row(text: "Lopez said after the meeting she would resign within a week.",
            quotes: [("Lopez", "Lopez", "she would resign within a week", .indirect)]),
        Row(text: "Lopez thanked the staff and said the plan would work.",
            quotes: [("Lopez", "Lopez", "the plan would work", .indirect)]),
        Row(text: "Experts on trade and industrial policy said the new tariffs could backfire.",
            quotes: [("Experts", "Experts", "the new tariffs could backfire", .indirect)]),
        Row(text: "Lopez said the rules should change, but she said the debate should wait.",
            quotes: [("Lopez", "Lopez", "the rules should change", .indirect),
                     ("she", "Lopez", "the debate should wait", .indirect)]),
        Row(text: "The Justice Department filed a complaint. It says the ads broke the law.",
            quotes: [("It", "Justice Department", "the ads broke the law", .indirect)]),
        // The subject of a passive cue is no speaker: what unnamed critics said of it is a quote with no speaker.
        Row(text: "Lopez was criticised for the plan.",
            quotes: [(nil, nil, "Lopez was criticised for the plan", .indirect)]),
        Row(text: "Lopez was criticised for saying the plan would work.",
            quotes: [("Lopez", "Lopez", "the plan would work", .indirect)]),
        Row(text: "Lopez left early, even saying the plan would fail.",
            quotes: [("Lopez", "Lopez", "the plan would fail", .indirect)]),
        // An attribution set inside its clause: the content runs around it; a cue word used as a noun reports
        // nothing ("concerns have dogged ...").
        Row(text: "The bridge, Lopez said, would reopen in May.",
            quotes: [("Lopez", "Lopez", "The bridge, Lopez said, would reopen in May", .indirect)]),
        Row(text: "Health worries have dogged the campaign for a month.", quotes: []),
        // Quoted words no cue's content takes are a title or scare quotes, not a quote of their own.
        Row(text: "Lopez told “Morning Joe” on Friday that the plan was ready.",
            quotes: [("Lopez", "Lopez", "that the plan was ready", .indirect)]),
        // A few quoted words opening a sentence that runs on after them are a term, title or name used in the
        // sentence ("“Angels” isn't a bad song"), no quote, not even beside an attributed one; with their own
        // punctuation or a comma they are a quote.
        Row(text: "“We lost,” Lopez said. “Angels” isn't a bad song.",
            quotes: [("Lopez", "Lopez", "We lost,", .direct)]),
        Row(text: "Lopez arrived.\n\n'Lite' versions of existing games could be the way forward.", quotes: []),
        Row(text: "'Strong dollar' call halts slide\n\nThe dollar rose.", quotes: []),
        Row(text: "The talks went on. “It was a bad night.” Nobody left.",
            quotes: [(nil, nil, "It was a bad night.", .direct)]),
        // A speaker phrase stops at the verb it ran over (an -ed form or a light verb before its object's
        // determiner, or an auxiliary read rightwards): the verb's subject speaks.
        Row(text: "The cardinal used a radio message to denounce the war as a waste of money.",
            quotes: [("The cardinal", "The cardinal", "the war as a waste of money", .indirect)]),
        Row(text: "The agency sent an official warning to the sprinters.",
            quotes: [("The agency", "The agency", "to the sprinters", .indirect)]),
        Row(text: "The singer made a statement denying the report.",
            quotes: [("The singer", "The singer", "the report", .indirect)]),
        Row(text: "The bank gave no details of how the records disappeared, but said they had not been misused.",
            quotes: [("The bank", "The bank", "they had not been misused", .indirect)]),
        Row(text: "The chancellor has already unveiled proposals for a new tax.",
            quotes: [("The chancellor", "The chancellor", "proposals for a new tax", .indirect)]),
        // A participle before a preposition and an adjective after a determiner are part of the phrase.
        Row(text: "The company named in the lawsuit denied the claims.",
            quotes: [("The company named in the lawsuit", "The company named in the lawsuit", "the claims",
                      .indirect)]),
        Row(text: "Lopez is telling voters that the plan will work.",
            quotes: [("Lopez", "Lopez", "that the plan will work", .indirect)]),
        // A cue inside a relative clause reports the rest of it ("which Lopez said were unfair").
        Row(text: "The rules, which Lopez said were unfair, changed in May.",
            quotes: [("Lopez", "Lopez", "were unfair", .indirect)]),
        // A headline's document-like source before a colon is a label even when the tagger calls it a place.
        Row(text: "Ohio Poll: Clinton leads Trump by five points",
            quotes: [("Ohio Poll", "Ohio Poll", "Clinton leads Trump by five points", .indirect)]),
        // A cue and colon closing a paragraph introduce a block quotation set without marks.
        Row(text: "Lopez added:\n\nThe plan has been tested for a year. It works.",
            quotes: [("Lopez", "Lopez", "The plan has been tested for a year. It works", .indirect)]),
        // A line that is only quoted words without final punctuation is a subheading, not a quote.
        Row(text: "Lopez arrived.\n\n‘Equal footing must be created’\n\nThe talks went on.", quotes: []),
        Row(text: "“Equal footing must be created”", quotes: []),
        // A first person in the text's own voice (a column, a reader's comment) is its author: PolNeAR annotates
        // such statements, so they stay, named "the author" with no entity.
        Row(text: "I think the song should have won.",
            quotes: [("I", "the author", "the song should have won", .indirect)]),
        Row(text: "Personally I believe the vote was a joke.",
            quotes: [("I", "the author", "the vote was a joke", .indirect)]),
        // An imperative's "Do" is no speaker: a phrase of only determiners and skip words is none.
        Row(text: "Don't blame Bush for the war in Iraq.", quotes: [(nil, nil, "Bush for the war in Iraq", .indirect)]),
        // A spaced dash ends a clause: no speaker phrase runs across it ("the past - we").
        Row(text: "Lopez argued: “We mustn't dwell on the past - we must be optimistic about the future.”",
            quotes: [("Lopez", "Lopez", "We mustn't dwell on the past - we must be optimistic about the future.",
                      .direct)]),
        // An -ly adverb between the name and the cue is no part of the speaker.
        Row(text: "Lopez flatly denied the plan had failed.",
            quotes: [("Lopez", "Lopez", "the plan had failed", .indirect)]),
    ]

    @Test(arguments: rows)
    func patternYieldsQuotes(_ row: Row) {
        let doc = QuoteTestDocuments.analyze(row.text)
        let got = QuoteTestDocuments.summary(doc)
        #expect(got.count == row.quotes.count, "\(got)")
        for (g, e) in zip(got, row.quotes) {
            #expect(g.content == e.content)
            #expect(g.kind == e.kind)
            #expect(g.mention == e.mention)
            #expect(g.name == e.name)
        }
    }

    @Test func continuationParagraphKeepsSpeaker() {
        let doc = QuoteTestDocuments.analyze("“We are ready,” Lopez said.\n\n“The plan has been tested for a year.”")
        #expect(doc.quotes.count == 2)
        #expect(doc.quotes.last?.speaker?.name == "Lopez")
        #expect(doc.quotes.last?.rule == "direct.continuation")
    }

    /// A transcript set in quote marks: each turn runs over the quoted paragraphs up to the next name or stage
    /// direction, and a cue inside a turn ("thinks ...") is part of it, not a quote of its own.
    @Test func transcriptTurnRunsToTheNextName() {
        let text = """
            Partial transcript as follows:

            "WALLACE: Will she be at the debate tomorrow night?

            "PENCE: Well, look, Lopez apparently thinks this is a game show.

            "But the truth is that the campaign has a plan.

            "(CROSSTALK.)

            "WALLACE: We have to leave it there, Governor.
            """
        let doc = QuoteTestDocuments.analyze(text)
        let got = QuoteTestDocuments.summary(doc)
        #expect(got.map(\.rule) == Array(repeating: "direct.transcript-turn", count: 3), "\(got)")
        #expect(got.map(\.mention) == ["WALLACE", "PENCE", "WALLACE"])
        #expect(got.map(\.content) == [
            "Will she be at the debate tomorrow night",
            "Well, look, Lopez apparently thinks this is a game show.\n\n"
                + "\"But the truth is that the campaign has a plan",
            "We have to leave it there, Governor",
        ])
    }

    @Test func quotedLineWithFinalPunctuationIsKeptUnattributed() {
        let doc = QuoteTestDocuments.analyze("The talks went on.\n\n“Equal footing must be created.”")
        #expect(QuoteTestDocuments.summary(doc).map(\.rule) == ["direct.unattributed"])
    }

    /// A short title-case line in quote marks is a subheading even with a full stop: no continuation of the
    /// speaker of the paragraph before.
    @Test(arguments: ["'All Bets Are Off.'", "“Coal Isn't the Villain.”"])
    func quotedTitleCaseLineIsASubheading(_ line: String) {
        let doc = QuoteTestDocuments.analyze("“We are ready,” Lopez said.\n\n\(line)\n\nThe talks went on.")
        #expect(QuoteTestDocuments.summary(doc).map(\.rule) == ["direct.then-cue"])
    }

    @Test func quoteInSameParagraphTakesNearestSpeaker() {
        let doc = QuoteTestDocuments.analyze(
            "“We are ready,” Lopez said. Officials left. “The plan has been tested for a year.”")
        #expect(doc.quotes.map(\.rule) == ["direct.then-cue", "direct.same-paragraph"])
        #expect(doc.quotes.last?.speaker?.name == "Lopez")
    }

    /// “A,” X said, “B.” and “A,” X said. “B.” are one quote split by its attribution (PolNeAR annotates them as
    /// one content); the content runs from the first piece to the last.
    @Test(arguments: ["“We are ready,” Lopez said, “and the plan has been tested.”",
                      "“We are ready,” Lopez said. “The plan has been tested.”",
                      "“We are ready,” said Lopez, a city engineer. “The plan has been tested.”"])
    func splitQuoteIsOneQuote(_ text: String) {
        let doc = QuoteTestDocuments.analyze(text)
        #expect(doc.quotes.count == 1)
        let q = doc.quotes.first
        #expect(q?.rule == "direct.then-cue+split")
        #expect(q.map { doc.text($0.content).hasPrefix("We are ready,”") && doc.text($0.content).hasSuffix("tested.") }
            == true)
        #expect(q?.speaker?.name == "Lopez")
    }

    /// A split quote is one quote however long its attribution (up to 40 tokens): its parts are the two pieces
    /// without the attribution, so the quote's words are the speaker's (PolNeAR: one discontinuous content).
    @Test(arguments: [
        "“We are ready,” said Lopez, a city engineer who has worked on the new bridge over the river for many years. " +
            "“It works.”",
        "“Yes,” said Lopez, a city engineer who has worked on the new bridge over the river for many years. " +
            "“The plan has been tested.”",
        "“We are ready,” said Tom Lee, a spokesman for the army. “We will go.”"])
    func splitQuoteAfterLongAttributionIsOneQuoteInParts(_ text: String) {
        let doc = QuoteTestDocuments.analyze(text)
        #expect(doc.quotes.map(\.rule) == ["direct.then-cue+split"])
        guard let q = doc.quotes.first else { return }
        #expect(q.parts.count == 2)
        let pieces = q.parts.map { doc.text($0) }
        #expect(pieces.first?.hasSuffix(",") == true && pieces.last?.hasSuffix(".") == true)
        #expect(!pieces.joined().contains("said"))
        #expect(["Lopez", "Tom Lee"].contains(q.speaker.map { doc.text($0.mention) } ?? ""))
    }

    /// A reported clause before its attribution continues in a quote resuming right after it (PolNeAR annotates
    /// both as one content): one mixed quote from the clause to the quote's end.
    @Test func quoteResumingAfterReportedClauseJoinsIt() {
        let got = QuoteTestDocuments.summary(QuoteTestDocuments.analyze(
            "The summit accomplished “too little,” Lopez added on Twitter. “Without changing policies on the " +
            "economy, Europe risks a lot.”"))
        #expect(got.map(\.rule) == ["reported.then-cue+split"])
        #expect(got.map(\.kind) == [.mixed])
        #expect(got.first.map { $0.content.hasPrefix("The summit") && $0.content.hasSuffix("risks a lot.") } == true)
        #expect(got.map(\.mention) == ["Lopez"])
    }

    /// A quote running over paragraphs (each reopens, only the last closes) is one quote.
    @Test func multiParagraphQuoteIsOneQuote() {
        let doc = QuoteTestDocuments.analyze("Lopez said: “We are ready.\n\n“The plan has been tested for a year.”")
        #expect(QuoteTestDocuments.summary(doc).map(\.content)
            == ["We are ready.\n\n“The plan has been tested for a year."])
        #expect(doc.quotes.first?.speaker?.name == "Lopez")
    }

    /// A reader cites a split or multi-paragraph quote by its words: `parts` are the pieces without the
    /// attribution between them or the paragraph's reopening mark, and `text(of:)` joins them; a quote in one
    /// piece has no parts.
    @Test(arguments: [
        ("“We are ready,” Lopez said, “and the plan has been tested.”",
         ["We are ready,", "and the plan has been tested."]),
        ("“We are ready,” said Lopez, a city engineer. “The plan has been tested.”",
         ["We are ready,", "The plan has been tested."]),
        ("The summit accomplished “too little,” Lopez added on Twitter. “Europe risks a lot.”",
         ["The summit accomplished “too little,”", "Europe risks a lot."]),
        ("Lopez said: “We are ready.\n\n“The plan has been tested for a year.”",
         ["We are ready.", "The plan has been tested for a year."]),
        ("Lopez said: “We are ready.\n\n“The plan has been tested.\n\n“It works.”",
         ["We are ready.", "The plan has been tested.", "It works."]),
        ("Lopez said: “We are ready.\n\n\u{FEFF}“The plan has been tested.”",
         ["We are ready.", "The plan has been tested."]),
        // A reported clause with its attribution inside is cited without it, as PolNeAR annotates it.
        ("The park, Lopez said, is usually full on Sundays.", ["The park", "is usually full on Sundays"]),
        // ... and so is one with the attribution inverted (it found no quote, or the cue's object).
        ("The park, says Lopez, is usually full on Sundays.", ["The park", "is usually full on Sundays"]),
        ("Worryingly, argues the report, gangs are getting smarter.", ["Worryingly", "gangs are getting smarter"]),
        ("“We are ready,” Lopez said.", []),
    ])
    func splitQuotePartsLeaveOutTheAttributionAndReopeningMarks(_ text: String, _ parts: [String]) {
        let doc = QuoteTestDocuments.analyze(text)
        #expect(doc.quotes.count == 1)
        guard let q = doc.quotes.first else { return }
        #expect(q.parts.map { doc.text($0) } == parts)
        #expect(doc.text(of: q) == (parts.isEmpty ? doc.text(q.content) : parts.joined(separator: " ")))
        #expect(q.parts.allSatisfy { $0.start >= q.content.start && $0.end <= q.content.end })
    }

    /// A quote after an attribution that has its own cue is its own quote, not the rest of a split one.
    @Test func quoteWithItsOwnCueIsNotASplit() {
        let a = QuoteTestDocuments.summary(
            QuoteTestDocuments.analyze("“We are ready,” Lopez said. “We are not,” Hill said."))
        #expect(a.map(\.content) == ["We are ready,", "We are not,"])
        #expect(a.map(\.name) == ["Lopez", "Hill"])
        let b = QuoteTestDocuments.summary(
            QuoteTestDocuments.analyze("“A plan is ready,” Lopez said, “and it is tested,” she added."))
        #expect(b.map(\.content) == ["A plan is ready,", "and it is tested,"])
        #expect(b.map(\.kind) == [.direct, .direct])
    }

    /// A splitter cut after an abbreviation ("R-Ky.") leaves ", said Tuesday." as a sentence of its own; the
    /// quote sieves read it as the rest of the sentence before.
    @Test func attributionCutByAnAbbreviationStillAttributes() {
        let doc = QuoteTestDocuments.analyze("“The veto will be overridden,” Mitch McConnell, R-Ky., said Tuesday.")
        #expect(doc.sentences.count == 2)
        #expect(doc.quotes.map(\.rule) == ["direct.then-cue"])
        #expect(doc.quotes.first?.speaker?.name == "Mitch McConnell")
    }

    /// A quote opening the paragraph after one that ends with a quote continues that speaker, even when someone
    /// else speaks later in its paragraph after a sentence of narrative; with no narrative between, the nearest
    /// speaker in the paragraph still speaks.
    @Test(arguments: [
        ("“We are ready,” Lopez said.\n\n“The plan has been tested.” The vote is on Monday. Smith said it was weak.",
         "Lopez"),
        ("“We are ready,” Lopez said.\n\n“The plan has been tested.” “It is weak,” Smith said.", "Smith"),
        ("Lopez spoke first.\n\n“The plan has been tested.” The vote is on Monday. Smith said it was weak.", "Smith"),
    ])
    func continuationOverNarrative(_ text: String, _ speaker: String) {
        let doc = QuoteTestDocuments.analyze(text)
        let quote = doc.quotes.first { doc.text($0.content) == "The plan has been tested." }
        #expect(quote?.speaker?.name == speaker, "\(doc.quotes)")
    }

    @Test func paragraphContinuationStaysItsOwnQuote() {
        let doc = QuoteTestDocuments.analyze("“We are ready,” Lopez said.\n\n“The plan has been tested.”")
        #expect(doc.quotes.map(\.rule) == ["direct.then-cue", "direct.continuation"])
    }

    /// An outlet ("Breakfast with Frost", "the Times newspaper") is never a pronoun's antecedent nor the speaker.
    @Test(arguments: [
        ("Liam Fox arrived. In an interview on the BBC's Breakfast with Frost programme, he said the plan would work.", "he",
         "Liam Fox"),
        ("Danny Kruger arrived. Mr Kruger was quoted in the Times newspaper as saying the plan would work.",
         "Mr Kruger", "Danny Kruger"),
    ])
    func outletIsNeverTheSpeaker(_ text: String, _ mention: String, _ name: String) {
        let doc = QuoteTestDocuments.analyze(text)
        let q = doc.quotes.last
        #expect(q.map { doc.text($0.speaker!.mention) } == mention)
        #expect(q?.speaker?.name == name)
    }

    /// A pronoun with no antecedent, or a generic "you", keeps its mention but names no one (Speaker.name nil, no
    /// entity); one with an antecedent takes its name.
    @Test(arguments: [
        ("He said the plan would work.", "He", nil as String?),
        ("They said the plan would work.", "They", nil),
        ("You said the plan would work.", "You", nil),
        ("Tony Blair arrived. He said the plan would work.", "He", "Tony Blair"),
    ])
    func unresolvedPronounNamesNoOne(_ text: String, _ mention: String, _ name: String?) {
        let doc = QuoteTestDocuments.analyze(text)
        let q = doc.quotes.last
        #expect(q.map { doc.text($0.speaker!.mention) } == mention)
        #expect(q?.speaker?.name == name)
        #expect((q?.speaker?.entity != nil) == (name != nil))
    }

    /// A relative pronoun's antecedent is the noun phrase after the last preposition (words.tsv preposition) or
    /// -ed verb the phrase before it runs over; place and time prepositions (venueprep) stay inside it.
    @Test(arguments: [
        ("The rapper has been sued for $25m (£13m) by a make-up artist who claimed he lied.", "a make-up artist"),
        ("The rap star sued a woman who claimed he lied.", "a woman"),
        ("Nothing matched the cynicism of experts who said the plan would fail.", "experts"),
        ("A spokesman for the council, who said the plan would fail, left early.", "A spokesman for the council"),
        ("Officials from the city council who said the plan would fail left early.",
         "Officials from the city council"),
    ])
    func relativePronounTakesTheNearestNounPhrase(_ text: String, _ name: String) {
        let doc = QuoteTestDocuments.analyze(text)
        let q = doc.quotes.first { $0.speaker.map { doc.text($0.mention) } == "who" }
        #expect(q?.speaker?.name == name)
    }

    /// A role phrase with a person's name set off after it ("the work's author, US playwright Eve Ensler, says")
    /// is that person speaking; an aside that only holds a name after a preposition is no appositive.
    @Test(arguments: [
        ("But the work's author, playwright Eve Ensler, says the play is about empowerment.",
         "the work's author, playwright Eve Ensler", "Eve Ensler" as String?),
        ("The airline, the brainchild of Mr Mallya, expects to start flying in April.", "The airline", nil),
    ])
    func roleWithAnAppositiveNameIsThatPerson(_ text: String, _ mention: String, _ name: String?) {
        let doc = QuoteTestDocuments.analyze(text)
        let q = doc.quotes.first
        #expect(q.map { doc.text($0.speaker!.mention) } == mention)
        #expect(q?.speaker?.entity.map { doc.entities[$0].name } == name)
    }

    /// Regression: a person mention that begins at the comma after a role phrase (a tagger's odd span) made the
    /// appositive check build a range whose end came before its start, a trap; now it is no appositive.
    @Test func personMentionStartingAtTheCommaAfterARoleDoesNotTrap() {
        var doc = TestResources.split("The work's author, Eve Ensler, says the play is hers.")
        QuoteTestDocuments.addMentions(&doc)
        let comma = doc.tokens.firstIndex { $0.text == "," }!
        let ensler = doc.mentions.firstIndex { doc.text($0.chars) == "Eve Ensler" }!
        let end = doc.mentions[ensler].tokens.upperBound
        doc.mentions[ensler].tokens = comma..<end
        doc.mentions[ensler].chars = CharRange(doc.tokens[comma].start, doc.tokens[end - 1].end)
        QuoteTestDocuments.extractor.process(&doc)
        #expect(doc.quotes.count == 1)
    }

    @Test func titleResolvesToEntityWithThatRole() {
        let text = "Maria Lopez arrived in Seoul. The minister said the talks would resume soon."
        let doc = QuoteTestDocuments.analyze(text, roles: ["Lopez": "Foreign Minister"])
        let q = doc.quotes.first
        #expect(q.map { doc.text($0.speaker!.mention) } == "The minister")
        #expect(q?.speaker?.name == "Maria Lopez")
        #expect(q?.speaker?.entity != nil)
    }

    /// A title resolves only to a role that holds all its lower-case words and no rank word it lacks; a name
    /// modifying a title ("the Tory leader") is not the speaker; "the prime minister's" is looked up without 's.
    @Test(arguments: [
        ("Oliver Letwin arrived. The chancellor said taxes would rise.", ["Letwin": "Shadow chancellor"],
         "The chancellor", nil as String?),
        ("John Prescott arrived. The prime minister said taxes would rise.", ["Prescott": "Deputy Prime Minister"],
         "The prime minister", nil),
        ("Jack Straw arrived. The prime minister said taxes would rise.", ["Straw": "Foreign Minister"],
         "The prime minister", nil),
        ("Tony Blair arrived. The prime minister said taxes would rise.", ["Blair": "Prime Minister"],
         "The prime minister", "Tony Blair"),
        ("Douglas Hogg arrived. The prime minister said taxes would rise.", ["Hogg": "minister"],
         "The prime minister", nil),
        ("Chris Leslie arrived. The courts minister said taxes would rise.", ["Leslie": "minister"],
         "The courts minister", "Chris Leslie"),
        ("Michael Douglas arrived. The 60-year-old actor said he would return.", ["Douglas": "Actor"],
         "The 60-year-old actor", "Michael Douglas"),
        ("Michael Howard arrived. The Tory leader said taxes would fall.", ["Howard": "leader"],
         "The Tory leader", "Michael Howard"),
        ("Tony Blair arrived. The prime minister's enthusiasm for the job remains undimmed.",
         ["Blair": "Prime Minister"], "The prime minister's", "Tony Blair"),
        // The title's names must not contradict those written before the holder's mentions.
        ("Liberal Democrat leader Charles Kennedy spoke. The Tory leader said taxes would fall.",
         ["Kennedy": "leader"], "The Tory leader", nil),
        ("Tory leader Michael Howard met Liberal Democrat leader Charles Kennedy. The Tory leader said taxes would "
            + "fall.", ["Howard": "leader", "Kennedy": "leader"], "The Tory leader", "Michael Howard"),
        ("Tory finance spokesman Kim Roe arrived. The Tory finance spokesman said taxes would fall.",
         ["Roe": "finance spokesman"], "The Tory finance spokesman", "Kim Roe"),
        // A rank word written before the holder's name ("Former chancellor") is another office.
        ("Former chancellor Ken Clarke arrived. The chancellor said taxes would rise.", ["Clarke": "chancellor"],
         "The chancellor", nil),
        // The title's head must be the role's head, the word before its preposition.
        ("Alexandra Tower, spokeswoman for the bank, spoke. The bank said profits rose.",
         ["Tower": "spokeswoman for the bank"], "The bank", nil),
        ("Kim Roe arrived. The foreign minister of Korea said talks would resume.",
         ["Roe": "foreign minister of Korea"], "The foreign minister of Korea", "Kim Roe"),
        // An owner is no title word, but the one holder must be unique, and an owner that is an office makes an
        // aide's title.
        ("Kim Roe arrived. The company's chief executive said profits rose.", ["Roe": "chief executive"],
         "The company's chief executive", "Kim Roe"),
        ("Kim Roe and Pat Lee arrived. The company's chief executive said profits rose.",
         ["Roe": "chief executive", "Lee": "chief executive"], "The company's chief executive", nil),
        ("Tony Blair met Kim Roe. The prime minister's spokesman said taxes would rise.",
         ["Blair": "Prime Minister", "Roe": "spokesman"], "The prime minister's spokesman", nil),
        // An indefinite title introduces someone: never one already named, and a bare "a spokesman" no one.
        ("A judge said the case was closed. Kim Roe left.", ["Roe": "Judge"], "A judge", "Kim Roe"),
        ("Kim Roe arrived. A judge said the case was closed.", ["Roe": "Judge"], "A judge", nil),
        ("A spokesman said profits rose. Kim Roe left.", ["Roe": "spokesman"], "A spokesman", nil),
    ])
    func titleResolvesOnlyToTheSameOffice(_ text: String, _ roles: [String: String], _ mention: String,
                                          _ entityName: String?) {
        let doc = QuoteTestDocuments.analyze(text, roles: roles)
        let q = doc.quotes.first
        #expect(q.map { doc.text($0.speaker!.mention) } == mention)
        #expect(q?.speaker?.entity.map { doc.entities[$0].name } == entityName)
    }

    /// A nationality in a title ("The Welsh striker") does not contradict a club or party written before the
    /// holder ("Newcastle striker Craig Bellamy"): the title describes that holder, when no other fits; two
    /// nationalities that differ still make another holder.
    @Test(arguments: [
        ("Newcastle striker Craig Bellamy arrived. The Welsh striker said he would stay.", ["Bellamy": "striker"],
         "Craig Bellamy" as String?),
        ("Newcastle striker Craig Bellamy met Arsenal striker Thierry Henry. The Welsh striker said he would stay.",
         ["Bellamy": "striker", "Henry": "striker"], nil),
        ("Scottish striker Craig Bellamy arrived. The Welsh striker said he would stay.", ["Bellamy": "striker"],
         nil),
    ])
    func nationalityInATitleDescribesTheOneHolder(_ text: String, _ roles: [String: String], _ name: String?) {
        var doc = TestResources.split(text)
        QuoteTestDocuments.addMentions(&doc, roles: roles)
        for e in doc.entities.indices {
            if ["Welsh", "Scottish"].contains(doc.entities[e].name) { doc.entities[e].type = .misc }
            if ["Newcastle", "Arsenal"].contains(doc.entities[e].name) { doc.entities[e].type = .organization }
        }
        QuoteTestDocuments.extractor.process(&doc)
        let q = doc.quotes.first
        #expect(q.map { doc.text($0.speaker!.mention) } == "The Welsh striker", "\(text)")
        #expect(q?.speaker?.entity.map { doc.entities[$0].name } == name, "\(text)")
    }

    /// A definite description no role names ("the game maker") is the one person introduced earlier with its
    /// words right before a mention ("game maker Peter Molyneux"); not two such people, not a rank word the
    /// description lacks ("shadow chancellor"), not a person introduced after it, not a plural head.
    @Test(arguments: [
        ("It was game maker Peter Molyneux who spoke first. The game maker said he had one problem left.",
         "The game maker", "Peter Molyneux" as String?),
        ("It was game maker Peter Molyneux and game maker Will Wright. The game maker said he had one problem left.",
         "The game maker", nil),
        ("It was shadow chancellor Oliver Letwin who spoke. The chancellor said taxes would rise.",
         "The chancellor", nil),
        ("The game maker said he had one problem left. It was game maker Peter Molyneux.", "The game maker", nil),
        ("It was game makers Peter Molyneux and Will Wright. The game makers said they had one problem left.",
         "The game makers", nil),
    ])
    func descriptionIsTheOnePersonIntroducedWithIt(_ text: String, _ mention: String, _ name: String?) {
        let doc = QuoteTestDocuments.analyze(text)
        let q = doc.quotes.first
        #expect(q.map { doc.text($0.speaker!.mention) } == mention, "\(text)")
        #expect(q?.speaker?.entity.map { doc.entities[$0].name } == name, "\(text)")
    }

    /// he/she go to a person and "it" to an organisation by the entity's type, not only the mention's: a firm
    /// one mention of which the tagger called a person is no "he" (unless its name opens with a given name), a
    /// person tagged as a firm no "it"; "he" continues a spokesman for a firm, not the firm's own name.
    @Test(arguments: [
        ("Kim Roe spoke. Acme Motors reported sales. \u{201C}We are pleased,\u{201D} he said.", "Acme Motors",
         EntityType.organization, "Kim Roe" as String?),
        ("Bill Ford met the press. \u{201C}We are pleased,\u{201D} he said.", "Bill Ford", .organization,
         "Bill Ford"),
        ("The Labour Party met. \u{201C}We will win,\u{201D} it said.", "Labour Party", .person, nil),
        ("The Labour Party said taxes would fall. \u{201C}We will win,\u{201D} he added.", "Labour Party",
         .organization, nil),
        ("A spokesman for the Labour Party said taxes would fall. \u{201C}We will win,\u{201D} he added.",
         "Labour Party", .organization, "Labour Party"),
    ])
    func pronounAgreesWithItsEntityType(_ text: String, _ retyped: String, _ type: EntityType, _ name: String?) {
        var doc = TestResources.split(text)
        QuoteTestDocuments.addMentions(&doc)
        for e in doc.entities.indices where doc.entities[e].name == retyped { doc.entities[e].type = type }
        QuoteTestDocuments.extractor.process(&doc)
        let q = doc.quotes.last
        #expect(q.map { doc.text($0.content) }?.hasPrefix("We ") == true, "\(text)")
        #expect(q?.speaker?.entity.map { doc.entities[$0].name } == name, "\(text)")
    }

    @Test func nonNameSourceHasNoEntity() {
        let doc = QuoteTestDocuments.analyze("A senior official said the talks had collapsed.")
        #expect(doc.quotes.first?.speaker?.entity == nil)
        #expect(doc.quotes.first?.speaker?.name == "A senior official")
    }

    @Test func everyQuoteRecordsRuleAndConfidence() {
        let doc = QuoteTestDocuments.analyze("“We are ready,” Lopez said. Officials said the road would reopen in May.")
        #expect(doc.quotes.count == 2)
        for q in doc.quotes {
            #expect(!q.rule.isEmpty)
            #expect(q.confidence > 0 && q.confidence <= 1)
            #expect(q.cue != nil)
        }
    }

    @Test func existingQuotesAreKeptUnlessOverwrite() throws {
        var doc = TestResources.split("Lopez said the road would reopen in May.")
        QuoteTestDocuments.addMentions(&doc)
        let marker = Quote(content: CharRange(0, 5), kind: .direct, cue: nil, speaker: nil, rule: "given",
                           confidence: 1)
        doc.quotes = [marker]
        QuoteTestDocuments.extractor.process(&doc)
        #expect(doc.quotes == [marker])
        try QuoteExtractor(resources: TestResources.loader, overwrite: true).process(&doc)
        #expect(doc.quotes.first?.rule == "reported.cue-then")
    }

    /// A verb cues.tsv does not list reports its "that"-clause under its own rule name, so its provenance shows;
    /// a listed cue keeps its rule.
    @Test(arguments: [("Officials reasoned that the plant closed.", "reported.unlisted-that"),
                      ("Officials said that the plant closed.", "reported.cue-then")])
    func unlistedVerbWithThatClauseHasItsOwnRule(_ text: String, _ rule: String) {
        let doc = QuoteTestDocuments.analyze(text)
        #expect(doc.quotes.map(\.rule) == [rule])
        #expect(doc.quotes.first.map { $0.confidence < 0.5 } == (rule == "reported.unlisted-that"))
    }

    /// Regression: a plural noun before a relative "that" inside the clause ("countries that stand") is an unlisted
    /// candidate that is no cue; it must not cut the clause of the unlisted verb before it short.
    @Test(arguments: ["Lopez charges that countries that stand to benefit donated millions.",
                      "Officials reasoned that the states that joined the pact would gain."])
    func unlistedVerbClauseSurvivesARelativeThatInside(_ text: String) {
        let doc = QuoteTestDocuments.analyze(text)
        #expect(doc.quotes.map(\.rule) == ["reported.unlisted-that"])
        #expect(doc.quotes.first.map { doc.text($0.content).hasSuffix("millions") || doc.text($0.content)
            .hasSuffix("gain") } == true)
    }

    /// A free relative "what" before the speaker is the reported content when the cue's clause ends there; when
    /// a clause follows the cue reports that clause instead, and "which"/"that" relatives are no gap contents.
    @Test(arguments: [
        ("That was what Lopez said when she resigned.", "what", "reported.gap"),
        ("It is not what Lopez said.", "what", "reported.gap"),
        ("This is what Lopez says the plan would do.", "the plan would do", "reported.relative-gap"),
        ("Lopez backed the plan, which Smith championed.", nil, nil),
    ] as [(String, String?, String?)])
    func freeRelativeWhatIsTheContentOfAGap(_ text: String, _ content: String?, _ rule: String?) {
        let doc = QuoteTestDocuments.analyze(text)
        let gap = doc.quotes.first { $0.rule.hasSuffix("gap") }
        #expect(gap.map { doc.text($0.content) } == content, "\(text)")
        #expect(gap?.rule == rule)
    }

    /// Regression: a cue inside a sentence that ends with its own attribution read its clause over that
    /// attribution, which was then never read ("... if he can be convinced that it is a good deal, Lindsey Graham
    /// told The Huffington Post on Thursday."). The closing attribution reports the sentence.
    @Test(arguments: [
        ("Trump could back the plan, but only if he can be convinced that it is a good deal, Lindsey Graham told "
            + "The Huffington Post on Thursday.", "Lindsey Graham",
         "Trump could back the plan, but only if he can be convinced that it is a good deal"),
        ("The campaign plans to release more records soon, a spokesman announced Monday.", "a spokesman",
         "The campaign plans to release more records soon"),
    ])
    func closingAttributionReportsTheSentence(_ text: String, _ speaker: String, _ content: String) {
        let got = QuoteTestDocuments.summary(QuoteTestDocuments.analyze(text))
        #expect(got.contains { $0.mention == speaker && $0.content == content }, "\(got.map(\.content))")
    }

    /// A verb cue after a possessive is an owned noun; after "let's" it stays a verb.
    @Test(arguments: [
        ("His promises to cut taxes were broken.", "reported.noun"),
        ("Lopez's calls for a recount went unheard.", "reported.noun"),
        ("Let's say taxes rise next year.", "reported.no-speaker"),
    ])
    func verbCueAfterAPossessiveIsAnOwnedNoun(_ text: String, _ rule: String) {
        let doc = QuoteTestDocuments.analyze(text)
        #expect(doc.quotes.map(\.rule) == [rule], "\(text)")
    }

    @Test func componentDeclaresItsRequirements() {
        let q = QuoteTestDocuments.extractor
        #expect(q.name == "quotes")
        #expect(q.requires == [.tokens, .sentences, .paragraphs, .mentions, .entities])
        #expect(q.provides == [.quotes])
    }

    /// Each example's capitalised names are tagged as people and linked by the real entity linker (which reads
    /// given names, honorifics and roles for gender); the quotes are listed as "content = speaker entity".
    @Test(arguments: ["entities/gendered-words.tsv", "entities/given-names.tsv", "quotes/words.tsv"])
    func pronounsReplayTheirExamples(file: String) throws {
        let examples = try TestResources.examples(file)
        #expect(!examples.isEmpty)
        for e in examples {
            var doc = TestResources.split(e.input)
            QuoteTestDocuments.addMentions(&doc)
            doc.entities = []
            for m in doc.mentions.indices { doc.mentions[m].entity = nil }
            EntityLinkerTests.linker.process(&doc)
            QuoteTestDocuments.extractor.process(&doc)
            let got = doc.quotes.map { q in
                doc.text(q.content) + " = " + (q.speaker?.entity.map { doc.entities[$0].name } ?? "-")
            }
            #expect(got.joined(separator: " | ") == e.expected, "\(e.input)")
        }
    }
}
