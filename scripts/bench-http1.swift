// Throughput figures for the HTTP1 module, built by scripts/bench-http1 together with Sources/HTTP1 into one
// optimised binary (so no package product is needed). Prints one line per measurement.
import Foundation

func measure(_ label: String, bytes: Int, iterations: Int, _ body: () -> Void) {
    body()  // warm up
    let start = DispatchTime.now().uptimeNanoseconds
    for _ in 0 ..< iterations { body() }
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    let perSecond = Double(iterations) / seconds
    let mbps = Double(bytes) * perSecond / 1_048_576
    print(String(format: "%-52@ %10.0f ops/s %8.1f MiB/s", label as NSString, perSecond, mbps))
}

/// Feeds `input` as a growing buffer in `read`-byte steps, as the event server does; returns the body size.
func feedGrowing(_ input: [UInt8], read: Int) -> Int {
    var parser = RequestParser()
    var end = 0
    while end < input.count {
        end = min(input.count, end + read)
        let outcome = input.withUnsafeBytes { parser.parse(UnsafeRawBufferPointer(rebasing: $0[0 ..< end])) }
        if case .complete(let request, _) = outcome { return request.body.count }
        if case .bad(let error) = outcome { fatalError("\(error)") }
    }
    fatalError("incomplete")
}

let get = Array(("GET /articles/42/quotes?lang=en&limit=20 HTTP/1.1\r\nHost: byline.example\r\n" +
    "User-Agent: Mozilla/5.0 (X11; Linux x86_64) bench\r\nAccept: application/json\r\n" +
    "Accept-Encoding: gzip, deflate\r\nAccept-Language: en-GB,en;q=0.9\r\nConnection: keep-alive\r\n" +
    "X-Request-Id: 0123456789abcdef\r\nX-Forwarded-For: 10.0.0.1\r\n\r\n").utf8)
measure("parse typical GET (\(get.count) B, one read)", bytes: get.count, iterations: 200_000) {
    var parser = RequestParser()
    _ = get.withUnsafeBytes { parser.parse($0) }
}

let mib = 1_048_576
let clBody = Array("POST /articles HTTP/1.1\r\nHost: a\r\nContent-Length: \(mib)\r\n\r\n".utf8) +
    [UInt8](repeating: 0x61, count: mib)
for read in [65_536, 4096, 512] {
    measure("1 MiB Content-Length body, \(read) B reads", bytes: clBody.count, iterations: 20) {
        _ = feedGrowing(clBody, read: read)
    }
}

var chunked = Array("POST /articles HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n".utf8)
for _ in 0 ..< 256 { chunked += Array("1000\r\n".utf8) + [UInt8](repeating: 0x62, count: 4096) + [13, 10] }
chunked += Array("0\r\n\r\n".utf8)
for read in [65_536, 4096, 512] {
    measure("1 MiB chunked body (4 KiB chunks), \(read) B reads", bytes: chunked.count, iterations: 20) {
        _ = feedGrowing(chunked, read: read)
    }
}

let response = HTTPResponse(status: .ok, headers: ["Content-Type": "application/json", "X-Request-Id": "abc"],
                            body: Array(#"{"id":42,"title":"A headline","entities":[]}"#.utf8))
let date = HTTPDate.format(epochSeconds: 1_795_000_000)
measure("serialize small JSON response", bytes: 0, iterations: 200_000) {
    _ = ResponseSerializer.serialize(response, headOnly: false, keepAlive: true, date: date)
}

var router = Router()
for name in ["articles", "entities", "quotes", "timeline", "sources", "health"] {
    router.get("/\(name)") { _, _ in HTTPResponse() }
    router.get("/\(name)/{id}") { _, _ in HTTPResponse() }
    router.post("/\(name)") { _, _ in HTTPResponse() }
}
let responder = try router.build()
let request = HTTPRequest(method: .get, target: "/timeline/42?from=2020-01-01", headers: ["Host": "a"])
let client = ClientInfo(address: "127.0.0.1", port: 1, isTLS: false)
measure("route GET /timeline/{id} among 18 routes", bytes: 0, iterations: 200_000) {
    _ = responder.handle(request, client: client)
}
