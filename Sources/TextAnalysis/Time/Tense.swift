// The tense of the clause around a time expression, from the nearest cue word near it (not across a quotation
// mark or into a "that" clause right after it, nor past a comma after it when a cue comes before it), else
// anywhere in its sentence: "will", "said", "is to", a regular past form ("-ed"), a present-tense verb of a
// timetable ("meet", "opens"); a word right before it ("until", "since") overrides. It decides which way an
// underspecified date points ("said on Thursday" is the past Thursday, "will meet on Monday" the next one). Cue
// lists: time/patterns/tense-*.txt.
// Two readings beyond the tenses: `habitual` (an adverb of habit in the clause, "December is traditionally a quiet
// month"; or a clock time or part of the day in a sentence without any cue, "clubs stay open till the early hours
// of the morning") names any such period, not one; `arranged` (a present progressive, "are meeting on Thursday",
// or "ahead of" before the expression, "ahead of the game on Sunday") points a weekday ahead, as arrangements are
// written, and reads as the present otherwise (a month "ahead of its flotation in August" may be past).

public enum Tense: String, Sendable, Equatable {
    case past, present, future, none, habitual, arranged
}

extension Tense {
    /// Words searched on each side of the expression.
    static let window = 12

    /// `clock`: the expression is a part of the day dated by the day last named (`anchor-day`, no digits);
    /// `weekday`: a weekday without a direction word ("ahead of" points only those ahead).
    static func of(words: [TimeWord], span: Range<Int>, sentences: [CharRange], rules: TimeRuleSet,
                   clock: Bool = false, weekday: Bool = false) -> Tense {
        guard !span.isEmpty else { return .none }
        let (lo, hi) = sentenceBounds(words: words, span: span, sentences: sentences)
        // First the clause: nearby words, not across a quotation mark (the reporting verb outside a quote,
        // "... will leave at 4 a.m. Thursday,'' Castro said", is not the quote's tense).
        let clause = nearestCue(words, span, lo, hi, window: window, wide: false, rules, ahead: weekday)
        // A habit is told in the present, or with a timetable verb ("usually opens"); in a past or future clause
        // the adverb qualifies something else ("a meeting on Monday saw normally loyal MPs warn", "sales were
        // generally better than December", "will be played regularly during a telethon on Friday").
        if habitual(words, span, lo, hi, rules), clause.map({ c in
            c.tense == .present || c.tense == .arranged
                || (c.tense == .future && rules.tense(of: words[c.at]).contains(.scheduled))
                || words[c.at].id == rules.compiled.usedId
        }) ?? true {
            return .habitual
        }
        // A time of day in a sentence with no cue at all is a present simple, a habit ("clubs stay open till the
        // early hours of the morning", "the museum opens at 10am"): news gives a time of one day with a past
        // form, "will", a timetable verb or a day.
        // With no cue in the clause, the nearest one anywhere in the sentence, searched once for both uses below
        // ("ahead of" is read for weekdays only, never for a clock time).
        let sentenceCue = clause == nil
            ? nearestCue(words, span, lo, hi, window: hi - lo, wide: true, rules, ahead: weekday) : nil
        if clock, clause == nil, sentenceCue == nil {
            return .habitual
        }
        // "until Tuesday", "till 9 a.m. Friday": a deadline or a postponement points ahead whatever the verb
        // ("extended its deadline until 9 a.m. Tuesday"), unless the clause looks back from a past perfect
        // ("Until Thursday, they had not called him a suspect").
        if span.lowerBound > 0, rules.tense(of: words[span.lowerBound - 1]).contains(.futureBeforeTimex),
           clause.map({ words[$0.at].id != rules.compiled.hadId }) ?? true {
            return .future
        }
        // "since March": the start of something still going on lies behind.
        if span.lowerBound > 0, rules.tense(of: words[span.lowerBound - 1]).contains(.pastBeforeTimex) {
            return .past
        }
        if let clause { return clause.tense }
        // No cue there: the nearest one anywhere in the sentence ("... rising to a high in June from $29.75 in
        // March" takes the tense of "has fluctuated" twenty words before).
        return sentenceCue?.tense ?? .none
    }

