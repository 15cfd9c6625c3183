// The lines of a text file read by the CLI or the config loader: ends at LF or CRLF. Swift reads CR LF as one
// Character, so splitting at "\n" alone leaves a CRLF file (saved on Windows) one line. Other line separators
// (U+2028) are left inside lines: they may stand inside a JSON string.

extension String {
    /// The lines, empty ones kept (so line numbers count from 1 as an editor shows them).
    var textLines: [Substring] {
        split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
    }
}
