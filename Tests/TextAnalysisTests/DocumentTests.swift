// Document.text(_:): the UTF-8 slice it copies is the same text as the scalars of the range, for ASCII and
// multi-byte input alike, and out-of-range ends are clamped; Document.init's scalars (widened from the bytes of an
// ASCII text) are the text's unicodeScalars.
import Testing
@testable import TextAnalysis

@Suite struct DocumentTests {
    static let texts = [
        "Joe Biden said on Monday that talks failed.",
        "Zoë Kravitz met Søren Kierkegaard in Zürich — “quoted” 🇺🇦 text, e\u{301} combining.",
        "日本の首相は「はい」と言った。",
        "",
    ]

    /// The text of scalars lo..<hi, built scalar by scalar (what text(_:) must equal).
    static func reference(_ scalars: [Unicode.Scalar], _ lo: Int, _ hi: Int) -> String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars[lo..<hi])
        return String(view)
    }

    @Test(arguments: texts)
    func textOfEveryRangeEqualsItsScalars(_ text: String) {
        let doc = Document(text: text)
        let n = doc.scalars.count
        for lo in 0...n {
            for hi in lo...n {
                #expect(doc.text(CharRange(lo, hi)) == Self.reference(doc.scalars, lo, hi), "\(lo)..<\(hi)")
            }
        }
        #expect(doc.text(CharRange(0, n)) == text)
    }

    @Test(arguments: texts + ["\t\r\n\u{7F}\u{0} ASCII controls", "ascii then é", "é then ascii", "\r\n"])
    func documentScalarsAreTheTextsScalars(_ text: String) {
        #expect(Document(text: text).scalars == Array(text.unicodeScalars))
    }

    @Test(arguments: [(-3, 4, 0, 4), (2, 1_000, 2, -1), (9, 3, 9, 9), (1_000, 2_000, -1, -1)])
    func outOfRangeEndsAreClamped(_ c: (Int, Int, Int, Int)) {
        let doc = Document(text: "Zoë said “yes” twice.")
        let n = doc.scalars.count
        let lo = c.2 < 0 ? n : c.2, hi = c.3 < 0 ? n : c.3
        #expect(doc.text(CharRange(c.0, c.1)) == Self.reference(doc.scalars, lo, max(lo, hi)))
    }
}
