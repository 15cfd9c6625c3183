// ArticleInput: the date prefix (valid, invalid, absent; same line or next) and strict UTF-8 decoding.
import Testing
@testable import TextAnalysis

struct ArticleInputTests {
    @Test(arguments: [
        (" date 2021-03-18 The body", "2021-03-18", 17),
        ("date 2021-03-18\nThe body", "2021-03-18", 16),
        ("date 2021-03-18\r\n\r\nThe body", "2021-03-18", 19),
        ("\t date\t2020-02-29 x", "2020-02-29", 18),
        ("date 2021-03-18", "2021-03-18", 15),
        ("\u{FEFF}date 2021-03-18 x", "2021-03-18", 17),
    ])
    func articleInputReadsDatePrefix(_ c: (String, String, Int)) {
        let doc = ArticleInput.document(c.0)
        #expect(doc.date?.description == c.1)
        #expect(doc.bodyStart == c.2)
        #expect(doc.text == c.0)
    }

    @Test(arguments: ["date 2021-02-30 body", "date 2021-13-01 body", "date 2019-02-29 x"])
    func articleInputTreatsImpossibleDatesAsBody(_ text: String) {
        let doc = ArticleInput.document(text)
        #expect(doc.date == nil)
        #expect(doc.bodyStart == 0)
        guard case .invalid = ArticleInput.datePrefix(in: doc.scalars) else {
            Issue.record("expected .invalid for \(text)")
            return
        }
    }

    @Test(arguments: ["", "date", "date ", "dated 2021-03-18 x", "date 2021-3-18 x", "date 2021-03-180",
                      "Body date 2021-03-18",
                      "date 2021-03-18x", "date 2021/03/18 x", "date ２０２１-03-18 x"])
    func articleInputIgnoresWhatIsNotAPrefix(_ text: String) {
        let doc = ArticleInput.document(text)
        #expect(doc.date == nil && doc.bodyStart == 0)
        #expect(ArticleInput.datePrefix(in: doc.scalars) == .none)
    }

    @Test func articleInputCallerDateWinsButPrefixIsStillSkipped() {
        let given = CalendarDate(year: 2020, month: 1, day: 2)
        let doc = ArticleInput.document("date 2021-03-18 Body", date: given)
        #expect(doc.date == given)
        #expect(doc.bodyStart == 16)
    }

    @Test(arguments: [
        ([0x61, 0x62], nil as Int?),
        ([0xE2, 0x80, 0x9C, 0x61], nil),
        ([0xF0, 0x9F, 0x98, 0x80], nil),
        ([0x61, 0x80], 1),                    // lone continuation byte
        ([0x61, 0xC0, 0xAF], 1),              // overlong "/"
        ([0xE0, 0x80, 0xAF], 0),              // overlong three-byte form
        ([0xED, 0xA0, 0x80], 0),              // UTF-16 surrogate
        ([0xF4, 0x90, 0x80, 0x80], 0),        // above U+10FFFF
        ([0x61, 0x62, 0xE2, 0x80], 2),        // truncated at the end
        ([0xE2, 0x28, 0xA1], 0),              // bad continuation
        ([0xFF], 0),
        ([0x00, 0x41], nil),                  // NUL is valid UTF-8
    ])
    func articleInputValidatesUTF8(_ c: ([UInt8], Int?)) {
        #expect(ArticleInput.firstInvalidUTF8Offset(c.0) == c.1)
        if let offset = c.1 {
            #expect(throws: UTF8DecodingError(offset: offset)) { try ArticleInput.decodeUTF8(c.0) }
        } else {
            #expect((try? ArticleInput.decodeUTF8(c.0)).map { Array($0.utf8) } == c.0)
        }
    }
}
