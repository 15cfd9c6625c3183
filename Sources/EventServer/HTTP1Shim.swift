// TEMPORARY: stand-ins for the http1 branch's ResponseSerializer, HTTPDate and problem builder (same API), until
// that branch has them. Deleted when they land.
import HTTP1

enum ResponseSerializer {
    static func serialize(_ r: HTTPResponse, headOnly: Bool, keepAlive: Bool, date: String) -> [UInt8] {
        var head = "HTTP/1.1 \(r.status.code) \(r.status.reason)\r\n"
        for (name, value) in r.headers { head += "\(name): \(value)\r\n" }
        head += "Date: \(date)\r\nContent-Length: \(r.body.count)\r\n"
        if !keepAlive { head += "Connection: close\r\n" }
        head += "\r\n"
        var out = Array(head.utf8)
        if !headOnly { out += r.body }
        return out
    }
    static func interim100Continue() -> [UInt8] { Array("HTTP/1.1 100 Continue\r\n\r\n".utf8) }
}

enum HTTPDate {
    static func format(epochSeconds: Int) -> String {
        let days = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        var z = epochSeconds / 86400
        let secs = epochSeconds % 86400
        let wd = days[z % 7]
        z += 719468
        let era = z / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return "\(wd), \(two(d)) \(months[m - 1]) \(y) \(two(secs / 3600)):\(two(secs / 60 % 60)):\(two(secs % 60)) GMT"
    }
}

extension HTTPResponse {
    static func problem(_ status: HTTPStatus, detail: String) -> HTTPResponse {
        let body = "{\"type\":\"about:blank\",\"title\":\"\(status.reason)\",\"status\":\(status.code),\"detail\":\"\(detail)\"}"
        return HTTPResponse(status: status, contentType: "application/problem+json", body: Array(body.utf8))
    }
}
