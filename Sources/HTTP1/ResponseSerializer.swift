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
        var out: [UInt8] = []
        serialize(response, headOnly: headOnly, keepAlive: keepAlive, date: date, into: &out)
        return out
    }

    /// As `serialize(_:headOnly:keepAlive:date:)`, appended to `out`: an event loop reuses one buffer's capacity
    /// instead of allocating a message per response.
    public static func serialize(_ response: HTTPResponse, headOnly: Bool, keepAlive: Bool, date: String,
                                 into out: inout [UInt8]) {
        let code = (100 ... 999).contains(response.status.code) ? response.status.code : 500
        let bodyless = (100 ..< 200).contains(code) || code == 204 || code == 304
        out.reserveCapacity(out.count + 160 + response.headers.count * 48
                            + (headOnly || bodyless ? 0 : response.body.count))
        // Byte appends throughout: String interpolation and String(Int) allocated and showed in profiles.
        append(statusPrefix, to: &out)
        appendDecimal(code, to: &out)
        out.append(Byte.sp)
        appendSanitized(code == response.status.code ? response.status.reason : HTTPStatus.standardReason(500),
                        to: &out)
        out.append(Byte.cr)
        out.append(Byte.lf)
        append(datePrefix, to: &out)
        appendSanitized(date, to: &out)
        out.append(Byte.cr)
        out.append(Byte.lf)
        if !((100 ..< 200).contains(code) || code == 204 || (code == 304 && response.body.isEmpty)) {
            append(contentLengthPrefix, to: &out)
            appendDecimal(response.body.count, to: &out)
            out.append(Byte.cr)
            out.append(Byte.lf)
        }
        if !keepAlive { append(connectionClose, to: &out) }
        for field in response.headers {
            // Only names as long as a framing field can be one; the others skip the comparisons.
            switch field.name.utf8.count {
            case 4, 10, 14, 17:
                if HTTPHeaders.same(field.name, "Content-Length") || HTTPHeaders.same(field.name, "Transfer-Encoding")
                    || HTTPHeaders.same(field.name, "Date") {
                    continue
                }
                if HTTPHeaders.same(field.name, "Connection")
                    && (!keepAlive || field.value.lowercased().contains("close")) {
                    continue
                }
            default:
                break
            }
            guard !field.name.isEmpty, appendIfToken(field.name, to: &out) else { continue }
            out.append(Byte.colon)
            out.append(Byte.sp)
            appendSanitized(field.value, to: &out)
            out.append(Byte.cr)
            out.append(Byte.lf)
        }
        out.append(Byte.cr)
        out.append(Byte.lf)
        if !headOnly && !bodyless { out.append(contentsOf: response.body) }
    }

    /// The interim response sent when a request said `Expect: 100-continue` and its head was accepted.
    public static func interim100Continue() -> [UInt8] {
        Array("HTTP/1.1 100 Continue\r\n\r\n".utf8)
    }

    // Static strings, not stored arrays: a stored global is reached through a lazy-initialisation check.
    private static var statusPrefix: StaticString { "HTTP/1.1 " }
    private static var datePrefix: StaticString { "Date: " }
    private static var contentLengthPrefix: StaticString { "Content-Length: " }
    private static var connectionClose: StaticString { "Connection: close\r\n" }

    @inline(__always) private static func append(_ text: StaticString, to out: inout [UInt8]) {
        out.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// A non-negative integer in decimal (status codes and lengths).
    @inline(__always) private static func appendDecimal(_ value: Int, to out: inout [UInt8]) {
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes: enough for any Int
        var n = UInt(max(0, value))
        var count = 0
        withUnsafeMutableBytes(of: &digits) { buffer in
            repeat {
                buffer[23 - count] = UInt8(ascii: "0") + UInt8(n % 10)
                n /= 10
                count += 1
            } while n > 0
            out.append(contentsOf: UnsafeRawBufferPointer(rebasing: buffer[(24 - count)...]))
        }
    }

    /// Appends `name` when it is a token (field names that are not are dropped); checks and copies over the
    /// string's own bytes (the UTF8View iterator showed in profiles).
    @inline(__always) private static func appendIfToken(_ name: String, to out: inout [UInt8]) -> Bool {
        let appended: Bool? = name.utf8.withContiguousStorageIfAvailable { bytes in
            guard bytes.allSatisfy(Byte.isToken) else { return false }
            out.append(contentsOf: bytes)
            return true
        }
        if let appended { return appended }
        guard name.utf8.allSatisfy(Byte.isToken) else { return false }
        out.append(contentsOf: name.utf8)
        return true
    }

    /// Writes `text` with every control character other than HTAB (CR and LF included) and DEL replaced by SP.
    private static func appendSanitized(_ text: String, to out: inout [UInt8]) {
        // Nearly every value is clean: one check, then one bulk copy, both over the string's own bytes.
        let done: Void? = text.utf8.withContiguousStorageIfAvailable { bytes in
            if bytes.allSatisfy(Byte.isFieldValue) {
                out.append(contentsOf: bytes)
            } else {
                for c in bytes { out.append(sanitized(c)) }
            }
        }
        if done == nil {
            for c in text.utf8 { out.append(sanitized(c)) }
        }
    }

    @inline(__always) private static func sanitized(_ c: UInt8) -> UInt8 {
        c == Byte.htab || (c >= 0x20 && c != 0x7F) ? c : Byte.sp
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