    /// The nearest cue within `window` words on either side: its tense and index. `wide` (the sentence-wide
    /// search) crosses quotation marks, and an infinitive of intent passed on the way back gives the future:
    /// "agreed to purchase the line for $22 million in February" is a purchase still to come (a purpose, "staged
    /// celebrations to mark its entry on Friday", is not).
    static func nearestCue(_ words: [TimeWord], _ span: Range<Int>, _ lo: Int, _ hi: Int, window: Int,
                           wide: Bool, _ rules: TimeRuleSet, ahead: Bool = false) -> (tense: Tense, at: Int)? {
        var best: (distance: Int, tense: Tense, at: Int)?
        var i = span.lowerBound - 1
        while i >= lo && span.lowerBound - i <= window {
            if !wide && isQuote(words, i) { break }
            if wide, i > lo, words[i].id == rules.compiled.toId,
               rules.tense(of: words[i - 1]).contains(.intentBeforeTo) {
                best = (span.lowerBound - i, .future, i)
                break
            }
            // "ahead of Sunday's election", "ahead of a meeting of finance ministers on Monday": a weekday after it
            // is still to come, whatever the verb further back ("has flown to Dublin ahead of"); a month may not
            // be ("restrictions were imposed ahead of its flotation in August"). A past perfect further back tells
            // the story from a later time, when that weekday had come ("economists had forecast ahead of Friday's
            // announcement").
            if ahead, i + 1 < span.lowerBound, words[i].id == rules.compiled.aheadId,
               words[i + 1].id == rules.compiled.ofId {
                best = (span.lowerBound - i, pastPerfectBefore(words, i, lo, rules) ? .past : .arranged, i)
                break
            }
            if let t = cue(words, i, rules) { best = (span.lowerBound - i, t, i); break }
            i -= 1
        }
        var j = span.upperBound
        while j < hi && j - span.upperBound + 1 <= window {
            if !wide && isQuote(words, j) { break }
            // A clause joined after the expression ("on Saturday and were planning") has its own tense; "and"
            // inside a name ("the Abortion and Reproductive Rights League") does not start one.
            if words[j].lower == ";" { break }
            // Past a comma, a verb belongs to the clause the expression's own clause sits in when that clause has
            // a cue of its own: "the peer, who passed away peacefully on Wednesday, would be sadly missed", "the
            // talks, which began on Monday, will resume".
            if best != nil, words[j].lower == "," { break }
            // "said late on Saturday that talks would resume": the clause after "that" is the report, not the
            // time of saying.
            if j == span.upperBound, words[j].id == rules.compiled.thatId { break }
            if words[j].id == rules.compiled.andId || words[j].id == rules.compiled.butId, j + 1 < hi,
               !words[j + 1].capitalized { break }
            if let t = cue(words, j, rules) {
                if best == nil || j - span.upperBound + 1 < best!.distance { best = (j - span.upperBound + 1, t, j) }
                break
            }
            j += 1
        }
        return best.map { ($0.tense, $0.at) }
    }

    /// The nearest cue before word `i` in its clause (within `window` words, not across a quotation mark) is a past
    /// perfect: "had" itself, or a verb right after it ("had forecast").
    static func pastPerfectBefore(_ words: [TimeWord], _ i: Int, _ lo: Int, _ rules: TimeRuleSet) -> Bool {
        var k = i - 1
        while k >= lo && i - k <= window {
            if isQuote(words, k) { return false }
            if words[k].id == rules.compiled.hadId { return true }
            if cue(words, k, rules) != nil {
                return k - 1 >= lo && words[k - 1].id == rules.compiled.hadId
            }
            k -= 1
        }
        return false
    }

    /// A quotation mark: a double quote (straight or curly), a backtick, or two apostrophes in a row ('').
    static func isQuote(_ words: [TimeWord], _ i: Int) -> Bool {
        let w = words[i]
        guard w.kind == .punct else { return false }
        switch w.scalar {
        case 0x22, 0x201C, 0x201D, 0x60: return true
        case 0x27:
            return (i > 0 && words[i - 1].scalar == 0x27 && words[i - 1].end == w.start)
                || (i + 1 < words.count && words[i + 1].scalar == 0x27 && words[i + 1].start == w.end)
        default: return false
        }
    }

