// bench-server: the event server with two fixed routes, for scripts/bench-http (not shipped).
//   GET /health     -> 200 {"status":"ok"}
//   POST /echo-len  -> 200 {"length":N}, N the body size
// usage: bench-server [--port N] [--loops N] [--max-connections N] [--keep-alive-seconds N]
//                     [--tls-port N --tls-cert PEM --tls-key PEM]   (adds a TLS listener, for scripts/bench-https)
//                     [--stats-seconds N]   (prints open connections per loop every N s: is the load balanced?)
import EventServer
import Foundation
import Glibc
import HTTP1

struct BenchHandler: RequestHandler {
    func placement(for request: HTTPRequest) -> HandlerPlacement { .eventLoop }

    func handle(_ request: HTTPRequest, client: ClientInfo) -> HTTPResponse {
        switch (request.method, request.path) {
        case (.get, "/health"), (.head, "/health"):
            return HTTPResponse(status: .ok, contentType: "application/json", body: Array(#"{"status":"ok"}"#.utf8))
        case (.post, "/echo-len"):
            return HTTPResponse(status: .ok, contentType: "application/json",
                                body: Array(#"{"length":\#(request.body.count)}"#.utf8))
        default:
            return HTTPResponse(status: .notFound, contentType: "application/json",
                                body: Array(#"{"error":"not found"}"#.utf8))
        }
    }
}

var configuration = ServerConfiguration(host: "127.0.0.1", port: 8080)
var tlsPort: Int?
var statsSeconds = 0
var tlsPaths: [String: String] = [:]
var arguments = CommandLine.arguments.dropFirst().makeIterator()
while let flag = arguments.next() {
    if flag == "--tls-cert" || flag == "--tls-key", let path = arguments.next() {
        tlsPaths[flag] = path
        continue
    }
    guard let value = arguments.next().flatMap(Int.init) else {
        print("usage: bench-server [--port N] [--loops N] [--max-connections N] [--keep-alive-seconds N]")
        exit(2)
    }
    switch flag {
    case "--port": configuration.port = value
    case "--loops": configuration.eventLoopCount = value
    case "--max-connections": configuration.maxConnections = value
    case "--keep-alive-seconds": configuration.keepAliveTimeout = .seconds(value)
    case "--tls-port": tlsPort = value
    case "--stats-seconds": statsSeconds = value
    default:
        print("unknown flag \(flag)")
        exit(2)
    }
}

let server = HTTPServer(configuration: configuration)
do {
    if let tlsPort, let cert = tlsPaths["--tls-cert"], let key = tlsPaths["--tls-key"] {
        let contexts = try TLSContextHolder(configuration: TLSConfiguration(certificateChainPath: cert,
                                                                            privateKeyPath: key))
        server.addTLSListener(port: tlsPort, contexts: contexts)
    }
    try server.start(handler: BenchHandler())
    try server.installSignalHandlers()
} catch {
    print("bench-server: \(error)")
    exit(1)
}
print("bench-server listening on 127.0.0.1:\(server.boundPort) with \(configuration.eventLoopCount) loops")
if statsSeconds > 0 {
    let interval = UInt32(statsSeconds)
    Thread.detachNewThread {
        while true {
            sleep(interval)
            var line = "open connections per loop: \(server.statistics.openConnectionsPerLoop)\n"
            line.withUTF8 { _ = write(1, $0.baseAddress, $0.count) }
        }
    }
}
server.run()
