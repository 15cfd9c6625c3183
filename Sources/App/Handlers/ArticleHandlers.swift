// POST /articles (analyse and store, durable before 201), POST /articles/batch (NDJSON, one answer per
// line), GET /articles, GET /articles/{id}, DELETE /articles/{id}.
import Foundation
import HTTP1
import Storage
import TextAnalysis

extension Service {
    /// The outcome of storing one submission.
    struct Stored {
        let id: Int64
        let created: Bool
        let analysisJSON: [UInt8]
    }

    /// Analyses and stores one article; a text already stored is not analysed again, and one already stored with
    /// another date is a 409 (DateConflict).
    func store(_ submission: ArticleSubmission, _ loaded: LoadedComponents) throws -> Stored {
        let hash = SHA256.hex(Array(submission.text.utf8))
        if let existing = try storing({ () throws(StorageError) in try loaded.store.articleId(contentHash: hash) }),
           let detail = try storing({ () throws(StorageError) in try loaded.store.article(id: existing) }) {
            try refuseOtherDate(submission, stored: detail.summary)
            return Stored(id: existing, created: false, analysisJSON: detail.analysisJSON)
        }
        // Announced before the analysis: a group commit being gathered meanwhile waits a little for it.
        let announcement = loaded.store.announceInsert()
        let (article, json) = withAnalysisSlot {
            let document = timedAnalysis(loaded.analyzer, submission)
            let json = AnalysisJSON.encode(document)
            return (ArticleMapping.newArticle(submission, document, contentHash: hash, analysisJSON: json), json)
        }
        let result = try storing({ () throws(StorageError) in
            try loaded.store.insert(article, announced: announcement)
        })
        // Stored meanwhile by another request (the store keeps the first): the same check.
        if !result.created, let detail = try storing({ () throws(StorageError) in try loaded.store.article(id: result.id) }) {
            try refuseOtherDate(submission, stored: detail.summary)
            // The stored article's analysis, as GET /articles/ID gives it (this request's may lack its date).
            return Stored(id: result.id, created: false, analysisJSON: detail.analysisJSON)
        }
        return Stored(id: result.id, created: result.created, analysisJSON: json)
    }

    private func refuseOtherDate(_ submission: ArticleSubmission, stored: ArticleSummary) throws {
        guard let problem = DateConflict.problem(submission, stored: stored) else { return }
        throw HTTPError(.conflict, detail: problem, extra: ["field": "date", "article": "/articles/\(stored.id)"])
    }

    func postArticle(_ request: HTTPRequest, _ context: RequestContext) throws -> HTTPResponse {
        let loaded = try state.requireLoaded()
        let params = try ListParameters(context.query, allowed: ["date", "title", "url"])
        try requireIdentityCoding(request)
        let submission = try SubmissionDecoder.decode(body: request.body, contentType: request.headers["Content-Type"],
                                                      query: params.values)
        let isJSON = request.headers["Content-Type"]?.lowercased().hasPrefix("application/json") ?? false
        try SubmissionDecoder.requireText(submission, field: isJSON ? "text" : "body")
        let stored = try store(submission, loaded)
        var members: [(String, JSONValue)] = [("id", .int(stored.id)), ("created", .bool(stored.created))]
        let preference = ReturnPreference(request.headers)
        if preference == .representation { members.append(("analysis", .raw(stored.analysisJSON))) }
        var response = JSONResponse.bytes(JSONValue.object(members).encoded(), status: stored.created ? .created : .ok)
        response.headers.add("Location", "/articles/\(stored.id)")
        if preference == .minimal { response.headers.add("Preference-Applied", "return=minimal") }
        return response
    }

