// Documents for the quote tests: the real tokenizer and sentence splitter, and — until the entity tagger and
// linker are in the pipeline — stand-in mentions (runs of capitalised words) grouped into entities by their
// last word, with an optional role per entity and a gender from a leading honorific. Enough to exercise speaker
// resolution, not a tagger.
import Foundation
@testable import TextAnalysis

enum QuoteTestDocuments {
    static let extractor: QuoteExtractor = try! QuoteExtractor(resources: TestResources.loader)
    private static let roleLexicon: RoleLexicon = try! RoleLexicon(resources: TestResources.loader)

    private static let orgWords: Set<String> = ["Agency", "Post", "Times", "Party", "Department", "Committee",
                                                "Campaign", "University", "Court", "News", "KCNA", "Reuters"]
    private static let placeWords: Set<String> = ["States", "Korea", "Washington", "Pyongyang", "Japan", "China",
                                                  "York", "Jersey", "Seoul", "Singapore", "Ohio", "Chelsea"]
    private static let notNames: Set<String> = ["The", "A", "An", "But", "And", "He", "She", "They", "It", "We", "I",
                                                "In", "On", "At", "According", "Earlier", "Asked", "If", "Our",
                                                "READ", "Secretary", "President", "Mayor", "Minister", "Thursday",
                                                "Monday", "Tuesday", "Officials", "Police", "This", "That", "Not",
                                                "State", "Do", "However", "Meanwhile", "Last", "Since", "While"]

    /// Analyses `text` with tokenizer, splitter, stand-in mentions and the quote extractor.
    static func analyze(_ text: String, roles: [String: String] = [:]) -> Document {
        var doc = TestResources.split(text)
        addMentions(&doc, roles: roles)
        extractor.process(&doc)
        return doc
    }

    static func addMentions(_ doc: inout Document, roles: [String: String] = [:]) {
        let toks = doc.tokens
        func cap(_ i: Int) -> Bool {
            i < toks.count && (toks[i].text.first?.isUppercase ?? false) && toks[i].text.first!.isLetter
                && !notNames.contains(toks[i].text)
        }
        var i = 0
        var byLast: [String: Int] = [:]
        while i < toks.count {
            guard cap(i) else { i += 1; continue }
            var j = i + 1
            while j < toks.count {
                if cap(j) { j += 1; continue }
                if toks[j].text == "-" || toks[j].text == "of", cap(j + 1) { j += 2; continue }
                break
            }
            let words = toks[i..<j].map(\.text)
            let type: EntityType = words.contains(where: orgWords.contains) ? .organization
                : words.contains(where: placeWords.contains) ? .location : .person
            let chars = CharRange(toks[i].start, toks[j - 1].end)
            let name = doc.text(chars)
            let key = words.last!
            let mi = doc.mentions.count
            // An honorific gives the entity its gender, as the entity linker does ("Ms Lopez").
            let gender = type == .person ? roleLexicon.honorificGender(toks, i, count: 1) : nil
            if let e = byLast[key] {
                doc.entities[e].mentions.append(mi)
                if doc.entities[e].gender == nil { doc.entities[e].gender = gender }
                if name.count > doc.entities[e].name.count { doc.entities[e].name = name }
                doc.mentions.append(EntityMention(tokens: i..<j, chars: chars, type: type, confidence: 0.9, entity: e))
            } else {
                let e = doc.entities.count
                byLast[key] = e
                doc.entities.append(Entity(id: e, name: name, type: type, role: roles[key], mentions: [mi],
                                           gender: gender))
                doc.mentions.append(EntityMention(tokens: i..<j, chars: chars, type: type, confidence: 0.9, entity: e))
            }
            i = j
        }
    }

    /// The quotes as (speaker mention text, resolved name, content text, kind, rule).
    static func summary(_ doc: Document) -> [(mention: String?, name: String?, content: String, kind: QuoteKind,
                                              rule: String)] {
        doc.quotes.map { q in
            (q.speaker.map { doc.text($0.mention) }, q.speaker?.name, doc.text(q.content), q.kind, q.rule)
        }
    }
}
