// The analysis response body: a Document written as JSON bytes by hand, with a fixed key order (so output is
// deterministic and diffable) and no Foundation encoder on the hot path. Offsets are Unicode scalar offsets.
//
// {"date": "YYYY-MM-DD"|null,
//  "entities": [{"id","name","type","role","aliases","mentions":[{"start","end","text"}],"confidence"}],
//  "quotes": [{"text","start","end",("parts":[{"start","end"}] when split),"kind","cue":{"start","end","text"}|null,
//              "speaker":{"name"|null,"entity","mention":{"start","end","text"}}|null,"rule","confidence"}],
//  "timexes": [{"start","end","text","type","value"}],
//  "timeline": [{"date","granularity","start","end","text","entities":[ids],"quotes":[indexes]}],
//  "sentences": count, "tokens": count}

public enum AnalysisJSON {
    /// The response body for a document.
    public static func encode(_ doc: Document) -> [UInt8] {
        var w = JSONWriter()
        w.out.reserveCapacity(1024 + doc.entities.count * 200 + doc.quotes.count * 300 + doc.timeline.count * 200)
        w.raw("{\"date\":")
        if let date = doc.date { w.string(date.description) } else { w.raw("null") }

        w.raw(",\"entities\":[")
        for (i, e) in doc.entities.enumerated() {
            if i > 0 { w.raw(",") }
            w.raw("{\"id\":"); w.int(e.id)
            w.raw(",\"name\":"); w.string(e.name)
            w.raw(",\"type\":"); w.string(e.type.rawValue)
            w.raw(",\"role\":"); if let role = e.role { w.string(role) } else { w.raw("null") }
            w.raw(",\"aliases\":[")
            for (k, a) in e.aliases.enumerated() {
                if k > 0 { w.raw(",") }
                w.string(a)
            }
            w.raw("],\"mentions\":[")
            var first = true
            for m in e.mentions where m >= 0 && m < doc.mentions.count {
                if !first { w.raw(",") }
                first = false
                w.span(doc.mentions[m].chars, doc)
            }
            w.raw("],\"confidence\":"); w.double(e.confidence)
            w.raw("}")
        }

        w.raw("],\"quotes\":[")
        for (i, q) in doc.quotes.enumerated() {
            if i > 0 { w.raw(",") }
            w.raw("{\"text\":"); w.string(doc.text(of: q))
            w.raw(",\"start\":"); w.int(q.content.start)
            w.raw(",\"end\":"); w.int(q.content.end)
            if !q.parts.isEmpty {
                w.raw(",\"parts\":[")
                for (k, part) in q.parts.enumerated() {
                    w.raw(k == 0 ? "{\"start\":" : ",{\"start\":"); w.int(part.start)
                    w.raw(",\"end\":"); w.int(part.end); w.raw("}")
                }
                w.raw("]")
            }
            w.raw(",\"kind\":"); w.string(q.kind.rawValue)
            w.raw(",\"cue\":"); if let cue = q.cue { w.span(cue, doc) } else { w.raw("null") }
            w.raw(",\"speaker\":")
            if let s = q.speaker {
                w.raw("{\"name\":")
                if let name = s.name { w.string(name) } else { w.raw("null") }
                w.raw(",\"entity\":")
                if let e = s.entity, e >= 0, e < doc.entities.count { w.int(doc.entities[e].id) } else { w.raw("null") }
                w.raw(",\"mention\":"); w.span(s.mention, doc)
                w.raw("}")
            } else {
                w.raw("null")
            }
            w.raw(",\"rule\":"); w.string(q.rule)
            w.raw(",\"confidence\":"); w.double(q.confidence)
            w.raw("}")
        }

        w.raw("],\"timexes\":[")
        for (i, t) in doc.timexes.enumerated() {
            if i > 0 { w.raw(",") }
            w.raw("{\"start\":"); w.int(t.chars.start)
            w.raw(",\"end\":"); w.int(t.chars.end)
            w.raw(",\"text\":"); w.string(doc.text(t.chars))
            w.raw(",\"type\":"); w.string(t.type.rawValue)
            w.raw(",\"value\":"); w.string(t.value)
            w.raw("}")
        }

        w.raw("],\"timeline\":[")
        for (i, ev) in doc.timeline.enumerated() {
            if i > 0 { w.raw(",") }
            w.raw("{\"date\":"); w.string(ev.date)
            w.raw(",\"granularity\":"); w.string(ev.granularity)
            w.raw(",\"start\":"); w.int(ev.chars.start)
            w.raw(",\"end\":"); w.int(ev.chars.end)
            w.raw(",\"text\":"); w.string(doc.text(ev.chars))
            // TimelineEvent.entities are indexes into doc.entities; the response speaks entity ids.
            w.raw(",\"entities\":[")
            var first = true
            for e in ev.entities where e >= 0 && e < doc.entities.count {
                if !first { w.raw(",") }
                first = false
                w.int(doc.entities[e].id)
            }
            w.raw("],\"quotes\":[")
            first = true
            for q in ev.quotes where q >= 0 && q < doc.quotes.count {
                if !first { w.raw(",") }
                first = false
                w.int(q)
            }
            w.raw("]}")
        }

        w.raw("],\"sentences\":"); w.int(doc.sentences.count)
        w.raw(",\"tokens\":"); w.int(doc.tokens.count)
        w.raw("}")
        return w.out
    }

