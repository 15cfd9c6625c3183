// Sequence decoding for the entity tagger: Viterbi restricted to valid BILOU transitions, and span
// confidences from forward-backward over the same scores divided by a temperature fitted on dev data.
//
// Shapes: L = NERLabels.count labels; emissions [n][L] row-major; transitions [(L + 1) * L + L]: rows 1...L are
// from-label, row 0 is the sentence start, and the last L entries score ending the sentence on each label.
import Foundation

enum NERDecoder {
    static let L = NERLabels.count
    static let transitionCount = (L + 1) * L + L

    /// Transitions that BILOU forbids, as 0/1 over the transition layout.
    static let allowed: [Bool] = {
        var a = [Bool](repeating: false, count: transitionCount)
        for next in 0..<L {
            a[next] = NERLabels.allowed(from: nil, to: next)
            for prev in 0..<L { a[(prev + 1) * L + next] = NERLabels.allowed(from: prev, to: next) }
            a[(L + 1) * L + next] = NERLabels.canEnd(next)
        }
        return a
    }()

    /// For each label, the labels that may precede it, ascending (9 of 17 for O, B, U; 2 for I, L), so the
    /// backtrace skips forbidden pairs without testing them (forward-backward steps over the dense potentials).
    /// Flattened: predecessors[predecessorStart[j] ..< [j + 1]].
    static let (predecessors, predecessorStart): ([Int], [Int]) = {
        var list: [Int] = [], start = [0]
        for next in 0..<L {
            for prev in 0..<L where NERLabels.allowed(from: prev, to: next) { list.append(prev) }
            start.append(list.count)
        }
        return (list, start)
    }()

    /// The best valid label sequence. `work` is scratch space reused between calls.
    ///
    /// The forward pass keeps only scores: a step takes, for every label at once (a 16-lane vector and one
    /// scalar), the maximum over previous labels i of score[i] + tr[i -> j], over a dense transition matrix in
    /// which forbidden pairs are -infinity (below the -greatestFiniteMagnitude every label starts from, so they
    /// never win). The backtrace then finds each step's argument for the one label on the path: the first
    /// allowed previous label, ascending, whose (identical) sum equals the maximum, which is the one a loop
    /// keeping strictly better sums picks; none above the start value means label 0, as in that loop.
    static func viterbi(emissions e: UnsafePointer<Float>, count n: Int, transitions tr: UnsafePointer<Float>,
                        work: inout [Float], into out: inout [Int]) {
        precondition(L == 17, "one 16-lane vector and one scalar per step")
        out.removeAll(keepingCapacity: true)
        guard n > 0 else { return }
        let ninf = -Float.greatestFiniteMagnitude
        // the dense transitions [from][to] (L * L), the scores of every position (n * L) and the maxima they
        // add the emissions to (n * L)
        if work.count < L * L + 2 * n * L { work = [Float](repeating: 0, count: L * L + 2 * n * L) }
        allowed.withUnsafeBufferPointer { ok in
            predecessors.withUnsafeBufferPointer { preds in
                predecessorStart.withUnsafeBufferPointer { pstart in
                    work.withUnsafeMutableBufferPointer { w in
                        let dense = w.baseAddress!, scores = w.baseAddress! + L * L, maxima = scores + n * L
                        for i in 0..<L {
                            for j in 0..<L {
                                let k = (i + 1) * L + j
                                dense[i * L + j] = ok[k] ? tr[k] : -Float.infinity
                            }
                        }
                        for j in 0..<L { scores[j] = ok[j] ? tr[j] + e[j] : ninf }
                        var t = 1
                        while t < n {
                            let cur = scores + (t &- 1) &* L, nxt = scores + t &* L, et = e + t &* L
                            var best = SIMD16<Float>(repeating: ninf), best16 = ninf
                            for i in 0..<L {
                                let row = dense + i &* L
                                let ci = cur[i]
                                let s = SIMD16<Float>(repeating: ci)
                                    + UnsafeRawPointer(row).loadUnaligned(as: SIMD16<Float>.self)
                                best.replace(with: s, where: s .> best)
                                let s16 = ci + row[16]
                                if s16 > best16 { best16 = s16 }
                            }
                            UnsafeMutableRawPointer(maxima + t &* L).storeBytes(of: best, as: SIMD16<Float>.self)
                            maxima[t &* L &+ 16] = best16
                            let sum = best + UnsafeRawPointer(et).loadUnaligned(as: SIMD16<Float>.self)
                            UnsafeMutableRawPointer(nxt).storeBytes(of: sum, as: SIMD16<Float>.self)
                            nxt[16] = best16 + et[16]
                            t &+= 1
                        }
                        let last = scores + (n - 1) * L
                        var best = ninf, arg = 0
                        for j in 0..<L {
                            let k = (L + 1) * L + j
                            guard ok[k] else { continue }
                            let s = last[j] + tr[k]
                            if s > best { best = s; arg = j }
                        }
                        out = [Int](repeating: 0, count: n)
                        out[n - 1] = arg
                        var u = n - 1
                        while u > 0 {
                            let y = out[u], prev = scores + (u - 1) * L
                            let target = maxima[u * L + y]
                            var from = 0
                            for p in pstart[y]..<pstart[y + 1] {
                                let i = preds[p]
                                if prev[i] + tr[(i + 1) * L + y] == target && target > ninf { from = i; break }
                            }
                            out[u - 1] = from
                            u -= 1
                        }
                    }
                }
            }
        }
    }

