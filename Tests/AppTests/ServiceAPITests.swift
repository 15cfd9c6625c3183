// The HTTP API end to end on a live server: analysis, storing, dedupe, queries, errors, auth and metrics.
import Foundation
import Testing
import TestSupport
@testable import App

private let seedText = """
 date 2021-03-18 The United States Secretary of State Antony Blinken on Thursday said Washington is considering \
both pressure and diplomatic options to deal with North Korea.

"Our renewed engagement will put us on a firmer footing," Blinken said.
"""

@Suite(.serialized) struct ServiceAPITests {
    @Test func healthReadyAndVersionAnswer() throws {
        let live = try LiveService()
        #expect(try live.request("GET", "/health").status == 200)
        let ready = try live.request("GET", "/ready")
        #expect(ready.status == 200)
        #expect(ready.json["ready"] as? Bool == true)
        #expect(try live.request("GET", "/version").json["version"] as? String == BylineVersion.current)
        #expect(try live.request("HEAD", "/health").status == 200)
    }

    @Test func analyzeReturnsTheArticleDateAndCountsWithoutStoring() throws {
        let live = try LiveService()
        let response = try live.request("POST", "/analyze", text: seedText)
        #expect(response.status == 200)
        #expect(response.header("Content-Type") == "application/json")
        #expect(response.json["date"] as? String == "2021-03-18")
        #expect((response.json["tokens"] as? Int ?? 0) > 20)
        let list = try live.request("GET", "/articles").json["items"] as? [Any]
        #expect(list?.count == 0)
    }

    @Test(arguments: [
        ([0xff, 0xfe, 0x41] as [UInt8], "text/plain", 400, "body"),
        (Array("{\"text\": 5}".utf8), "application/json", 400, "text"),
        (Array("{\"text\": \"x\", \"date\": \"2021-02-30\"}".utf8), "application/json", 400, "date"),
        (Array("not json".utf8), "application/json", 400, "body"),
        (Array("hello".utf8), "application/xml", 415, ""),
        // A JSON article sent as curl -d sends it (form type): not analysed as the text of its own source.
        (Array("{\"text\": \"Talks resumed.\", \"date\": \"2021-03-18\"}".utf8),
         "application/x-www-form-urlencoded", 415, ""),
        // A date line that is not a real date: the sender meant one, so it is refused rather than read as text.
        (Array("date 2021-02-30 Talks resumed on Monday.".utf8), "text/plain", 400, "body"),
        (Array("  date 2021-13-01\nTalks resumed.".utf8), "text/plain", 400, "body"),
        (Array("{\"text\": \"date 2021-02-30 Talks resumed.\"}".utf8), "application/json", 400, "text"),
    ])
    func badSubmissionsAreProblemsNamingTheField(body: [UInt8], contentType: String, status: Int, field: String) throws {
        let live = try LiveService()
        for path in ["/analyze", "/articles"] {
            let response = try live.request("POST", path, body: body, headers: ["Content-Type": contentType])
            #expect(response.status == status, "\(path)")
            #expect(response.header("Content-Type") == "application/problem+json")
            #expect(response.json["status"] as? Int == status)
            if !field.isEmpty { #expect(response.json["field"] as? String == field) }
        }
    }

    /// A compressed body was read as the article itself (Content-Encoding ignored): gzip was "invalid UTF-8" with a
    /// hint to declare windows-1252, and with that charset stored as garbage. Any coding but identity is a 415
    /// that names it and says what is accepted (RFC 7694), on every route that takes a body; identity is read.
    @Test(arguments: [("gzip", 415), ("br", 415), ("identity, gzip", 415), ("identity", 0), ("Identity", 0)])
    func compressedBodiesAreRefusedNamingTheCoding(coding: String, status: Int) throws {
        let live = try LiveService()
        // gzip's magic bytes, then text that would pass as windows-1252.
        let gzipped: [UInt8] = [0x1F, 0x8B, 0x08, 0x00] + Array("Talks resumed on Monday.".utf8)
        let plain = Array("{\"text\": \"Talks resumed on Monday.\"}\n".utf8)
        for (path, expected) in [("/analyze", 200), ("/articles", 201), ("/articles/batch", 200)] {
            let json = path == "/articles/batch"
            let response = try live.request("POST", path, body: status == 0 ? plain : gzipped, headers: [
                "Content-Encoding": coding,
                "Content-Type": json ? "application/x-ndjson" : (status == 0 ? "application/json"
                                                                 : "text/plain; charset=windows-1252")])
            #expect(response.status == (status == 0 ? expected : status), "\(path) \(response.bodyText)")
            if status != 0 {
                #expect(response.header("Accept-Encoding") == "identity", "\(path)")
                #expect(response.json["detail"] as? String == "Content-Encoding \(coding.lowercased() == "br" ? "br" : "gzip") "
                        + "is not supported; send the body uncompressed", "\(path)")
            }
        }
        #expect((try live.request("GET", "/articles").json["items"] as? [Any])?.count == (status == 0 ? 1 : 0))
    }

