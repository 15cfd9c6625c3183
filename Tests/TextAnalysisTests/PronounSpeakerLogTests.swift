// Tests for PronounSpeakerLog's lookups of who spoke in a sentence: a flat list for a story, a table per
// sentence once the list is long (a book-length text); both must answer as a scan of everything logged.
import Testing
@testable import TextAnalysis

@Test(arguments: [0, 1, 20, PronounSpeakerLog.indexFrom, PronounSpeakerLog.indexFrom + 1, 500])
func speakerLookupsAnswerAsAScanOfTheLog(entries: Int) {
    let log = PronounSpeakerLog()
    var logged: [(sentence: Int, entity: Int)] = []
    // Sentences out of reading order and repeated, entities repeated within a sentence.
    var state: UInt64 = 7
    func next(_ bound: Int) -> Int {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return Int((state >> 33) % UInt64(bound))
    }
    for _ in 0..<entries {
        let s = next(entries / 3 + 2), e = next(6)
        log.logSpeaker(e, sentence: s)
        logged.append((s, e))
    }
    for s in 0..<(entries / 3 + 4) {
        #expect(log.anySpeaker(inSentence: s) == logged.contains { $0.sentence == s }, "sentence \(s)")
        for e in 0..<7 {
            #expect(log.spoke(e, inSentence: s) == logged.contains { $0.sentence == s && $0.entity == e },
                    "sentence \(s), entity \(e)")
        }
    }
}
