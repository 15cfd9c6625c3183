// Averaging models trained with different seeds (same features, same resources): the average's score of a
// label sequence is the mean of the models' scores, so Viterbi over it is a vote of the models weighted by
// their margins, at the cost of one model (a larger table, no extra passes). Perceptron runs with different
// shuffles land on different weights for rare features; averaging keeps what they agree on.
extension NERModel {
    /// The stage-by-stage mean of `models` (weights, transitions, temperature); `info` comes from the first.
    /// Fails unless all were trained with the same feature version, resources and number of stages.
    public static func average(_ models: [NERModel], command: String) throws -> NERModel {
        guard let first = models.first else { throw NERModelError("no models to average") }
        for m in models.dropFirst() {
            guard m.info.resources == first.info.resources, m.info.featureVersion == first.info.featureVersion,
                  m.stages.count == first.stages.count
            else { throw NERModelError("models to average differ in resources, features or stages") }
        }
        let L = NERModel.L
        let n = Float(models.count)
        var stages: [Stage] = []
        for s in 0..<first.stages.count {
            var row: [UInt64: Int] = [:]
            var keys: [UInt64] = []
            var weights: [Float] = []
            var transitions = [Float](repeating: 0, count: first.stages[s].transitions.count)
            for m in models {
                let stage = m.stages[s]
                for (r, k) in stage.keys.enumerated() {
                    let at: Int
                    if let known = row[k] { at = known } else {
                        at = keys.count
                        row[k] = at
                        keys.append(k)
                        weights += [Float](repeating: 0, count: L)
                    }
                    for l in 0..<L { weights[at * L + l] += Float(stage.quantized[r * L + l]) * stage.scale / n }
                }
                for (i, t) in stage.transitions.enumerated() { transitions[i] += t / n }
            }
            stages.append(Stage(keys: keys, weights: weights, transitions: transitions))
        }
        var info = first.info
        info.temperature = models.reduce(0) { $0 + $1.info.temperature } / n
        info.command = command
        info.devF1 = [:]
        return NERModel(info: info, stages: stages)
    }
}
