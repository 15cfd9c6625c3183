// Reads CoNLL-2003 files (`word POS chunk NER` per line, blank lines between sentences, -DOCSTART- lines
// between documents) into documents of sentences, keeping each token's line number for writing predictions.
public struct CoNLLSentence: Sendable, Equatable {
    public var tokens: [String]
    /// the last column (gold tags), IOB1 or IOB2
    public var tags: [String]
    /// 0-based line index of each token in the file
    public var lines: [Int]
}

public struct CoNLLDocument: Sendable, Equatable {
    public var sentences: [CoNLLSentence]
    public var tokenCount: Int { sentences.reduce(0) { $0 + $1.tokens.count } }
}

public enum CoNLL {
    public struct FormatError: Error, CustomStringConvertible {
        public let description: String
    }

    /// A line holding only a token and no tag gets tag "O" (files to tag may have one column only).
    public static func parse(_ text: String, name: String = "input") throws
        -> (documents: [CoNLLDocument], lines: [Substring]) {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { l in
            l.hasSuffix("\r") ? l.dropLast() : l
        }
        var docs: [CoNLLDocument] = []
        var doc = CoNLLDocument(sentences: [])
        var sent = CoNLLSentence(tokens: [], tags: [], lines: [])
        func endSentence() {
            if !sent.tokens.isEmpty { doc.sentences.append(sent) }
            sent = CoNLLSentence(tokens: [], tags: [], lines: [])
        }
        func endDocument() {
            endSentence()
            if !doc.sentences.isEmpty { docs.append(doc) }
            doc = CoNLLDocument(sentences: [])
        }
        for (i, line) in lines.enumerated() {
            let cols = line.split(separator: " ")
            if cols.isEmpty { endSentence(); continue }
            if cols[0] == "-DOCSTART-" { endDocument(); continue }
            sent.tokens.append(String(cols[0]))
            sent.tags.append(cols.count > 1 ? String(cols[cols.count - 1]) : "O")
            sent.lines.append(i)
            if cols.count > 1, cols.last!.count > 2, NERLabels.typeIndex(cols.last!.dropFirst(2)) == nil {
                throw FormatError(description: "\(name):\(i + 1): unknown entity type in tag \(cols.last!)")
            }
        }
        endDocument()
        return (docs, lines)
    }
}
