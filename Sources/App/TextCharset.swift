// The character encodings a text/plain body may declare (`charset=`): UTF-8 (the default, and US-ASCII, its
// subset) or windows-1252, which is also what ISO-8859-1 ("latin1") labels mean on the web (WHATWG Encoding):
// the two differ only in 0x80-0x9F, where windows-1252 has the curly quotes and dashes legacy newsroom files
// use. A body is decoded as declared, never read as UTF-8 against its label; any other charset is refused.
import Foundation

enum TextCharset: Equatable {
    case utf8, windows1252

    /// The `charset` parameter of a Content-Type, lowercased and unquoted, or nil when it has none.
    static func label(in contentType: String?) -> String? {
        guard let contentType else { return nil }
        for parameter in contentType.split(separator: ";").dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1)
            guard pair.count == 2, pair[0].trimmingCharacters(in: .whitespaces).lowercased() == "charset" else {
                continue
            }
            let label = pair[1].trimmingCharacters(in: .whitespaces).lowercased()
            if label.count >= 2, label.hasPrefix("\""), label.hasSuffix("\"") {
                return String(label.dropFirst().dropLast())
            }
            return label
        }
        return nil
    }

    /// The charset a label names, or nil for one not supported.
    static func named(_ label: String) -> TextCharset? {
        switch label {
        case "utf-8", "utf8", "us-ascii", "ascii": return .utf8
        // The labels WHATWG's Encoding standard maps to windows-1252, less the ASCII ones read above as UTF-8.
        case "iso-8859-1", "iso8859-1", "iso88591", "iso_8859-1", "iso_8859-1:1987", "iso-ir-100", "latin1", "l1",
             "csisolatin1", "ibm819", "cp819", "windows-1252", "cp1252", "x-cp1252":
            return .windows1252
        default: return nil
        }
    }

    /// windows-1252 bytes as text: each byte one Unicode scalar, so offsets into the text are byte offsets.
    static func decodeWindows1252(_ bytes: [UInt8]) -> String {
        var scalars = String.UnicodeScalarView()
        scalars.reserveCapacity(bytes.count)
        for b in bytes {
            let value = b >= 0x80 && b <= 0x9F ? windows1252High[Int(b - 0x80)] : UInt32(b)
            scalars.append(Unicode.Scalar(value)!)
        }
        return String(scalars)
    }

    /// 0x80-0x9F in windows-1252; the five bytes it leaves undefined keep their C1 code point (as WHATWG does).
    static let windows1252High: [UInt32] = [
        0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152,
        0x008D, 0x017D, 0x008F, 0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122,
        0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
    ]
}
