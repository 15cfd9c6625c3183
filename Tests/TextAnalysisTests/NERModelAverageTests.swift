// Tests for averaging entity tagger models trained with different seeds (NERModel.average).
import Foundation
import Testing
@testable import TextAnalysis

private func model(_ rows: [UInt64: Float], transition: Float, temperature: Float = 1,
                   resources: String = "00000000000000aa") -> NERModel {
    let L = NERLabels.count
    let keys = rows.keys.sorted()
    var weights: [Float] = []
    for k in keys { weights += (0..<L).map { Float($0 + 1) * rows[k]! } }
    let stage = NERModel.Stage(keys: keys, weights: weights,
                               transitions: [Float](repeating: transition, count: NERDecoder.transitionCount))
    let info = NERModel.Info(labels: NERLabels.names, featureVersion: NERFeatureExtractor.version,
                             resources: resources, temperature: temperature, trainedOn: "", devF1: [:], command: "",
                             seed: 1, epochs: [], date: "")
    return NERModel(info: info, stages: [stage])
}

/// A key in both models gets the mean of its weights; a key in one gets half of its weight (the other says 0).
@Test(arguments: [
    (UInt64(1), Float(3)),    // 2 and 4
    (UInt64(2), Float(1)),    // 2 and absent
    (UInt64(3), Float(-2)),   // absent and -4
])
func averageIsTheMeanOfEachWeight(key: UInt64, expected: Float) throws {
    let a = model([1: 2, 2: 2], transition: 1, temperature: 10)
    let b = model([1: 4, 3: -4], transition: 3, temperature: 20)
    let avg = try NERModel.average([a, b], command: "test")
    for label in [0, 5, 16] {
        let w = avg.stages[0].weight(key, label: label)
        #expect(abs(w - expected * Float(label + 1)) <= 0.01 * abs(expected * Float(label + 1)))
    }
    #expect(avg.stages[0].transitions.allSatisfy { $0 == 2 })
    #expect(avg.info.temperature == 15)
    #expect(avg.info.command == "test")
}

@Test func averageRefusesModelsOfOtherResources() {
    let a = model([1: 1], transition: 0)
    let b = model([1: 1], transition: 0, resources: "00000000000000bb")
    #expect(throws: NERModelError.self) { try NERModel.average([a, b], command: "") }
    #expect(throws: NERModelError.self) { try NERModel.average([], command: "") }
}