    /// An article with no text would be an empty row in every list: POST /articles and batch lines refuse it,
    /// while POST /analyze answers its (empty) analysis.
    @Test(arguments: [
        ("", "text/plain", "body"), (" \n\t ", "text/plain", "body"), ("date 2021-03-18\n  ", "text/plain", "body"),
        ("{\"text\": \"  \"}", "application/json", "text"), ("{\"text\": \"\"}", "application/json", "text"),
    ])
    func articlesWithoutTextAreRefusedAndNotStored(body: String, contentType: String, field: String) throws {
        let live = try LiveService()
        let stored = try live.request("POST", "/articles", text: body, headers: ["Content-Type": contentType])
        #expect(stored.status == 400)
        #expect(stored.json["field"] as? String == field)
        #expect(try live.request("POST", "/analyze", text: body, headers: ["Content-Type": contentType]).status == 200)
        let batch = try live.request("POST", "/articles/batch", text: "{\"text\": \" \"}\n",
                                     headers: ["Content-Type": "application/x-ndjson"])
        #expect(batch.bodyText.contains("\"status\":400"), "\(batch.bodyText)")
        #expect((try live.request("GET", "/articles").json["items"] as? [Any])?.count == 0)
    }

    @Test func postingTheSameTextTwiceKeepsOneArticle() throws {
        let live = try LiveService()
        let first = try live.request("POST", "/articles?title=Seed", text: seedText)
        #expect(first.status == 201)
        let id = first.json["id"] as? Int
        #expect(first.header("Location") == "/articles/\(id ?? -1)")
        #expect((first.json["analysis"] as? [String: Any])?["date"] as? String == "2021-03-18")
        let second = try live.request("POST", "/articles", text: seedText)
        #expect(second.status == 200)
        #expect(second.json["id"] as? Int == id)
        let list = try live.request("GET", "/articles").json["items"] as? [[String: Any]]
        #expect(list?.count == 1)
        #expect(list?.first?["title"] as? String == "Seed")
    }

    /// A given name alone names a person only inside its article: a singer called "Michael" in one article was
    /// merged into the Michael Howard another article also called "Michael" (either order).
    @Test(arguments: [false, true])
    func aGivenNameAloneJoinsNoPersonAcrossArticles(singerFirst: Bool) throws {
        let live = try LiveService()
        let howard = "Michael Howard spoke in Leeds on Monday. \"We want Michael to be as accessible as possible,\" "
            + "Liam Fox said."
        let singer = "The singer Michael said the band would tour again next year. Michael sang three songs at Wembley."
        for text in singerFirst ? [singer, howard] : [howard, singer] {
            #expect(try live.request("POST", "/articles", text: text).status == 201)
        }
        let items = try live.request("GET", "/entities?q=michael&type=PER").json["items"] as? [[String: Any]] ?? []
        let names = items.map { "\($0["name"] as? String ?? "?"):\($0["article_count"] as? Int ?? 0)" }.sorted()
        #expect(names == ["Michael Howard:1", "Michael:1"])
    }

