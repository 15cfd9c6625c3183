// Which person a definite description speaks for when no role names its office ("The Tory co-chairman said",
// "The veteran game maker says", "The 62-year-old sang"): the one person the text introduced earlier with those
// words written right before a mention of them ("Tory co-chairman Liam Fox", "62-year-old Sir Paul"). Every
// lower-case word of the description must be among the words before that mention, its names must agree with the
// names there (names of another kind do not contradict, as for titles: TitleHolders.swift), and exactly one
// person may fit; else the description names no one. Roles (TitleHolders.swift) are asked first.

/// Per document, built on first use: for each lower-case word written before a person's mention, where and with
/// what other words and names it was written.
final class DescriptionIndex {
    struct Written {
        let entity: Int
        /// The first token of the mention the words stand before.
        let mentionStart: Int
        let words: Set<String>
        let names: Set<String>
    }
    var byWord: [String: [Written]]?
}

extension QuoteContext {
    /// The one person a definite description ("the ... HEAD", a lower-case head) was written before, else nil.
    func entityByDescription(_ np: Range<Int>) -> Int? {
        guard np.count > 1, lower[np.lowerBound] == "the", let h = np.last, isWord[h], !isCap[h],
              mentionOf[h] < 0, lower[h].hasMoreCharacters(than: 2), !Self.isPluralHead(lower[h]) else { return nil }
        let index = descriptionIndex()
        guard let written = index[lower[h]] else { return nil }
        var words = Set<String>(), names = Set<String>()
        for k in (np.lowerBound + 1)..<np.upperBound where isWord[k] {
            if let key = nameKey(k) { names.insert(key) } else if !isCap[k] { words.insert(lower[k]) }
        }
        var found: Int?
        for w in written where w.mentionStart < np.lowerBound && words.isSubset(of: w.words) {
            let agree = names.allSatisfy { n in
                w.names.contains(n) || !w.names.contains { Self.sameKind($0, n) }
            }
            // A rank word written with the person and not in the description is another office ("shadow
            // chancellor Oliver Letwin" is not "the chancellor"), as for titles.
            guard agree, !w.words.contains(where: { !words.contains($0) && lex.mask($0) & QuoteWordClass.rankmod.bit != 0 })
            else { continue }
            if let f = found, f != w.entity { return nil }
            found = w.entity
        }
        return found
    }

    /// "The leaders", "the judges": a plural head describes no one person.
    static func isPluralHead(_ w: String) -> Bool {
        w.hasUTF8Suffix("s") && !w.hasUTF8Suffix("ss") && !w.hasUTF8Suffix("us") && !w.hasUTF8Suffix("is")
    }

    /// Whether two name keys (`nameKey`) are of one kind.
    static func sameKind(_ a: String, _ b: String) -> Bool {
        nameKinds.contains { a.hasPrefix($0) && b.hasPrefix($0) }
    }

    private func descriptionIndex() -> [String: [DescriptionIndex.Written]] {
        if let known = descriptions.byWord { return known }
        var byWord: [String: [DescriptionIndex.Written]] = [:]
        for (e, entity) in doc.entities.enumerated() where entity.type == .person {
            for m in entity.mentions where m < doc.mentions.count {
                let start = doc.mentions[m].tokens.lowerBound
                guard start > 0, start < lower.count, let s = sentence(of: start) else { continue }
                var words = Set<String>(), names = Set<String>()
                var head: String?
                var k = start - 1
                // The words right before the mention, as `scanWrittenTitle` reads them: up to six tokens, no
                // determiner, preposition, punctuation other than a joining hyphen, quote or cue. The lower-case
                // word nearest the mention is its head ("TV host Jerry Springer"); capitalised words outside any
                // name ("62-year-old Sir Paul") may stand between.
                while k >= s.tokens.lowerBound, start - k <= 6, quoteOf[k] < 0 {
                    if lower[k] == "-", k > 0, doc.tokens[k - 1].end == doc.tokens[k].start,
                       doc.tokens[k].end == doc.tokens[k + 1].start { k -= 1; continue }
                    guard isWord[k], !has(k, .det), cueAt[k] == nil, !has(k, .boundary),
                          wordClasses[k] & Self.rolePrepositions == 0 else { break }
                    if has(k, .rankmod) {
                        // "Former chancellor Ken Clarke": a rank word, capitalised or not, stays a word.
                        words.insert(lower[k])
                    } else if let key = nameKey(k) {
                        if mentionOf[k] != mentionOf[start] { names.insert(key) }
                    } else if !isCap[k] {
                        if head == nil { head = lower[k] }
                        words.insert(lower[k])
                    } else if head != nil {
                        break
                    }
                    k -= 1
                }
                // "at the break Giggs ...": a determiner after a preposition opens a phrase of its own.
                if k - 1 >= s.tokens.lowerBound, isWord[k], has(k, .det), isWord[k - 1],
                   wordClasses[k - 1] & Self.rolePrepositions != 0 { continue }
                guard let head else { continue }
                byWord[head, default: []].append(
                    DescriptionIndex.Written(entity: e, mentionStart: start, words: words, names: names))
            }
        }
        descriptions.byWord = byWord
        return byWord
    }
}
