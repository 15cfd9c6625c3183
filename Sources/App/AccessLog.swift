// One JSON line per request: time, method, path, status, bytes, duration, request id, client (keys sorted).
// Formatted straight into bytes: JSONSerialization and a dictionary per request cost more than the request itself.
import Foundation
import TextAnalysis

struct AccessLogLine {
    var time: Date
    var method: String
    var path: String
    var status: Int
    var bytes: Int
    var durationMs: Double
    var requestId: String
    var client: String

    func json() -> String { String(decoding: utf8(), as: UTF8.self) }

    /// The line without its newline.
    func utf8() -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(160 + path.utf8.count + requestId.utf8.count)
        append(to: &out)
        return out
    }

    func append(to out: inout [UInt8]) {
        func key(_ name: StaticString) {
            out.append(UInt8(ascii: "\""))
            name.withUTF8Buffer { out.append(contentsOf: $0) }
            out.append(contentsOf: [UInt8(ascii: "\""), UInt8(ascii: ":")])
        }
        func comma() { out.append(UInt8(ascii: ",")) }
        out.append(UInt8(ascii: "{"))
        key("bytes"); JSONWriter.appendInt(Int64(bytes), to: &out); comma()
        key("client"); JSONWriter.appendString(client, to: &out); comma()
        key("duration_ms"); Self.appendMilliseconds(durationMs, to: &out); comma()
        key("method"); JSONWriter.appendString(method, to: &out); comma()
        key("path"); JSONWriter.appendString(path, to: &out); comma()
        key("request_id"); JSONWriter.appendString(requestId, to: &out); comma()
        key("status"); JSONWriter.appendInt(Int64(status), to: &out); comma()
        key("time"); out.append(UInt8(ascii: "\"")); Self.appendISO8601(time, to: &out); out.append(UInt8(ascii: "\""))
        out.append(UInt8(ascii: "}"))
    }

    /// Milliseconds with three decimals (microsecond resolution), as a JSON number.
    static func appendMilliseconds(_ ms: Double, to out: inout [UInt8]) {
        let micros = ms.isFinite ? Int(max(0, min(ms * 1000, 1e15)).rounded()) : 0
        JSONWriter.appendInt(Int64(micros / 1000), to: &out)
        out.append(UInt8(ascii: "."))
        let fraction = micros % 1000
        out.append(UInt8(ascii: "0") + UInt8(fraction / 100))
        out.append(UInt8(ascii: "0") + UInt8(fraction / 10 % 10))
        out.append(UInt8(ascii: "0") + UInt8(fraction % 10))
    }

    /// RFC 3339 UTC with milliseconds, formatted by hand: a formatter per line would dominate the cost.
    static func iso8601(_ date: Date) -> String {
        var out: [UInt8] = []
        appendISO8601(date, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    static func appendISO8601(_ date: Date, to out: inout [UInt8]) {
        let ms = Int((date.timeIntervalSince1970 * 1000).rounded(.down))
        var seconds = time_t(ms / 1000)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func pad(_ value: Int32, _ width: Int) {
            var divisor: Int32 = 1
            for _ in 1..<width { divisor *= 10 }
            var v = value
            while divisor > 0 {
                out.append(UInt8(ascii: "0") + UInt8(truncatingIfNeeded: v / divisor % 10))
                v %= divisor
                divisor /= 10
            }
        }
        pad(parts.tm_year + 1900, 4); out.append(UInt8(ascii: "-"))
        pad(parts.tm_mon + 1, 2); out.append(UInt8(ascii: "-"))
        pad(parts.tm_mday, 2); out.append(UInt8(ascii: "T"))
        pad(parts.tm_hour, 2); out.append(UInt8(ascii: ":"))
        pad(parts.tm_min, 2); out.append(UInt8(ascii: ":"))
        pad(parts.tm_sec, 2); out.append(UInt8(ascii: "."))
        pad(Int32(ms % 1000), 3); out.append(UInt8(ascii: "Z"))
    }
}

/// Writes whole lines to standard error, one write(2) per line (log lines that are not access-log lines, and
/// the access log of tests and tools that do not buffer).
public enum StandardError {
    @Sendable public static func write(_ line: String) {
        var bytes = Array(line.utf8)
        bytes.append(UInt8(ascii: "\n"))
        LineWriter.writeAll(fd: 2, bytes)
    }
}

import EventServer

extension AccessLogLine {
    init(entry: AccessLogEntry) {
        let path = entry.target.split(separator: "?", maxSplits: 1).first.map(String.init) ?? entry.target
        self.init(time: Date(), method: entry.method, path: path, status: entry.status, bytes: entry.bytes,
                  durationMs: entry.duration.seconds * 1000, requestId: entry.requestID ?? "-",
                  client: entry.client.address)
    }
}
