// The RequestHandler the event server runs: the frozen router, with the client address resolved through
// trusted proxies before any handler sees it, and one access-log line per handled request (with that resolved
// address). Requests the server rejects before routing (malformed, timeouts) are logged from the server's hook.
import Foundation
import HTTP1

public struct AppResponder: RequestHandler {
    let router: RouterResponder
    let trustedProxies: [String]
    /// Receives each handled request's access-log line; nil when the log level hides them.
    let accessLog: (@Sendable (AccessLogLine) -> Void)?

    public func placement(for request: HTTPRequest) -> HandlerPlacement {
        router.placement(for: request)
    }

    public func handle(_ request: HTTPRequest, client: ClientInfo) -> HTTPResponse {
        var resolved = client
        // X-Forwarded-For is looked up only for a trusted peer: most requests need neither the lookup nor the array.
        if !trustedProxies.isEmpty, trustedProxies.contains(client.address) {
            resolved.address = ClientAddress.resolve(peer: client.address,
                                                     forwardedFor: request.headers.values("X-Forwarded-For"),
                                                     trustedProxies: trustedProxies)
        }
        guard let accessLog else { return router.handle(request, client: resolved) }
        let started = ContinuousClock.now
        let response = router.handle(request, client: resolved)
        accessLog(AccessLogLine(time: Date(), method: request.method.rawValue, path: request.path,
                                status: response.status.code, bytes: response.body.count,
                                durationMs: (ContinuousClock.now - started).seconds * 1000,
                                requestId: response.headers["X-Request-Id"] ?? "-", client: resolved.address))
        return response
    }
}
