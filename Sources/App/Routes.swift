// The route table: every endpoint, where it runs (cheap ones on the event loop, analysis and storage on the
// worker pool), wrapped so each request is checked against the API key and counted in the metrics.
import Foundation
import HTTP1

extension Service {
    func makeRouter() throws -> RouterResponder {
        var router = Router()
        func route(_ method: HTTPMethod, _ pattern: String, _ placement: HandlerPlacement,
                   _ handler: @escaping @Sendable (HTTPRequest, RequestContext) throws -> HTTPResponse) {
            let routeID = metrics.routeID(pattern)
            router.add(method, pattern, placement: placement) { [self] request, context in
                let started = Metrics.clock()
                var response: HTTPResponse
                do {
                    guard apiKey.allows(request) else {
                        throw HTTPError(.unauthorized, detail: "this endpoint needs the API key "
                                        + "(Authorization: Bearer KEY or X-API-Key: KEY)",
                                        headers: ["WWW-Authenticate": "Bearer realm=\"byline\""])
                    }
                    response = try handler(request, context)
                } catch let error as any HTTPResponseError {
                    response = error.response
                } catch {
                    metrics.recordRequest(route: routeID, status: 500, seconds: Metrics.seconds(since: started))
                    log(level: "error", "\(method) \(pattern) failed: \(error)")
                    throw error
                }
                metrics.recordRequest(route: routeID, status: response.status.code,
                                      seconds: Metrics.seconds(since: started))
                return response
            }
        }
        route(.get, "/health", .eventLoop, health)
        route(.get, "/ready", .eventLoop, ready)
        route(.get, "/version", .eventLoop, version)
        route(.get, "/metrics", .eventLoop, metricsPage)
        route(.get, "/openapi.json", .eventLoop, openAPI)
        route(.post, "/analyze", .workerPool, analyze)
        route(.post, "/articles", .blockingPool, postArticle)
        route(.post, "/articles/batch", .blockingPool, postArticleBatch)
        route(.get, "/articles", .workerPool, list(.articles))
        route(.get, "/articles/{id}", .workerPool, getArticle)
        route(.delete, "/articles/{id}", .blockingPool, deleteArticle)
        route(.get, "/entities", .workerPool, list(.entities))
        route(.get, "/entities/{id}", .workerPool, getEntity)
        route(.get, "/quotes", .workerPool, list(.quotes))
        route(.get, "/timeline", .workerPool, list(.timeline))
        do { return try router.build() } catch { throw error }
    }
}
