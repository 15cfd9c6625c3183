// Decoding POST bodies: where the date, title and url come from for each content type.
import Testing
@testable import App

@Suite struct ArticleSubmissionTests {
    @Test func plainTextTakesDateTitleAndURLFromTheQuery() throws {
        let s = try SubmissionDecoder.decode(body: Array("Talks resumed.".utf8), contentType: "text/plain",
                                             query: ["date": "2021-03-18", "title": "T", "url": "https://x.org/a"])
        #expect(s.date?.description == "2021-03-18")
        #expect(s.title == "T" && s.url == "https://x.org/a")
    }

    /// A JSON body carries them as fields: a query parameter beside it was silently dropped (the article lost its
    /// date), so it is refused naming the parameter.
    @Test(arguments: ["date", "title", "url"])
    func queryFieldsBesideAJSONBodyAreRefusedNamingThem(name: String) throws {
        let body = Array(#"{"text": "Talks resumed on Monday.", "date": "2021-03-18"}"#.utf8)
        let error = try #require(throws: SubmissionError.self) {
            try SubmissionDecoder.decode(body: body, contentType: "application/json; charset=utf-8",
                                         query: [name: name == "date" ? "2021-03-19" : "x"])
        }
        #expect(error.field == name)
        #expect(error.kind == .badRequest)
        #expect(try SubmissionDecoder.decode(body: body, contentType: "application/json", query: [:]).date?.description
                == "2021-03-18")
    }

    /// Nothing the analysis would read (the tokenizer skips control and format characters) is no article to store.
    @Test(arguments: [("", false), (" \n\t", false), ("date 2021-03-18\n", false), ("\0\0\0", false),
                      ("\u{FEFF}\u{200B}\r\n", false), ("a", true), ("\0a", true), ("date 2021-03-18 é", true)])
    func onlyVisibleTextMakesAnArticle(text: String, stored: Bool) throws {
        let submission = ArticleSubmission(text: text, date: nil, title: nil, url: nil)
        if stored {
            #expect(throws: Never.self) { try SubmissionDecoder.requireText(submission, field: "body") }
        } else {
            let error = try #require(throws: SubmissionError.self) {
                try SubmissionDecoder.requireText(submission, field: "body")
            }
            #expect(error.field == "body")
        }
    }
}
