// The RequestHandler the event server runs: the frozen router, with the client address resolved through
// trusted proxies before any handler sees it.
import HTTP1

public struct AppResponder: RequestHandler {
    let router: RouterResponder
    let trustedProxies: [String]

    public func placement(for request: HTTPRequest) -> HandlerPlacement {
        router.placement(for: request)
    }

    public func handle(_ request: HTTPRequest, client: ClientInfo) -> HTTPResponse {
        var resolved = client
        resolved.address = ClientAddress.resolve(peer: client.address,
                                                 forwardedFor: request.headers.values("X-Forwarded-For"),
                                                 trustedProxies: trustedProxies)
        return router.handle(request, client: resolved)
    }
}
