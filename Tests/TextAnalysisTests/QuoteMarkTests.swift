// Quotation marks: every style pairs, apostrophes are no marks, and odd, stray, nested or multi-paragraph marks
// degrade locally (one bad mark never spoils the rest of the article).
import Testing
@testable import TextAnalysis

@Suite struct QuoteMarkTests {
    /// The contents of the direct quotes the scanner pairs in `text`.
    static func contents(_ text: String) -> [String] {
        let doc = TestResources.split(text)
        let ctx = QuoteContext(doc: doc, lex: QuoteTestDocuments.extractor.lexicon)
        return ctx.directs.map { doc.text($0.marks.content) }
    }

    static let rows: [(String, [String])] = [
        ("He said “yes” and ‘no’ and \"maybe\" and «oui» and „ja“.", ["yes", "no", "maybe", "oui", "ja"]),
        ("Don’t say Korea’s ’90s were O'Neill's rock 'n' roll years.", []),
        ("“Outer ‘inner’ outer,” she said.", ["Outer ‘inner’ outer,"]),
        ("‘Outer “inner” outer,’ she said.", ["Outer “inner” outer,"]),
        ("''We will win,'' he said.", ["We will win,"]),
        // An odd mark: the stray opener is dropped at the paragraph end; the next paragraph is unharmed.
        ("He said “yes and left.\n\nShe said “no” firmly.", ["no"]),
        // A stray closer is ignored.
        ("It was over” and then “done” today.", ["done"]),
        // An opener while a quote is open restarts it there.
        ("“One “two” three.", ["two"]),
        // Run-on paragraphs (paragraphs of one quote on one line, each reopening after a sentence's end): one
        // quote per paragraph, ending at its final punctuation.
        ("\"I know it. \"It would not worry me. \"But it is over,\" he said.",
         ["I know it.", "It would not worry me.", "But it is over,"]),
        ("He said: “We will win! “They know it,” he added.", ["We will win!", "They know it,"]),
        // ... also when the sentence ends in a nested quote ('go'.).
        ("Henry said: \"He said to me, 'go'. \"It looks strange,\" he added.",
         ["He said to me, 'go'.", "It looks strange,"]),
        // Not after an abbreviation's period.
        ("\"We left the U.S. \"It was hard,\" he said.", ["It was hard,"]),
        ("\"I met Mr. \"Big\" yesterday.", ["Big"]),
        // An opener after a sentence's end, the earlier one mid-sentence: that one was stray.
        ("He called it “a disgrace. “We will fight,” she said.", ["We will fight,"]),
        // A quote opening a sentence mid-paragraph runs on as one after a colon does (it was dropped as stray).
        ("Smith said the law was clear. \"It is over. \"But we go on,\" he said.", ["It is over.", "But we go on,"]),
        ("Smith said the law was clear. “It is over.\n\n“But we go on,” he said.", ["It is over.\n\n“But we go on,"]),
        ("“Yes.” “But it is over.\n\n“We go on,” he said.", ["Yes.", "But it is over.\n\n“We go on,"]),
        // ... but not after an abbreviation's period.
        ("He went to the U.S. “yes to the plan.\n\n“We are ready,” Smith said.", ["We are ready,"]),
        // Multi-paragraph: each paragraph reopens and only the last one closes.
        ("“First part.\n\n“Second part.\n\n“Last part,” he said.", ["First part.\n\n“Second part.\n\n“Last part,"]),
        // ... with the same mark: a paragraph opening with a curly mark does not continue a straight quote (a block
        // quote in straight marks, then a curly quote of its own).
        ("\"First part.\n\n\"Second part.\n\n“Last part,” she said.", ["Last part,"]),
        // A closing curly mark used as an opener still opens.
        ("”Fear. I am afraid.” ― Edwin Monroy", ["Fear. I am afraid."]),
        // A space between a nested closing mark and the outer closing mark (a typesetting convention).
        ("\"I hate the term 'outreach,' \" he said.", ["I hate the term 'outreach,'"]),
        ("“I hate the term ‘outreach,’ ” he said.", ["I hate the term ‘outreach,’"]),
        // Spaced marks (French typesetting) and CJK corner brackets.
        ("Il a dit « nous parlerons » hier.", ["nous parlerons"]),
        ("「We will talk,」 said Antony Blinken.", ["We will talk,"]),
    ]

    @Test(arguments: rows)
    func marksPair(_ row: (String, [String])) {
        #expect(Self.contents(row.0) == row.1)
    }