    static func cue(_ words: [TimeWord], _ i: Int, _ rules: TimeRuleSet) -> Tense? {
        let w = words[i]
        guard w.kind == .word else { return nil }
        let flags = rules.tense(of: w)
        // "won't" is scanned "won" "'" "t": "will not", a future; "won" is a past form only as a verb, not the
        // Korean currency after an amount ("5,000 won", "2 trillion won", "won-denominated") nor the adjective
        // "hard-won".
        if w.id == rules.compiled.wonId {
            if i + 2 < words.count, words[i + 1].lower == "'", words[i + 1].start == w.end,
               words[i + 2].id == rules.compiled.tId, words[i + 2].start == words[i + 1].end {
                return .future
            }
            if i > 0, words[i - 1].kind == .number { return nil }
            if i > 1, words[i - 2].kind == .number, rules.compiled.magnitudeIds.contains(words[i - 1].id) { return nil }
            if i > 0, words[i - 1].lower == "-", words[i - 1].end == w.start { return nil }
            if i + 1 < words.count, words[i + 1].lower == "-", words[i + 1].start == w.end { return nil }
        }
        // After a determiner a cue is a noun ("the plan", "its plans") or an adjective ("the newly planned
        // trip"): no tense.
        if !flags.isDisjoint(with: .verb), adjectival(words, i, rules) { return nil }
        // "is to resume", "set to meet", "poised to": a plan.
        if flags.contains(.futureBeforeTo), i + 1 < words.count, words[i + 1].id == rules.compiled.toId {
            return .future
        }
        if flags.contains(.future) {
            // "went ahead as planned on Saturday", "withdrew as expected on Sunday", "as previously scheduled",
            // "better than expected in November": a comparative after "as" or "than" names an earlier plan or
            // forecast, not the clause's time; the main verb further out decides ("will go ahead as planned on
            // Friday" is still ahead).
            if w.pastEd, comparativeAs(words, i, rules) { return nil }
            // "next to the embassy", "due to the strike": a place or a cause, not a plan.
            if i + 2 < words.count, words[i + 1].id == rules.compiled.toId,
               rules.tense(of: words[i + 2]).contains(.determiner) {
                return nil
            }
            // "had been due to", "had planned to": a plan in the past perfect is over.
            var k = i - 1
            while k >= 0 && k >= i - 2 && words[k].kind == .word {
                if words[k].id == rules.compiled.hadId { return .past }
                if !rules.tense(of: words[k]).contains(.participleAux) { break }
                k -= 1
            }
            return .future
        }
        // A listed past form after "be"/"to" is a participle ("would be paid", "has been sold"): the auxiliary or
        // modal further out decides then.
        if flags.contains(.past) {
            if afterAux(words, i, rules) { return nil }
            return .past
        }
        // "2am": the clock's "am", not the verb.
        if flags.contains(.present), i > 0, words[i - 1].kind == .number { return nil }
        if flags.contains(.present) {
            // "are meeting", "is being staged": a present progressive, an arrangement.
            if i + 1 < words.count, words[i + 1].ing || (words[i + 1].id == rules.compiled.beingId
                                                         && i + 2 < words.count && words[i + 2].pastEd) {
                return .arranged
            }
            return .present
        }
        // "ministers meet on Thursday": a timetable in the present looks ahead. After an auxiliary, a modal, "to",
        // "n't", "not" or an object ("saw them play") the verb is an infinitive, and a word further out decides
        // ("didn't play", "will meet"), unless that word is capitalized, a name ("Theresa May meets", "The US
        // hosts"); capitalized inside a sentence the verb is a title ("Meet the Fockers").
        if flags.contains(.scheduled) {
            if i > 0, !words[i - 1].capitalized, words[i - 1].id == rules.compiled.tId || !rules.tense(of: words[i - 1])
                .isDisjoint(with: [.future, .past, .present, .participleAux, .bareBefore]) { return nil }
            if w.capitalized, i > 0, !w.lineBefore, words[i - 1].kind == .word { return nil }
            return .future
        }
        // A regular past form, unless it is a participle after "be"/"to" ("should be returned"): the auxiliary
        // or modal further out decides then.
        if w.pastEd, !flags.contains(.notPastEd), !w.capitalized || i == 0 || words[i - 1].scalar == 46,
           !afterAux(words, i, rules), !adjectival(words, i, rules) {
            return .past
        }
        return nil
    }

    /// Word `i` follows "as" or "than", perhaps across a listed adverb ("as planned", "as previously scheduled",
    /// "as widely expected", "better than expected").
    static func comparativeAs(_ words: [TimeWord], _ i: Int, _ rules: TimeRuleSet) -> Bool {
        guard i > 0 else { return false }
        func comparative(_ k: Int) -> Bool {
            words[k].id == rules.compiled.asId || words[k].id == rules.compiled.thanId
        }
        if comparative(i - 1) { return true }
        return i > 1 && words[i - 1].kind == .word && rules.tense(of: words[i - 1]).contains(.adverbBeforeParticiple)
            && comparative(i - 2)
    }

