// Byte- and scalar-level reads that the quote passes ask of nearly every token. String's own versions work on
// Characters through generic code: `hasSuffix` took about 200 instructions a call against 66 here, `count` about
// 230, and a token's `text.utf8.first` some 37 where the document's scalars give its first scalar in a load
// (together some 5 % of the quote finder's time over BBC articles).

extension String {
    /// Whether the string's UTF-8 ends with `suffix`'s. The same as `hasSuffix` for the lower-case ASCII endings
    /// the passes ask about ("ed", "ing", "ly"), except when a prepended mark (a Unicode "Prepend" character) right
    /// before the ending joins its first letter into one Character, which no English word has.
    @inline(__always) func hasUTF8Suffix(_ suffix: String) -> Bool {
        let n = utf8.count, k = suffix.utf8.count
        guard n >= k else { return false }
        let bytes = utf8.withContiguousStorageIfAvailable { mine -> Bool? in
            suffix.utf8.withContiguousStorageIfAvailable { theirs -> Bool in
                var i = 0
                while i < k {
                    if mine[n - k + i] != theirs[i] { return false }
                    i += 1
                }
                return true
            }
        }
        return (bytes ?? nil) ?? hasSuffix(suffix)
    }
}

extension String {
    /// `count > n` without segmenting Characters when the bytes decide: no more bytes than `n` means no more
    /// Characters, and in ASCII text other than CR each byte is one Character (`count` cost some 230 instructions
    /// a call).
    @inline(__always) func hasMoreCharacters(than n: Int) -> Bool {
        guard utf8.count > n else { return false }
        let plainASCII = utf8.withContiguousStorageIfAvailable { bytes in
            bytes.allSatisfy { $0 < 0x80 && $0 != 0x0D }
        } ?? false
        return plainASCII || count > n
    }
}

extension Document {
    /// The first scalar of token `t` read from `scalars` (a token's text is the input between its offsets), or
    /// from the text when the offsets do not fit: one array read, where the text's first byte costs a dozen
    /// instructions or more, asked of every token by the quote passes' pre-filters.
    @inline(__always) func firstScalar(ofToken t: Int) -> Unicode.Scalar? {
        // The offsets are read one by one: binding the whole token copied (retained, then released) its text.
        let start = tokens[t].start, end = tokens[t].end
        if start >= 0, start < end, end <= scalars.count { return scalars[start] }
        return tokens[t].text.unicodeScalars.first
    }
}