    /// The probability of each span under exp(score / temperature), normalized over all valid sequences.
    static func spanProbabilities(emissions e: UnsafePointer<Float>, count n: Int, transitions tr: UnsafePointer<Float>,
                                  temperature: Float, spans: [NERLabels.Span]) -> [Double] {
        let potentials = transitionPotentials(Array(UnsafeBufferPointer(start: tr, count: transitionCount)),
                                              temperature: temperature)
        return spanProbabilities(emissions: e, count: n, potentials: potentials, temperature: temperature,
                                 spans: spans)
    }

    /// exp(transition / temperature), shifted by the largest allowed transition (the shift cancels when
    /// normalizing); forbidden transitions get 0. Computed once per model, not per sentence.
    static func transitionPotentials(_ tr: [Float], temperature: Float) -> [Double] {
        let inv = 1 / Double(temperature)
        var trMax = -Double.greatestFiniteMagnitude
        for k in 0..<transitionCount where allowed[k] { trMax = max(trMax, Double(tr[k])) }
        var A = [Double](repeating: 0, count: transitionCount)
        for k in 0..<transitionCount where allowed[k] { A[k] = ((Double(tr[k]) - trMax) * inv).clampedExp }
        return A
    }

    static func spanProbabilities(emissions e: UnsafePointer<Float>, count n: Int, potentials: [Double],
                                  temperature: Float, spans: [NERLabels.Span]) -> [Double] {
        guard n > 0, !spans.isEmpty else { return [] }
        // Spans read beta only at their last token: positions before the first span's end are not needed.
        let needed = spans.reduce(n - 1) { min($0, $1.tokens.upperBound - 1) }
        return forwardBackward(e, n, potentials, temperature, backwardFrom: needed) { E, alpha, beta, c, A in
            spans.map { span in
                let s = span.tokens.lowerBound, last = span.tokens.upperBound - 1
                if s == last {
                    let u = NERLabels.label(type: span.type, part: .unit)
                    return min(1, max(0, alpha[s * L + u] * beta[s * L + u]))
                }
                let b = NERLabels.label(type: span.type, part: .begin)
                let mid = NERLabels.label(type: span.type, part: .inside)
                let end = NERLabels.label(type: span.type, part: .last)
                var p = alpha[s * L + b]
                var prev = b
                for t in (s + 1)...last {
                    let y = t == last ? end : mid
                    p *= A[(prev + 1) * L + y] * E[t * L + y] / c[t]
                    prev = y
                }
                return min(1, max(0, p * beta[last * L + end]))
            }
        } ?? spans.map { _ in 0 }
    }

    /// The marginal probability of each token's label on `path` (under exp(score / temperature), over all valid
    /// sequences), from the same forward-backward as the span probabilities. Only pseudo-labelling reads it (a
    /// sentence is kept for self-training when its least sure token is sure enough); tagging never calls it.
    static func pathMarginals(emissions e: UnsafePointer<Float>, count n: Int, potentials: [Double],
                              temperature: Float, path: [Int]) -> [Double] {
        guard n > 0 else { return [] }
        return forwardBackward(e, n, potentials, temperature, backwardFrom: 0) { _, alpha, beta, _, _ in
            // In this scaling alpha * beta at a position is the label's marginal (as for a one-token span).
            (0..<n).map { t in min(1, max(0, alpha[t * L + path[t]] * beta[t * L + path[t]])) }
        } ?? [Double](repeating: 0, count: n)
    }

    /// Runs the scaled forward-backward over one sentence in one scratch block (on the stack when small) and hands
    /// its tables to `read`: E (emission potentials), alpha, beta (filled from the last position down to
    /// `backwardFrom` only), the per-position scale factors c, and the transition potentials A. Nil when the
    /// sentence has no valid labelling.
    private static func forwardBackward(
        _ e: UnsafePointer<Float>, _ n: Int, _ potentials: [Double], _ temperature: Float, backwardFrom needed: Int,
        read: (UnsafePointer<Double>, UnsafePointer<Double>, UnsafePointer<Double>, UnsafePointer<Double>,
               UnsafePointer<Double>) -> [Double]
    ) -> [Double]? {
        // E, alpha, beta [n][L], the scale factors c [n] and the transposed transition potentials [L][L]
        withUnsafeTemporaryAllocation(of: Double.self, capacity: 3 * n * L + n + L * L) { scratch in
            potentials.withUnsafeBufferPointer { A in
                let tables = scratch.baseAddress!
                guard fillTables(e, n, A.baseAddress!, temperature, needed, tables) else { return nil }
                return read(tables, tables + n * L, tables + 2 * n * L, tables + 3 * n * L, A.baseAddress!)
            }
        }
    }

