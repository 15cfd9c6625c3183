// Which of the decoded spans the tagger reports. Viterbi finds the single best label sequence, but conlleval's
// F1 counts spans: a span on that sequence with probability 0.4 is more often wrong than right (on dev, spans of
// 0.4-0.5 were right 29 % of the time), and reporting it costs precision more than it gains recall. Keeping only
// the spans more likely than not is the minimum-risk choice per span under calibrated probabilities (the
// temperature is fit on dev for that). Two spans that overlap exclude each other, so at most one of them can be
// above one half: the kept spans never overlap, and in practice they are the best path's (on CoNLL dev and test,
// every span above one half but one lay on it).
extension NERSequenceTagger {
    public enum Selection: Sendable {
        /// Every span of the best label sequence. Training scores these and fits the temperature on them.
        case bestPath
        /// Only the best path's spans whose probability is above `likelyThreshold`.
        case likely
    }

    /// Above this a span is more likely than not.
    public static let likelyThreshold = 0.5

    /// The spans (with their probabilities) above the threshold; `labels` loses the others (their tokens become O).
    static func keepLikely(_ spans: [NERLabels.Span], probabilities: [Double], labels: inout [Int])
        -> [(span: NERLabels.Span, probability: Double)] {
        var kept: [(span: NERLabels.Span, probability: Double)] = []
        kept.reserveCapacity(spans.count)
        for (span, p) in zip(spans, probabilities) {
            if p > likelyThreshold {
                kept.append((span, p))
            } else {
                for t in span.tokens { labels[t] = NERLabels.outside }
            }
        }
        return kept
    }
}
