// The entity tagger's trained weights and their file format.
//
// File layout (little-endian), format version 1:
//   magic "BYLINER\n" | u32 format version | u32 feature version | u32 label count
//   u32 info length | info JSON (NERModel.Info)
//   u32 stage count, then per stage:
//     u32 rows | f32 scale | u64 keys[rows] | i16 weights[rows][labels] (value * scale) | f32 transitions[(L+1)*L+L]
//   u64 checksum of every byte before it (NERModel.checksum)
// Weights are quantized to 16 bits per stage (NERModel.Stage); rows that round to all zeros are dropped.
import Foundation

public struct NERModelError: Error, CustomStringConvertible, Equatable {
    public let description: String
    public init(_ description: String) { self.description = description }
}

public struct NERModel: Sendable {
    public static let formatVersion: UInt32 = 1
    static let magic = Array("BYLINER\n".utf8)
    static let L = NERLabels.count

    /// What the model was trained on and with; stored as JSON in the file.
    public struct Info: Codable, Sendable, Equatable {
        public var labels: [String]
        public var featureVersion: UInt32
        /// NERFeatureExtractor.fingerprint of the clusters and gazetteers the model was trained with
        public var resources: String
        /// softmax temperature for span confidences, fitted on dev
        public var temperature: Float
        public var trainedOn: String
        public var devF1: [String: Double]
        public var command: String
        public var seed: UInt64
        public var epochs: [Int]
        public var date: String
    }

    /// The weights of one pass. Stage 1 sees local features; stage 2 adds stage 1's predictions.
    /// Weights are held as they are stored, int16 times one scale per stage: half the memory of Float32, and
    /// tagging is bound by memory (a random row per feature), so smaller rows are faster rows.
    public struct Stage: Sendable {
        /// row r belongs to keys[r]; its weights are quantized[r * L ..< (r + 1) * L] * scale
        public let keys: [UInt64]
        public let quantized: [Int16]
        public let scale: Float
        public let transitions: [Float]
        /// this stage's own key table, built on first use: tagging reads the joint table (NERJointTable) and
        /// never this one, so loading a model does not build it (only tests and single weights read it)
        private let index: LazyIndex

        /// Quantizes float weights (max |w| maps to 32767) and drops rows that round to all zeros.
        public init(keys: [UInt64], weights: [Float], transitions: [Float]) {
            let L = NERModel.L
            let maxAbs = weights.reduce(Float(0)) { max($0, abs($1)) }
            let scale = maxAbs > 0 ? maxAbs / 32767 : 1
            var keptKeys: [UInt64] = [], q: [Int16] = []
            for r in 0..<keys.count {
                let row = (0..<L).map { Int16((weights[r * L + $0] / scale).rounded()) }
                guard row.contains(where: { $0 != 0 }) else { continue }
                keptKeys.append(keys[r])
                q += row
            }
            self.init(keys: keptKeys, quantized: q, scale: scale, transitions: transitions)
        }

        init(keys: [UInt64], quantized: [Int16], scale: Float, transitions: [Float]) {
            precondition(NERModel.L == 17, "Stage.add sums rows as 16 + 1 lanes")
            self.keys = keys
            self.quantized = quantized
            self.scale = scale
            self.transitions = transitions
            self.index = LazyIndex()
        }

        private final class LazyIndex: @unchecked Sendable {
            private let lock = NSLock()
            private var built: NERKeyIndex?

            func get(_ keys: [UInt64]) -> NERKeyIndex {
                lock.lock()
                defer { lock.unlock() }
                if let built { return built }
                var index = NERKeyIndex(minimumCapacity: keys.count * 2)
                for (r, k) in keys.enumerated() { index.insert(k, row: r) }
                built = index
                return index
            }
        }

        /// The weight of `label` in the row of `key` (0 when the key has no row).
        public func weight(_ key: UInt64, label: Int) -> Float {
            var out = [Float](repeating: 0, count: NERModel.L)
            out.withUnsafeMutableBufferPointer { add([key], into: $0.baseAddress!) }
            return out[label]
        }

        /// Adds the weight rows of `featureKeys` to `out[0..<L]`; keys never seen in training add nothing.
        @inline(__always)
        func add(_ featureKeys: [UInt64], into out: UnsafeMutablePointer<Float>) {
            let L = NERModel.L
            // Sum in integers (exact), scale once; 17 labels = one 16-lane vector + one scalar.
            var sum = (SIMD16<Int32>(repeating: 0), Int32(0))
            index.get(keys).withLookup { lookup in quantized.withUnsafeBufferPointer { w in
                for k in featureKeys {
                    let r = lookup.row(of: k)
                    guard r >= 0 else { continue }
                    let base = w.baseAddress! + r * L
                    let v = UnsafeRawPointer(base).loadUnaligned(as: SIMD16<Int16>.self)
                    sum.0 &+= SIMD16<Int32>(truncatingIfNeeded: v)
                    sum.1 &+= Int32(base[16])
                }
            } }
            for j in 0..<16 { out[j] += Float(sum.0[j]) * scale }
            out[16] += Float(sum.1) * scale
        }
    }

    public var info: Info
    public var stages: [Stage]

    public init(info: Info, stages: [Stage]) {
        self.info = info
        self.stages = stages
    }

    // MARK: Reading

    public init(contentsOf url: URL) throws {
        let data: Data
        // mapped, not copied: the weights are read once into their arrays (see ResourceLoader.mappedData)
        do { data = try Data(contentsOf: url, options: .alwaysMapped) } catch {
            throw NERModelError("cannot read NER model \(url.path): \(error.localizedDescription)")
        }
        try self.init(data: data, name: url.lastPathComponent)
    }

