// A text already stored, sent again with another date. Articles are one per text (the SHA-256 of the text is the
// duplicate key), and the date decides what the analysis makes of "on Thursday" or "last year": answering 200
// with the stored article, as for a plain repeat, kept the old date and its timeline while the sender believed
// the new one stored. It is refused instead (409 over HTTP, a failed line in `byline import`), saying how to
// replace the article. A repeat with the same date or with none is still the stored article (its title and url
// as first stored).
import Storage
import TextAnalysis

enum DateConflict {
    /// Why `submission` cannot be answered with the stored article `stored` of the same text, or nil when it can.
    static func problem(_ submission: ArticleSubmission, stored: ArticleSummary) -> String? {
        guard let date = submission.date?.description, date != stored.date else { return nil }
        let was = stored.date.map { "dated \($0)" } ?? "without a date"
        return "this text is already stored as article \(stored.id), \(was), not \(date); to store it dated \(date), "
            + "delete that article (DELETE /articles/\(stored.id)) and send it again"
    }
}