    @Test func runOnParagraphsAreTheLastSpeakersQuotesWithNoReportedSpeechInside() {
        let doc = QuoteTestDocuments.analyze(
            "Robson spoke in Newcastle.\n\n\"I know the area. \"It would not worry me if I had to face Jose. "
                + "\"But it is not a case of him and me,\" Robson said.")
        #expect(QuoteTestDocuments.summary(doc).map(\.content)
            == ["I know the area.", "It would not worry me if I had to face Jose.", "But it is not a case of him and me,"])
        #expect(doc.quotes.allSatisfy { $0.speaker?.name == "Robson" && $0.kind == .direct })
    }

    /// Regression: a run-on quote that opened after the speaker's reported sentence lost its first paragraph, and
    /// the rest went to the next sentence's speaker.
    @Test func runOnQuoteAfterReportedSpeechKeepsItsFirstParagraphAndSpeaker() {
        let doc = QuoteTestDocuments.analyze(
            "Mike Hobday, from the league, said the evidence would go to police. \"Our evidence suggests that most "
                + "hunts did operate within the law. \"However, we have received reports of illegal activity.\" "
                + "BBC correspondent Simon Hall said 2,000 people had turned out.")
        let quotes = QuoteTestDocuments.summary(doc).map(\.content)
        #expect(quotes.contains("Our evidence suggests that most hunts did operate within the law."))
        #expect(doc.quotes.filter { $0.kind == .direct }.map { $0.speaker?.name } == ["Mike Hobday", "Mike Hobday"])
    }

    /// The entity tagger trims quotation marks from name edges with its own copy of marks.tsv's marks.
    @Test func entityTaggerKnowsEveryQuotationMark() {
        for (scalar, mark) in QuoteTestDocuments.extractor.lexicon.marks {
            let known = mark.level == .double ? EntityTagger.doubleMarks : EntityTagger.singleMarks
            #expect(known.contains(scalar), "\(scalar) of quotes/marks.tsv")
        }
    }

    @Test func unbalancedParagraphDoesNotSpoilLaterQuotes() {
        let doc = QuoteTestDocuments.analyze("Lopez said “yes to the plan.\n\n“We are ready,” Smith said.")
        #expect(QuoteTestDocuments.summary(doc).map(\.content) == ["We are ready,"])
        #expect(doc.quotes.first?.speaker?.name == "Smith")
    }
}

@Suite struct QuoteRobustnessTests {
    /// Deterministic pseudo-random texts built from words, every kind of mark, apostrophes, cues and breaks.
    static func texts(count: Int) -> [String] {
        let parts = ["Lopez", "said", "the", "plan", "“", "”", "\"", "'", "‘", "’", "«", "»", "„", "''", ",", ".",
                     ":", "\n\n", "don’t", "’90s", "he", "according", "to", "officials", "told", "reporters", "—"]
        var state: UInt64 = 0x9E3779B97F4A7C15
        func next() -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int(state >> 33)
        }
        return (0..<count).map { _ in
            (0..<(5 + next() % 40)).map { _ in parts[next() % parts.count] }.joined(separator: " ")
        }
    }

    @Test func oddMarksNeverBreakTheOutput() {
        for text in Self.texts(count: 300) {
            let doc = QuoteTestDocuments.analyze(text)
            for q in doc.quotes {
                #expect(q.content.start >= 0 && q.content.start < q.content.end && q.content.end <= doc.scalars.count)
                #expect(q.confidence > 0 && q.confidence <= 1)
            }
            for (a, b) in zip(doc.quotes, doc.quotes.dropFirst()) {
                #expect(a.content.end <= b.content.start, "overlapping quotes in \(text)")
            }
        }
    }

    @Test func handBuiltDocumentWithoutParagraphsWorks() {
        // Tokens and one sentence, no paragraphs or mentions: the extractor must not need them to be present.
        let text = "Officials said the road would reopen in May ."
        var doc = Document(text: text)
        var offset = 0
        for w in text.split(separator: " ") {
            let start = text.distance(from: text.startIndex, to: text.range(of: String(w), range:
                text.index(text.startIndex, offsetBy: offset)..<text.endIndex)!.lowerBound)
            doc.tokens.append(Token(start: start, end: start + w.count, text: String(w), spaceAfter: true))
            offset = start + w.count
        }
        doc.sentences = [Sentence(tokens: 0..<doc.tokens.count, chars: CharRange(0, text.count))]
        let quotes = QuoteTestDocuments.extractor.extract(from: doc)
        #expect(quotes.count == 1)
        #expect(quotes.first.map { doc.text($0.content) } == "the road would reopen in May")
    }
}