    /// NDJSON in, NDJSON out: line N of the answer is about line N of the body (blank lines skipped).
    func postArticleBatch(_ request: HTTPRequest, _ context: RequestContext) throws -> HTTPResponse {
        let loaded = try state.requireLoaded()
        _ = try ListParameters(context.query, allowed: [])
        try requireIdentityCoding(request)
        // Each line is JSON, so UTF-8 (RFC 8259): a body labelled otherwise is refused whole, as POST /articles does.
        _ = try SubmissionDecoder.charset(request.headers["Content-Type"], forJSON: true)
        // A JSON array read line by line would store the lines that happen to hold a whole object and refuse the
        // others (their trailing commas): refused as a whole instead.
        if request.body.first(where: { ![32, 9, 10, 13].contains($0) }) == UInt8(ascii: "[") {
            throw SubmissionError(kind: .badRequest,
                                  detail: "the body is a JSON array; send NDJSON, one article object per line",
                                  field: "body")
        }
        var out: [UInt8] = []
        var lineNumber = 0
        for rawLine in request.body.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            lineNumber += 1
            let line = Array(rawLine.last == UInt8(ascii: "\r") ? rawLine.dropLast() : rawLine)
            if line.allSatisfy({ $0 == 32 || $0 == 9 }) { continue }
            var answer: [String: Any] = ["line": lineNumber]
            do {
                let submission = try SubmissionDecoder.decodeJSON(line, source: "line")
                try SubmissionDecoder.requireText(submission, field: "text")
                let stored = try store(submission, loaded)
                answer["id"] = stored.id
                answer["status"] = stored.created ? 201 : 200
            } catch let error as any HTTPResponseError {
                answer["status"] = error.status.code
                answer["error"] = error.detail
                if let field = error.extra["field"] { answer["field"] = field }
            }
            let data = (try? JSONSerialization.data(withJSONObject: answer,
                                                    options: [.sortedKeys, .withoutEscapingSlashes])) ?? Data()
            out += Array(data)
            out.append(UInt8(ascii: "\n"))
        }
        return HTTPResponse(status: .ok, contentType: "application/x-ndjson", body: out)
    }

    func getArticle(_ request: HTTPRequest, _ context: RequestContext) throws -> HTTPResponse {
        let loaded = try state.requireLoaded()
        _ = try ListParameters(context.query, allowed: [])
        let id = try pathID(context)
        guard let detail = try storing({ () throws(StorageError) in try loaded.store.article(id: id) }) else {
            throw HTTPError(.notFound, detail: "there is no article \(id)")
        }
        let members = RowJSON.articleMembers(detail.summary)
            + [("text", .string(detail.text)), ("analysis", .raw(detail.analysisJSON))]
        return JSONResponse.bytes(JSONValue.object(members).encoded())
    }

    func deleteArticle(_ request: HTTPRequest, _ context: RequestContext) throws -> HTTPResponse {
        let loaded = try state.requireLoaded()
        // Checked before anything is deleted, as every other route checks them: a parameter the sender meant
        // something by ("?dry_run=1") must not be ignored on the one request that cannot be undone.
        _ = try ListParameters(context.query, allowed: [])
        let id = try pathID(context)
        guard try storing({ () throws(StorageError) in try loaded.store.deleteArticle(id: id) }) else {
            throw HTTPError(.notFound, detail: "there is no article \(id)")
        }
        return HTTPResponse(status: .noContent)
    }

    /// A body in a content coding (gzip, br, ...) is a 415 naming it: the coding was ignored and the compressed
    /// bytes read as the article, so a gzip body was "invalid UTF-8" with a hint to declare windows-1252, and
    /// declared so it was stored as garbage. RFC 7694: the answer lists the codings accepted (identity only).
    func requireIdentityCoding(_ request: HTTPRequest) throws {
        for value in request.headers.values("Content-Encoding") {
            for coding in value.split(separator: ",") {
                let name = coding.trimmingCharacters(in: .whitespaces).lowercased()
                guard name.isEmpty || name == "identity" else {
                    throw HTTPError(.unsupportedMediaType,
                                    detail: "Content-Encoding \(name) is not supported; send the body uncompressed",
                                    headers: ["Accept-Encoding": "identity"])
                }
            }
        }
    }

    func pathID(_ context: RequestContext) throws -> Int64 {
        guard let raw = context.pathParameters["id"], let id = Int64(raw), id > 0 else {
            throw HTTPError(.notFound, detail: "no such resource: ids are positive whole numbers")
        }
        return id
    }
}