    @Test func anArticleCanBeReadBackAndDeleted() throws {
        let live = try LiveService()
        let body = try JSONSerialization.data(withJSONObject: ["text": "Angela Merkel spoke in Berlin.", "date": "2020-01-02",
                                                               "url": "https://example.org/a"])
        let created = try live.request("POST", "/articles", body: Array(body), headers: ["Content-Type": "application/json"])
        #expect(created.status == 201)
        let id = created.json["id"] as? Int ?? 0
        let read = try live.request("GET", "/articles/\(id)")
        #expect(read.status == 200)
        #expect(read.json["text"] as? String == "Angela Merkel spoke in Berlin.")
        #expect(read.json["date"] as? String == "2020-01-02")
        #expect(read.json["analysis"] is [String: Any])
        #expect(try live.request("DELETE", "/articles/\(id)").status == 204)
        #expect(try live.request("GET", "/articles/\(id)").status == 404)
        #expect(try live.request("DELETE", "/articles/\(id)").status == 404)
        #expect(try live.request("GET", "/articles/abc").status == 404)
    }

    /// DELETE refuses a parameter it does not know, as every other route does, and deletes nothing then.
    @Test func deleteWithAnUnknownParameterIs400AndKeepsTheArticle() throws {
        let live = try LiveService()
        let id = try live.request("POST", "/articles", text: "Angela Merkel spoke in Berlin.").json["id"] as? Int ?? 0
        let refused = try live.request("DELETE", "/articles/\(id)?dry_run=1")
        #expect(refused.status == 400)
        #expect(refused.json["field"] as? String == "dry_run")
        #expect(try live.request("GET", "/articles/\(id)").status == 200)
        #expect(try live.request("DELETE", "/articles/\(id)").status == 204)
    }