    /// Word `i` follows "be"/"to" (participle-aux.txt), perhaps across an adverb of habit ("are usually
    /// released", "is often used"): a participle, not a past form.
    static func afterAux(_ words: [TimeWord], _ i: Int, _ rules: TimeRuleSet) -> Bool {
        guard i > 0 else { return false }
        if rules.tense(of: words[i - 1]).contains(.participleAux) { return true }
        return i > 1 && rules.tense(of: words[i - 1]).contains(.habit)
            && rules.tense(of: words[i - 2]).contains(.participleAux)
    }

    /// A habit in the clause: an adverb of tense-habit.txt ("used" only before "to": "Neeson used to listen to his
    /// sermons on a Friday night") within six words either side, not across a quotation mark, a comma, a
    /// semicolon, a dash or a bracket, nor ahead into a clause joined by "and", "but", "that", "which" or "who"
    /// ("Exports - traditionally the driver of growth - grew slower in January" is a January).
    static func habitual(_ words: [TimeWord], _ span: Range<Int>, _ lo: Int, _ hi: Int, _ rules: TimeRuleSet)
        -> Bool {
        func stops(_ i: Int) -> Bool {
            let w = words[i]
            if isQuote(words, i) { return true }
            switch w.lower {
            case ",", ";", "-", "(", ")", ":": return true
            default: return false
            }
        }
        func habit(_ i: Int) -> Bool {
            guard rules.tense(of: words[i]).contains(.habit) else { return false }
            if words[i].id == rules.compiled.usedId {
                return i + 1 < words.count && words[i + 1].id == rules.compiled.toId
            }
            return true
        }
        var i = span.lowerBound - 1
        while i >= lo && span.lowerBound - i <= 6 && !stops(i) {
            if habit(i) { return true }
            i -= 1
        }
        var j = span.upperBound
        while j < hi && j - span.upperBound < 6 && !stops(j) {
            if let c = rules.compiled, [c.andId, c.butId, c.thatId, c.whichId, c.whoId].contains(words[j].id) {
                return false
            }
            if habit(j) { return true }
            j += 1
        }
        return false
    }

    /// A word after a determiner is a noun or an adjective ("the plan", "the proposed merger"), and so is an "-ed"
    /// form after a determiner and a listed adverb ("a still unspecified date", "the newly formed unit"): no
    /// tense. The adverbs are listed, not guessed from "-ly": "the family said", "the rally moved" are a subject
    /// and its verb.
    static func adjectival(_ words: [TimeWord], _ i: Int, _ rules: TimeRuleSet) -> Bool {
        guard i > 0 else { return false }
        if rules.tense(of: words[i - 1]).contains(.determiner) { return true }
        guard i > 1, words[i].pastEd, words[i - 1].kind == .word else { return false }
        return rules.tense(of: words[i - 1]).contains(.adverbBeforeParticiple)
            && rules.tense(of: words[i - 2]).contains(.determiner)
    }

    /// The word range of the sentence holding `span`: from the document's sentences when there are any,
    /// else between sentence-final marks and line breaks.
    static func sentenceBounds(words: [TimeWord], span: Range<Int>, sentences: [CharRange]) -> (Int, Int) {
        if let s = sentence(holding: words[span.lowerBound].start, in: sentences) {
            var a = span.lowerBound, b = span.upperBound
            while a > 0 && words[a - 1].start >= s.start { a -= 1 }
            while b < words.count && words[b].end <= s.end { b += 1 }
            return (a, b)
        }
        var a = span.lowerBound, b = span.upperBound
        while a > 0 && !isBoundary(words, a) { a -= 1 }
        while b < words.count && !isBoundary(words, b) { b += 1 }
        return (a, b)
    }

    /// The sentence (of `sentences`, in text order) holding character `at`, by binary search; nil when none does.
    static func sentence(holding at: Int, in sentences: [CharRange]) -> CharRange? {
        let lo = sentences.partitioningIndex { $0.end > at }
        return lo < sentences.count && sentences[lo].start <= at ? sentences[lo] : nil
    }

    /// Word `i` starts a sentence: a line break before it, or a capital after '.', '!' or '?'.
    static func isBoundary(_ words: [TimeWord], _ i: Int) -> Bool {
        let w = words[i]
        if w.lineBefore { return true }
        guard i > 0 else { return true }
        let p = words[i - 1].lower
        if p == "!" || p == "?" || p == ";" { return true }
        return p == "." && w.spaceBefore && (w.capitalized || w.kind != .word)
    }
}
