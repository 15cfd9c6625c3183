// The weight rows of every stage of a model under one key table, built at load time (the file keeps the stages
// apart). Stage 2 sees all of stage 1's features plus a few history ones, so one probe of a shared feature
// serves both stages: tagging is bound by memory (a random row per feature), and this halves the rows it
// touches. Sums are those of NERModel.Stage.add: each stage's own int16 weights (zeros where it has no row),
// added exactly in integers and scaled once, so results do not change.
struct NERJointTable: Sendable {
    static let L = NERLabels.count

    /// Integer sums of weight rows, one 16 + 1 lane group per stage (up to two stages).
    struct Sums {
        var a = SIMD16<Int32>(repeating: 0), a16: Int32 = 0
        var b = SIMD16<Int32>(repeating: 0), b16: Int32 = 0
    }

    let stageCount: Int
    /// Int16 values per row: stageCount * L
    let width: Int
    /// rows, then one row of zeros (`zeroRow`) that unseen keys point at, so sums need no branch per key
    let rows: [Int16]
    let zeroRow: Int32
    let scales: [Float]
    private let index: NERKeyIndex

    init(stages: [NERModel.Stage]) {
        precondition(NERModel.L == 17 && (1...2).contains(stages.count), "two stages of 16 + 1 lanes at most")
        let L = Self.L, width = stages.count * L
        let total = stages.reduce(0) { $0 + $1.keys.count }
        // stage 2's keys are mostly stage 1's: size for the union (about the larger stage), at most half full
        let largest = stages.map(\.keys.count).max() ?? 0
        var index = NERKeyIndex(minimumCapacity: max(2 * (largest + (total - largest) / 4), total + 1))
        // First every key's joint row (a key new to the table takes the next one), then the rows, written once
        // into an array of the final size: growing it row by row cost a third of this table's load time.
        var count = 0
        let rowOf: [[Int32]] = stages.map { stage in
            [Int32](unsafeUninitializedCapacity: stage.keys.count) { out, n in
                for (r, k) in stage.keys.enumerated() {
                    let row = index.row(of: k, insertingIfAbsent: count)
                    if row == count { count += 1 }
                    out[r] = Int32(row)
                }
                n = stage.keys.count
            }
        }
        var rows = [Int16](repeating: 0, count: (count + 1) * width)
        rows.withUnsafeMutableBufferPointer { out in
            for (si, stage) in stages.enumerated() {
                // a key repeated within a stage keeps its last row's weights, as row-by-row writing did
                stage.quantized.withUnsafeBufferPointer { q in
                    for (r, row) in rowOf[si].enumerated() {
                        (out.baseAddress! + Int(row) * width + si * L)
                            .update(from: q.baseAddress! + r * L, count: L)
                    }
                }
            }
        }
        self.zeroRow = Int32(count)
        self.stageCount = stages.count
        self.width = width
        self.scales = stages.map(\.scale)
        self.rows = rows
        self.index = index
    }

    /// Adds the rows of `keys` (every stage's lanes) to `sums`; keys never seen in training add nothing.
    @inline(__always)
    func sum(_ keys: [UInt64], into sums: inout Sums) {
        let width = self.width, two = stageCount == 2
        index.withLookup { lookup in rows.withUnsafeBufferPointer { w in
            for k in keys {
                let r = lookup.row(of: k)
                guard r >= 0 else { continue }
                let base = w.baseAddress! + r * width
                sums.a &+= Self.widen(base)
                sums.a16 &+= Int32(base[16])
                if two {
                    sums.b &+= Self.widen(base + 17)
                    sums.b16 &+= Int32(base[33])
                }
            }
        } }
    }

    /// rows[n] = the row of keys[n], `zeroRow` for keys never seen in training. Looking up a batch (a sentence's
    /// keys) at once lets the memory reads of different keys overlap.
    func rows(of keys: [UInt64], into rows: inout [Int32]) {
        // An empty batch has no buffers whose base address the lookup could take.
        guard !keys.isEmpty else { return }
        if rows.count < keys.count { rows = [Int32](repeating: 0, count: keys.count) }
        let missing = zeroRow
        index.withLookup { lookup in keys.withUnsafeBufferPointer { k in rows.withUnsafeMutableBufferPointer { r in
            lookup.rows(of: k, into: r.baseAddress!, missing: missing)
        } } }
    }

    /// Adds `count` rows from `rows` (every stage's lanes) to `sums`; the same integer sums as `sum` of their keys.
    @inline(__always)
    func add(rows: UnsafePointer<Int32>, count: Int, into sums: inout Sums) {
        let width = self.width
        self.rows.withUnsafeBufferPointer { w in
            if stageCount == 2 {
                for k in 0..<count {
                    let base = w.baseAddress! + Int(rows[k]) * width
                    sums.a &+= Self.widen(base)
                    sums.a16 &+= Int32(base[16])
                    sums.b &+= Self.widen(base + 17)
                    sums.b16 &+= Int32(base[33])
                }
            } else {
                for k in 0..<count {
                    let base = w.baseAddress! + Int(rows[k]) * width
                    sums.a &+= Self.widen(base)
                    sums.a16 &+= Int32(base[16])
                }
            }
        }
    }

    /// 16 int16 weights as int32 lanes.
    @inline(__always)
    static func widen(_ p: UnsafePointer<Int16>) -> SIMD16<Int32> {
        SIMD16<Int32>(truncatingIfNeeded: UnsafeRawPointer(p).loadUnaligned(as: SIMD16<Int16>.self))
    }

    /// out[0..<L] += stage `stage`'s part of `sums`, scaled (as NERModel.Stage.add does).
    @inline(__always)
    func apply(_ sums: Sums, stage: Int, into out: UnsafeMutablePointer<Float>) {
        let scale = scales[stage]
        let v = stage == 0 ? sums.a : sums.b, last = stage == 0 ? sums.a16 : sums.b16
        for j in 0..<16 { out[j] += Float(v[j]) * scale }
        out[16] += Float(last) * scale
    }
}
