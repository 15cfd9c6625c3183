// Turns an HTTPResponse into HTTP/1.1 bytes. The serializer owns the framing fields: it always writes Date and
// (where RFC 9110 §8.6 allows) Content-Length itself, adds `Connection: close` when the connection will close,
// and drops any handler-supplied Content-Length, Transfer-Encoding or Date so a handler can never desynchronise
// the framing. Header names that are not tokens are dropped and CR, LF and other controls in values become spaces,
// so no handler input can split a response (CWE-113).

public enum ResponseSerializer {
    /// The bytes of `response` as an HTTP/1.1 message.
    /// - Parameters:
    ///   - headOnly: the request was HEAD: headers (Content-Length of the full body included), no body.
    ///   - keepAlive: false adds `Connection: close` (and drops any other Connection field the handler set).
    ///   - date: the IMF-fixdate for the Date field (see `HTTPDate`; cache it per second).
    /// Bodies are never sent for 1xx, 204 and 304; Content-Length is omitted for 1xx and 204 (which must not carry
    /// one) and for a 304 without a body (its length would describe the representation, which we do not have).
    public static func serialize(_ response: HTTPResponse, headOnly: Bool, keepAlive: Bool, date: String) -> [UInt8] {
        let code = (100 ... 999).contains(response.status.code) ? response.status.code : 500
        let reason = code == response.status.code ? response.status.reason : HTTPStatus.standardReason(500)
        let bodyless = (100 ..< 200).contains(code) || code == 204 || code == 304
        var out: [UInt8] = []
        out.reserveCapacity(128 + response.headers.count * 32 + (headOnly || bodyless ? 0 : response.body.count))
        out += "HTTP/1.1 \(code) ".utf8
        appendSanitized(reason, to: &out)
        out += crlf
        appendField("Date", date, to: &out)
        if !((100 ..< 200).contains(code) || code == 204 || (code == 304 && response.body.isEmpty)) {
            appendField("Content-Length", String(response.body.count), to: &out)
        }
        if !keepAlive { appendField("Connection", "close", to: &out) }
        for field in response.headers {
            // Only names as long as a framing field can be one; the others skip the lowercased copy.
            switch field.name.utf8.count {
            case 4, 10, 14, 17:
                switch field.name.lowercased() {
                case "content-length", "transfer-encoding", "date": continue
                case "connection" where !keepAlive || field.value.lowercased().contains("close"): continue
                default: break
                }
            default:
                break
            }
            guard !field.name.isEmpty, field.name.utf8.allSatisfy(Byte.isToken) else { continue }
            appendField(field.name, field.value, to: &out)
        }
        out += crlf
        if !headOnly && !bodyless { out += response.body }
        return out
    }

    /// The interim response sent when a request said `Expect: 100-continue` and its head was accepted.
    public static func interim100Continue() -> [UInt8] {
        Array("HTTP/1.1 100 Continue\r\n\r\n".utf8)
    }

    private static let crlf: [UInt8] = [Byte.cr, Byte.lf]

    private static func appendField(_ name: String, _ value: String, to out: inout [UInt8]) {
        out += name.utf8
        out += [Byte.colon, Byte.sp]
        appendSanitized(value, to: &out)
        out += crlf
    }

    /// Writes `text` with every control character other than HTAB (CR and LF included) and DEL replaced by SP.
    private static func appendSanitized(_ text: String, to out: inout [UInt8]) {
        // Nearly every value is clean: one check, then one bulk copy.
        if text.utf8.allSatisfy(Byte.isFieldValue) {
            out += text.utf8
            return
        }
        for c in text.utf8 {
            out.append(c == Byte.htab || (c >= 0x20 && c != 0x7F) ? c : Byte.sp)
        }
    }
}

/// IMF-fixdate (RFC 9110 §5.6.7), e.g. "Sun, 06 Nov 1994 08:49:37 GMT", computed without Foundation.
public struct HTTPDate: Sendable {
    private static let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    public static func format(epochSeconds: Int) -> String {
        let (dayNumber, secondOfDay) = epochSeconds.floorDivided(by: 86_400)
        // 1970-01-01 was a Thursday (index 4 counting from Sunday).
        let weekday = (dayNumber % 7 + 7 + 4) % 7
        let (year, month, day) = civil(fromDays: dayNumber)
        let hour = secondOfDay / 3600, minute = secondOfDay / 60 % 60, second = secondOfDay % 60
        return "\(days[weekday]), \(two(day)) \(months[month - 1]) \(four(year)) " +
            "\(two(hour)):\(two(minute)):\(two(second)) GMT"
    }

    /// Howard Hinnant's days-to-civil algorithm (proleptic Gregorian calendar).
    private static func civil(fromDays z0: Int) -> (year: Int, month: Int, day: Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    private static func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
    private static func four(_ n: Int) -> String {
        let s = String(n)
        return s.count >= 4 ? s : String(repeating: "0", count: 4 - s.count) + s
    }
}

/// Remembers the Date string of the current second, so an event loop formats it once per second, not per response.
public struct HTTPDateCache: Sendable {
    private var second = Int.min
    private var text = ""

    public init() {}

    public mutating func string(epochSeconds: Int) -> String {
        if epochSeconds != second {
            second = epochSeconds
            text = HTTPDate.format(epochSeconds: epochSeconds)
        }
        return text
    }
}

extension Int {
    /// Quotient and non-negative remainder (floor division), so dates before 1970 format correctly.
    fileprivate func floorDivided(by d: Int) -> (Int, Int) {
        let q = self / d, r = self % d
        return r < 0 ? (q - 1, r + d) : (q, r)
    }
}
