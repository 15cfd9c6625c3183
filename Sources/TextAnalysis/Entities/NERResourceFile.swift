// Byte-level reading of the tagger's large TSV resources (clusters, gazetteers: ~100k lines). Splitting a
// String by Character costs grapheme breaking per byte, which made loading take seconds; these files are
// line- and tab-separated UTF-8, so bytes suffice. Comments (#) and blank lines are skipped, as in
// ResourceLoader.lines.
import Foundation

enum NERResourceFile {
    /// Calls `body` with each data line's 1-based number and its tab-separated columns (as byte slices).
    static func forEachLine(_ data: Data, _ body: (Int, [Slice<UnsafeBufferPointer<UInt8>>]) throws -> Void) rethrows {
        try data.withUnsafeBytes { raw in
            let bytes = raw.bindMemory(to: UInt8.self)
            var lineNumber = 0
            var start = 0
            var cols: [Slice<UnsafeBufferPointer<UInt8>>] = []
            while start < bytes.count {
                // memchr finds the line's end many bytes at a time
                let end = memchr(bytes.baseAddress! + start, 0x0A, bytes.count - start)
                    .map { UnsafeRawPointer(bytes.baseAddress!).distance(to: UnsafeRawPointer($0)) } ?? bytes.count
                lineNumber += 1
                var stop = end
                if stop > start && bytes[stop - 1] == 0x0D { stop -= 1 }
                if stop > start && bytes[start] != 0x23 {
                    cols.removeAll(keepingCapacity: true)
                    // memchr again for the tabs: a byte loop here was a fifth of reading the cluster files
                    var c = start
                    while let tab = memchr(bytes.baseAddress! + c, 0x09, stop - c) {
                        let k = UnsafeRawPointer(bytes.baseAddress!).distance(to: UnsafeRawPointer(tab))
                        cols.append(bytes[c..<k])
                        c = k + 1
                    }
                    cols.append(bytes[c..<stop])
                    try body(lineNumber, cols)
                }
                start = end + 1
            }
        }
    }

    /// The hash NERWordInfo gives the lower-case form of a token, computed from its UTF-8 bytes.
    static func lowerHash(_ bytes: Slice<UnsafeBufferPointer<UInt8>>) -> UInt64 {
        var h = NERHash.fnvOffset
        for b in bytes {
            if b >= 128 { return NERHash.string(NERWordInfo.lowercase(String(decoding: bytes, as: UTF8.self))) }
            h = (h ^ UInt64(b >= 65 && b <= 90 ? b + 32 : b)) &* NERHash.fnvPrime
        }
        return h
    }
}
