// Liveness, readiness, version, metrics and POST /analyze: the endpoints that need no store.
import Foundation
import HTTP1
import TextAnalysis

extension Service {
    /// Built once: every answer shares its headers and body (copy-on-write), nothing is allocated per request.
    static let healthResponse = JSONResponse.bytes(Array(#"{"status":"ok"}"#.utf8))

    func health(_ request: HTTPRequest, _ context: RequestContext) -> HTTPResponse {
        Service.healthResponse
    }

    func ready(_ request: HTTPRequest, _ context: RequestContext) -> HTTPResponse {
        switch state.readiness {
        case .ready: return JSONResponse.make(["ready": true])
        case .loading: return JSONResponse.make(["ready": false, "reason": "loading the model and the database"],
                                                status: .serviceUnavailable, headers: ["Retry-After": "1"])
        case .failed(let why): return JSONResponse.make(["ready": false, "reason": why], status: .serviceUnavailable)
        }
    }

    func version(_ request: HTTPRequest, _ context: RequestContext) -> HTTPResponse {
        JSONResponse.make(["name": "byline", "version": BylineVersion.current])
    }

    func metricsPage(_ request: HTTPRequest, _ context: RequestContext) -> HTTPResponse {
        // Left out (not reported as 0) while the store is loading or cannot be read.
        let store = state.loaded?.store
        let articles = try? store?.articleCount()
        let commits = store?.commitTotals
        let gauges = Metrics.Gauges(articlesStored: articles, commits: commits?.commits,
                                    committedArticles: commits?.inserts)
        return HTTPResponse(status: .ok, contentType: "text/plain; version=0.0.4; charset=utf-8",
                            body: Array(metrics.render(gauges, server: server?.statistics).utf8))
    }

    /// POST /analyze: the analysis of the body, stored nowhere.
    func analyze(_ request: HTTPRequest, _ context: RequestContext) throws -> HTTPResponse {
        let loaded = try state.requireLoaded()
        // Unknown parameters are refused as on every other route: `?dat=2021-03-18` must not silently drop the date.
        let params = try ListParameters(context.query, allowed: ["date"])
        try requireIdentityCoding(request)
        let submission = try SubmissionDecoder.decode(body: request.body, contentType: request.headers["Content-Type"],
                                                      query: params.values)
        let document = timedAnalysis(loaded.analyzer, submission)
        return JSONResponse.bytes(AnalysisJSON.encode(document))
    }

    func timedAnalysis(_ analyzer: Analyzer, _ submission: ArticleSubmission) -> Document {
        let started = ContinuousClock.now
        let document = analyzer.analyze(submission.text, date: submission.date)
        metrics.recordAnalysis(seconds: (ContinuousClock.now - started).seconds)
        return document
    }
}

extension Duration {
    var seconds: Double {
        let (s, atto) = components
        return Double(s) + Double(atto) / 1e18
    }
}

extension Service {
    /// The committed OpenAPI 3.1 document, read once.
    static let openAPIDocument: [UInt8] = {
        guard let url = Bundle.module.url(forResource: "Resources/openapi", withExtension: "json")
            ?? Bundle.module.url(forResource: "openapi", withExtension: "json", subdirectory: "Resources"),
            let data = try? Data(contentsOf: url) else { return Array("{}".utf8) }
        return Array(data)
    }()

    func openAPI(_ request: HTTPRequest, _ context: RequestContext) -> HTTPResponse {
        JSONResponse.bytes(Service.openAPIDocument)
    }
}