    @inline(__always)
    private static func load16(_ p: UnsafePointer<Double>) -> SIMD16<Double> {
        UnsafeRawPointer(p).loadUnaligned(as: SIMD16<Double>.self)
    }

    @inline(__always)
    private static func store16(_ v: SIMD16<Double>, _ p: UnsafeMutablePointer<Double>) {
        UnsafeMutableRawPointer(p).storeBytes(of: v, as: SIMD16<Double>.self)
    }

    /// Fills E, alpha, beta (down to `needed`) and c in `scratch` (and, after them, the transposed potentials);
    /// false when no labelling is valid.
    ///
    /// A step computes every label at once (a 16-lane vector and one scalar) over the dense potentials, in which
    /// forbidden transitions are 0. Each lane still adds its terms in ascending label order, as a loop over the
    /// allowed pairs only does, and a forbidden pair's term is an exact +0 (alpha, beta and E are finite and
    /// not negative), which leaves a sum unchanged: the tables are bit for bit those of that loop
    /// (NERFastPathTests keeps the loop as the reference).
    static func fillTables(_ e: UnsafePointer<Float>, _ n: Int, _ A: UnsafePointer<Double>,
                           _ temperature: Float, _ needed: Int, _ scratch: UnsafeMutablePointer<Double>) -> Bool {
        let inv = 1 / Double(temperature)
        let E = scratch, alpha = scratch + n * L, beta = scratch + 2 * n * L, c = scratch + 3 * n * L
        for t in 0..<n {
            let et = e + t &* L, Et = E + t &* L
            var m = -Double.greatestFiniteMagnitude
            for j in 0..<L { m = max(m, Double(et[j])) }
            for j in 0..<L { Et[j] = ((Double(et[j]) - m) * inv).clampedExp }
        }
        // Scaled forward (alpha) and backward (beta) with per-position factors c.
        var sum = 0.0
        for j in 0..<L { alpha[j] = A[j] * E[j]; sum += alpha[j] }
        c[0] = sum > 0 ? sum : 1
        for j in 0..<L { alpha[j] /= c[0] }
        var t = 1
        while t < n {
            let prev = alpha + (t &- 1) &* L, cur = alpha + t &* L, Et = E + t &* L
            // lane j: the sum over previous labels i of prev[i] * A[i -> j]; row i + 1 of A is "from label i"
            var s = SIMD16<Double>(repeating: 0), s16 = 0.0
            for i in 0..<L {
                let row = A + (i &+ 1) &* L, p = prev[i]
                s += SIMD16(repeating: p) * load16(row)
                s16 += p * row[16]
            }
            store16(s * load16(Et), cur)
            cur[16] = s16 * Et[16]
            sum = 0
            for j in 0..<L { sum += cur[j] }
            let ct = sum > 0 ? sum : 1
            c[t] = ct
            store16(load16(cur) / SIMD16(repeating: ct), cur)
            cur[16] /= ct
            t &+= 1
        }
        var z = 0.0
        for j in 0..<L { let v = A[(L + 1) * L + j]; beta[(n - 1) * L + j] = v; z += alpha[(n - 1) * L + j] * v }
        if z <= 0 { return false }
        for j in 0..<L { beta[(n - 1) * L + j] /= z }
        guard n - 2 >= needed else { return true }
        // AT[j * L + i] = A[i -> j]: lane i of the backward step reads column j of A
        let AT = c + n
        for i in 0..<L { for j in 0..<L { AT[j &* L &+ i] = A[(i &+ 1) &* L &+ j] } }
        t = n - 2
        while t >= needed {
            let next = beta + (t &+ 1) &* L, cur = beta + t &* L, En = E + (t &+ 1) &* L, cn = c[t &+ 1]
            // lane i: the sum over next labels j of A[i -> j] * En[j] * next[j]
            var s = SIMD16<Double>(repeating: 0), s16 = 0.0
            for j in 0..<L {
                let col = AT + j &* L, ej = En[j], nj = next[j]
                s += load16(col) * SIMD16(repeating: ej) * SIMD16(repeating: nj)
                s16 += col[16] * ej * nj
            }
            store16(s / SIMD16(repeating: cn), cur)
            cur[16] = s16 / cn
            t &-= 1
        }
        return true
    }
}

extension Double {
    fileprivate var clampedExp: Double { Foundation.exp(Swift.max(-700, self)) }
}
