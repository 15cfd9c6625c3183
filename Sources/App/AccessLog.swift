// One JSON line per request on stderr: time, method, path, status, bytes, duration, request id, client.
// Written with a single write(2) so lines from several loops never interleave.
import Foundation

struct AccessLogLine {
    var time: Date
    var method: String
    var path: String
    var status: Int
    var bytes: Int
    var durationMs: Double
    var requestId: String
    var client: String

    func json() -> String {
        let object: [String: Any] = [
            "time": AccessLogLine.iso8601(time), "method": method, "path": path, "status": status,
            "bytes": bytes, "duration_ms": (durationMs * 1000).rounded() / 1000, "request_id": requestId,
            "client": client,
        ]
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }

    /// RFC 3339 UTC with milliseconds, formatted by hand: a formatter per line would dominate the cost.
    static func iso8601(_ date: Date) -> String {
        let ms = Int((date.timeIntervalSince1970 * 1000).rounded(.down))
        var seconds = time_t(ms / 1000)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func pad(_ v: Int32, _ w: Int) -> String {
            let s = String(v)
            return String(repeating: "0", count: max(0, w - s.count)) + s
        }
        return "\(pad(parts.tm_year + 1900, 4))-\(pad(parts.tm_mon + 1, 2))-\(pad(parts.tm_mday, 2))T"
            + "\(pad(parts.tm_hour, 2)):\(pad(parts.tm_min, 2)):\(pad(parts.tm_sec, 2)).\(pad(Int32(ms % 1000), 3))Z"
    }
}

/// Writes whole lines to standard error.
public enum StandardError {
    @Sendable public static func write(_ line: String) {
        var bytes = Array(line.utf8)
        bytes.append(UInt8(ascii: "\n"))
        bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = Foundation.write(2, raw.baseAddress! + offset, raw.count - offset)
                if n <= 0 { return }
                offset += n
            }
        }
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