    /// Text in the charset its Content-Type names: ISO-8859-1 (read as windows-1252) was refused as invalid UTF-8;
    /// a charset that cannot be read, or NDJSON labelled other than UTF-8, is a 415 naming it.
    @Test func bodiesAreReadInTheirDeclaredCharset() throws {
        let live = try LiveService()
        let latin1: [UInt8] = Array("Jos".utf8) + [0xE9] + Array(" Mourinho said he was happy.".utf8)
        let stored = try live.request("POST", "/articles", body: latin1,
                                      headers: ["Content-Type": "text/plain; charset=ISO-8859-1"])
        #expect(stored.status == 201)
        let id = stored.json["id"] as? Int ?? 0
        #expect(try live.request("GET", "/articles/\(id)").json["text"] as? String == "José Mourinho said he was happy.")
        for (path, type) in [("/analyze", "text/plain; charset=shift_jis"),
                             ("/articles/batch", "application/x-ndjson; charset=iso-8859-1")] {
            let refused = try live.request("POST", path, body: Array(#"{"text": "Talks resumed."}"#.utf8),
                                           headers: ["Content-Type": type])
            #expect(refused.status == 415, "\(path)")
            #expect((refused.json["detail"] as? String)?.contains("charset") == true, "\(path)")
        }
    }

    @Test func batchAnswersEveryLineAndKeepsTheGoodOnes() throws {
        let live = try LiveService()
        let ndjson = """
        {"text": "First article about Paris.", "date": "2021-01-01"}
        not json
        {"text": "Second article about Rome."}

        {"date": "2021-01-01"}
        """
        let response = try live.request("POST", "/articles/batch", text: ndjson)
        #expect(response.status == 200)
        let lines = response.bodyText.split(separator: "\n").map {
            (try? JSONSerialization.jsonObject(with: Data($0.utf8))) as? [String: Any] ?? [:]
        }
        #expect(lines.count == 4)
        #expect(lines.map { $0["status"] as? Int } == [201, 400, 201, 400])
        #expect(lines.map { $0["line"] as? Int } == [1, 2, 3, 5])
        #expect(lines[3]["field"] as? String == "text")
        #expect((try live.request("GET", "/articles").json["items"] as? [Any])?.count == 2)
    }

    /// A pretty-printed JSON array sent as a batch: refused whole, not stored where a line happens to be an object.
    @Test func batchRefusesAJSONArray() throws {
        let live = try LiveService()
        let array = "\n [\n{\"text\": \"First article about Paris.\"},\n{\"text\": \"Second article about Rome.\"}\n]\n"
        let response = try live.request("POST", "/articles/batch", text: array,
                                        headers: ["Content-Type": "application/json"])
        #expect(response.status == 400)
        #expect(response.header("Content-Type") == "application/problem+json")
        #expect(response.json["field"] as? String == "body")
        #expect((try live.request("GET", "/articles").json["items"] as? [Any])?.count == 0)
    }

    @Test(arguments: [
        ("/entities?limit=0", "limit"), ("/entities?limit=501", "limit"), ("/entities?colour=red", "colour"),
        ("/entities?type=PERSON", "type"), ("/quotes?kind=rumour", "kind"), ("/quotes?from=2021-13", "from"),
        ("/timeline?to=yesterday", "to"), ("/articles?entity=-3", "entity"), ("/entities?limit=5&limit=6", "limit"),
        ("/entities?cursor=not-a-cursor", "cursor"), ("/quotes?cursor=ZW50aXRpZXMfMh8x", "cursor"),
        ("/quotes?q=*", "q"), ("/quotes?q=%22%20%2A", "q"), ("/timeline?granularity=days", "granularity"),
        ("/timeline?granularity=day,,week", "granularity"),
        ("POST /analyze?dat=2021-03-18", "dat"), ("POST /analyze?date=2021-03-18&date=2021-03-19", "date"),
        ("POST /articles?titel=x", "titel"),
    ])
    func badQueryParametersAre400NamingTheParameter(target: String, parameter: String) throws {
        let live = try LiveService()
        let post = target.hasPrefix("POST ")
        let response = try live.request(post ? "POST" : "GET", post ? String(target.dropFirst(5)) : target,
                                        text: post ? "Talks resumed on Monday." : "")
        #expect(response.status == 400)
        #expect(response.header("Content-Type") == "application/problem+json")
        #expect(response.json["field"] as? String == parameter, "\(target)")
    }

    /// /timeline?q= over HTTP finds events whatever the case and accents (it folded ASCII only: 'путин' missed
    /// Путин, 'erdogan' Erdoğan), and a q of no words is a 400 naming q as on /quotes.
    @Test(arguments: [
        ("%D0%BF%D1%83%D1%82%D0%B8%D0%BD", 200, 1),  // путин
        ("erdogan", 200, 1), ("ERDO%C4%9EAN", 200, 1), ("said", 200, 2), ("%E2%80%94", 400, 0),  // —
    ])
    func timelineTextSearchFoldsCaseAndAccents(q: String, status: Int, events: Int) throws {
        let live = try LiveService()
        let text = "Владимир Путин said on Monday that Russia would respond.\n\n"
            + "Recep Tayyip Erdoğan said on Tuesday that Turkey would wait."
        #expect(try live.request("POST", "/articles?date=2014-05-07", text: text).status == 201)
        let response = try live.request("GET", "/timeline?q=\(q)")
        #expect(response.status == status, "\(response.bodyText)")
        if status == 200 {
            #expect((response.json["items"] as? [Any])?.count == events, "\(response.bodyText)")
        } else {
            #expect(response.json["field"] as? String == "q")
        }
    }

    /// /timeline?from&to listed the centuries and years overlapping the range before its days; granularity
    /// keeps the ones asked for.
    @Test(arguments: [("day", ["2014-05-05"]), ("day,%20year", ["2014", "2014-05-05"]), ("century", ["20"])])
    func timelineGranularityKeepsThePeriodsAsked(granularity: String, dates: [String]) throws {
        let live = try LiveService()
        let text = "Vladimir Putin said on Monday that Russia would respond.\n\n"
            + "He said 2014 had been hard, and the 21st century would be harder."
        #expect(try live.request("POST", "/articles?date=2014-05-07", text: text).status == 201)
        let response = try live.request("GET", "/timeline?from=2014-05&to=2014-05&granularity=\(granularity)")
        let items = response.json["items"] as? [[String: Any]] ?? []
        #expect(items.compactMap { $0["date"] as? String } == dates, "\(response.bodyText)")
    }

    @Test func listsAnswerItemsAndNextCursor() throws {
        let live = try LiveService()
        for i in 0..<3 {
            _ = try live.request("POST", "/articles?date=2021-03-0\(i + 1)", text: "Article number \(i) about Tokyo.")
        }
        let first = try live.request("GET", "/articles?limit=2")
        #expect((first.json["items"] as? [Any])?.count == 2)
        let next = try #require(first.json["next"] as? String)
        let second = try live.request("GET", "/articles?limit=2&cursor=\(next)")
        #expect((second.json["items"] as? [Any])?.count == 1)
        #expect(second.json["next"] is NSNull)
        for path in ["/entities", "/quotes", "/timeline"] {
            let response = try live.request("GET", path)
            #expect(response.status == 200, "\(path)")
            #expect(response.json["items"] is [Any], "\(path)")
        }
    }

    @Test func writesNeedTheAPIKeyWhenOneIsSet() throws {
        let key = "test-key-0123456789abcdef"
        let live = try LiveService { $0.apiKey = key }
        let denied = try live.request("POST", "/articles", text: "Some text.")
        #expect(denied.status == 401)
        #expect(denied.header("WWW-Authenticate")?.hasPrefix("Bearer") == true)
        #expect(try live.request("POST", "/articles", text: "Some text.", headers: ["X-API-Key": key]).status == 201)
        #expect(try live.request("POST", "/articles", text: "Other text.",
                                 headers: ["Authorization": "Bearer \(key)"]).status == 201)
        #expect(try live.request("GET", "/articles").status == 200)
    }

    @Test func metricsAreExposedInPrometheusText() throws {
        let live = try LiveService()
        _ = try live.request("GET", "/health")
        _ = try live.request("POST", "/analyze", text: "Hello from Oslo.")
        let metrics = try live.request("GET", "/metrics")
        #expect(metrics.status == 200)
        #expect(metrics.header("Content-Type")?.hasPrefix("text/plain; version=0.0.4") == true)
        let text = metrics.bodyText
        #expect(text.contains("byline_http_requests_total{route=\"/health\",status=\"200\"} 1"))
        #expect(text.contains("byline_analysis_duration_seconds_count 1"))
        #expect(text.contains("process_resident_memory_bytes"))
    }

    /// The articles-stored gauge after each step: a new article counts, the same text again does not, a delete
    /// takes it back.
    @Test func articlesStoredGaugeFollowsTheStore() throws {
        let live = try LiveService()
        func gauge() throws -> String? {
            try live.request("GET", "/metrics").bodyText.split(separator: "\n")
                .first { $0.hasPrefix("byline_articles_stored ") }.map { String($0.dropFirst(23)) }
        }
        #expect(try gauge() == "0")
        let created = try live.request("POST", "/articles", text: seedText)
        #expect(created.status == 201)
        #expect(try gauge() == "1")
        #expect(try live.request("POST", "/articles", text: seedText).status == 200)
        #expect(try gauge() == "1")
        let id = created.json["id"] as? Int ?? 0
        #expect(try live.request("DELETE", "/articles/\(id)").status == 204)
        #expect(try gauge() == "0")
    }

    /// The group-commit counters: each new article goes through one commit (requests one after the other never
    /// share one), a text already stored and a refused body go through none.
    @Test func commitCountersCountTheArticlesMadeDurable() throws {
        let live = try LiveService()
        func counters() throws -> (commits: String?, articles: String?) {
            let lines = try live.request("GET", "/metrics").bodyText.split(separator: "\n")
            func value(_ name: String) -> String? {
                lines.first { $0.hasPrefix(name + " ") }.map { String($0.dropFirst(name.count + 1)) }
            }
            return (value("byline_store_commits_total"), value("byline_store_committed_articles_total"))
        }
        #expect(try counters() == ("0", "0"))
        for n in 1...3 {
            #expect(try live.request("POST", "/articles", text: "Antony Blinken spoke in Oslo, part \(n).").status == 201)
        }
        #expect(try counters() == ("3", "3"))
        #expect(try live.request("POST", "/articles", text: "Antony Blinken spoke in Oslo, part 1.").status == 200)
        #expect(try live.request("POST", "/articles", text: "").status == 400)
        #expect(try counters() == ("3", "3"))
    }
}