    /// `s` as a JSON string literal (with quotes), UTF-8.
    public static func quoted(_ s: String) -> [UInt8] {
        var w = JSONWriter()
        w.string(s)
        return w.out
    }
}

/// Appends JSON tokens to a byte buffer.
public struct JSONWriter: Sendable {
    public var out: [UInt8] = []

    public init() {}

    public mutating func raw(_ s: StaticString) {
        s.withUTF8Buffer { out.append(contentsOf: $0) }
    }

    public mutating func int(_ v: Int) {
        Self.appendInt(Int64(v), to: &out)
    }

    /// Decimal digits appended in place: shared with writers that keep their own buffer (App's JSONValue and
    /// access log), so every JSON the service writes formats numbers and strings one way.
    /// Decimal digits of the largest magnitude an Int64 can have (UInt64.max has 20; Int64.min's 19 fit).
    private static let maxDigits = 20

    public static func appendInt(_ v: Int64, to out: inout [UInt8]) {
        if v < 0 { out.append(0x2D) }
        var magnitude = v.magnitude
        if magnitude < 10 { out.append(UInt8(0x30 + magnitude)); return }
        // Digits go right to left into a stack buffer, then one append: reversing a slice of `out` in place made
        // a copy of the whole buffer per number (the most common call of the encoder).
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: maxDigits) { digits in
            var at = maxDigits
            repeat {
                at -= 1
                digits[at] = UInt8(0x30 + magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            out.append(contentsOf: UnsafeBufferPointer(rebasing: digits[at..<maxDigits]))
        }
    }

    /// A number rounded to 4 decimals with trailing zeros dropped (0.8125, 1, 0.5); non-finite values are null.
    public mutating func double(_ v: Double) {
        guard v.isFinite else { raw("null"); return }
        let scaled = (v * 10_000).rounded()
        guard scaled.magnitude < 9e15 else { raw("null"); return }
        let i = Int(scaled)
        if i < 0 { out.append(0x2D) }
        let m = i.magnitude
        int(Int(m / 10_000))
        var frac = Int(m % 10_000)
        guard frac != 0 else { return }
        out.append(0x2E)
        var width = 4
        while frac % 10 == 0 { frac /= 10; width -= 1 }
        var divisor = 1
        for _ in 1..<width { divisor *= 10 }
        while divisor > 0 {
            out.append(UInt8(0x30 + (frac / divisor) % 10))
            divisor /= 10
        }
    }

    /// A JSON string: quotes, backslash and control characters escaped; U+2028/U+2029 escaped too so the output
    /// is also safe inside JavaScript. Swift strings hold only valid scalars, so no lone surrogates can appear.
    public mutating func string(_ s: String) {
        Self.appendString(s, to: &out)
    }

    /// `string` for a caller's own buffer; text with nothing to escape (most of it) is copied whole.
    public static func appendString(_ s: String, to out: inout [UInt8]) {
        out.append(0x22)
        var s = s
        s.withUTF8 { u in
            if u.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C || $0 == 0x7F || $0 == 0xE2 }) {
                appendEscaped(u, to: &out)
            } else {
                out.append(contentsOf: u)
            }
        }
        out.append(0x22)
    }

    private static func appendEscaped(_ u: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        let hex: StaticString = "0123456789abcdef"
        var k = 0
        let n = u.count
        while k < n {
            let b = u[k]
            switch b {
            case 0x22: out.append(0x5C); out.append(0x22)
            case 0x5C: out.append(0x5C); out.append(0x5C)
            case 0x0A: out.append(0x5C); out.append(0x6E)
            case 0x0D: out.append(0x5C); out.append(0x72)
            case 0x09: out.append(0x5C); out.append(0x74)
            case 0x08: out.append(0x5C); out.append(0x62)
            case 0x0C: out.append(0x5C); out.append(0x66)
            case 0x00..<0x20, 0x7F:
                out.append(contentsOf: [0x5C, 0x75, 0x30, 0x30])
                hex.withUTF8Buffer { h in
                    out.append(h[Int(b >> 4)])
                    out.append(h[Int(b & 0xF)])
                }
            case 0xE2 where k + 2 < n && u[k + 1] == 0x80 && (u[k + 2] == 0xA8 || u[k + 2] == 0xA9):
                // U+2028 and U+2029 are legal JSON but end lines in JavaScript.
                out.append(contentsOf: [0x5C, 0x75, 0x32, 0x30, 0x32, u[k + 2] == 0xA8 ? 0x38 : 0x39])
                k += 2
            default: out.append(b)
            }
            k += 1
        }
    }

    /// {"start","end","text"} for a character range.
    mutating func span(_ r: CharRange, _ doc: Document) {
        raw("{\"start\":"); int(r.start)
        raw(",\"end\":"); int(r.end)
        raw(",\"text\":"); string(doc.text(r))
        raw("}")
    }
}