    public init(data: Data, name: String = "model") throws {
        // read in place: a copy of the file's bytes first cost a few ms of the tagger's load time
        let parsed = try data.withUnsafeBytes { try Self.parse($0, name: name) }
        self.info = parsed.0
        self.stages = parsed.1
    }

    private static func parse(_ bytes: UnsafeRawBufferPointer, name: String) throws -> (Info, [Stage]) {
        var r = Reader(bytes: bytes, name: name)
        guard bytes.count >= Self.magic.count + 8, bytes.prefix(Self.magic.count).elementsEqual(Self.magic) else {
            throw NERModelError("\(name): not a Byline NER model (bad magic)")
        }
        let body = bytes.count - 8
        let stored = bytes.loadUnaligned(fromByteOffset: body, as: UInt64.self)
        let actual = Self.checksum(UnsafeRawBufferPointer(rebasing: bytes[0..<body]))
        guard UInt64(littleEndian: stored) == actual else {
            throw NERModelError("\(name): checksum mismatch (file damaged or truncated)")
        }
        r.offset = Self.magic.count
        let version: UInt32 = try r.read()
        guard version == Self.formatVersion else {
            throw NERModelError("\(name): model format \(version), this build reads \(Self.formatVersion)")
        }
        let featureVersion: UInt32 = try r.read()
        guard featureVersion == NERFeatureExtractor.version else {
            throw NERModelError("\(name): trained with feature version \(featureVersion), this build computes "
                                + "\(NERFeatureExtractor.version); retrain with `byline train-ner`")
        }
        let labels: UInt32 = try r.read()
        guard labels == UInt32(Self.L) else { throw NERModelError("\(name): \(labels) labels, expected \(Self.L)") }
        let infoLength: UInt32 = try r.read()
        let infoBytes = try r.bytes(Int(infoLength))
        let info: Info
        do { info = try JSONDecoder().decode(Info.self, from: Data(infoBytes)) } catch {
            throw NERModelError("\(name): unreadable info block: \(error)")
        }
        guard info.labels == NERLabels.names else { throw NERModelError("\(name): label names differ from this build") }
        let stageCount: UInt32 = try r.read()
        var stages: [Stage] = []
        for _ in 0..<stageCount {
            let rows = Int(try r.read() as UInt32)
            let scale: Float = try r.read()
            let keys: [UInt64] = try r.array(rows)
            let q: [Int16] = try r.array(rows * Self.L)
            let transitions: [Float] = try r.array(NERDecoder.transitionCount)
            stages.append(Stage(keys: keys, quantized: q, scale: scale, transitions: transitions))
        }
        guard r.offset == body else { throw NERModelError("\(name): \(body - r.offset) unexpected bytes at the end") }
        return (info, stages)
    }

    private struct Reader {
        let bytes: UnsafeRawBufferPointer
        let name: String
        var offset = 0

        mutating func read<V: FixedWidthInteger>() throws -> V {
            let v: V = try array(1)[0]
            return v
        }

        mutating func read() throws -> Float {
            Float(bitPattern: try read() as UInt32)
        }

        mutating func bytes(_ n: Int) throws -> [UInt8] {
            guard n >= 0, offset + n <= bytes.count - 8 else { throw NERModelError("\(name): truncated") }
            defer { offset += n }
            return Array(bytes[offset..<(offset + n)])
        }

        mutating func array<V: FixedWidthInteger>(_ n: Int) throws -> [V] {
            let size = MemoryLayout<V>.size * n
            guard n >= 0, offset + size <= bytes.count - 8 else { throw NERModelError("\(name): truncated") }
            let start = offset
            offset += size
            return [V](unsafeUninitializedCapacity: n) { buf, count in
                for i in 0..<n {
                    let at = start + i * MemoryLayout<V>.size
                    buf[i] = V(littleEndian: bytes.loadUnaligned(fromByteOffset: at, as: V.self))
                }
                count = n
            }
        }

        mutating func array(_ n: Int) throws -> [Float] {
            (try array(n) as [UInt32]).map { Float(bitPattern: $0) }
        }
    }

    // MARK: Writing

    public func serialized() throws -> [UInt8] {
        var out = Self.magic
        func put<V: FixedWidthInteger>(_ v: V) { withUnsafeBytes(of: v.littleEndian) { out.append(contentsOf: $0) } }
        func put(_ f: Float) { put(f.bitPattern) }
        put(Self.formatVersion)
        put(NERFeatureExtractor.version)
        put(UInt32(Self.L))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let infoBytes = [UInt8](try encoder.encode(info))
        put(UInt32(infoBytes.count))
        out.append(contentsOf: infoBytes)
        put(UInt32(stages.count))
        for stage in stages {
            put(UInt32(stage.keys.count))
            put(stage.scale)
            for k in stage.keys { put(k) }
            for q in stage.quantized { put(q) }
            for t in stage.transitions { put(t) }
        }
        put(Self.checksum(out[...]))
        return out
    }

    public func write(to url: URL) throws {
        try Data(try serialized()).write(to: url, options: .atomic)
    }

    /// FNV-1a over 8-byte words (then the tail bytes): fast enough to check a multi-megabyte file at startup.
    static func checksum(_ bytes: ArraySlice<UInt8>) -> UInt64 {
        bytes.withUnsafeBytes { checksum($0) }
    }

    static func checksum(_ raw: UnsafeRawBufferPointer) -> UInt64 {
        var h = NERHash.fnvOffset
        let words = raw.count / 8
        for i in 0..<words {
            h = (h ^ raw.loadUnaligned(fromByteOffset: i * 8, as: UInt64.self)) &* NERHash.fnvPrime
        }
        for i in (words * 8)..<raw.count { h = (h ^ UInt64(raw[i])) &* NERHash.fnvPrime }
        return h
    }
}
