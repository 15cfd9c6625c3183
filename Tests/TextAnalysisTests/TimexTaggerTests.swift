// TimexTagger across sentences: anaphora count from the last date the text mentioned (and not from each other),
// and the end of a range is resolved forward from its start.
import Testing
@testable import TextAnalysis

struct TimexTaggerTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let text: String
        let reference: String
        /// Expected values of the timexes, in text order.
        let values: [String]
        var testDescription: String { text }
    }

    static let cases: [Case] = [
        // Anaphora: the last mentioned date, at its granularity.
        Case(text: "He was shot on Oct. 23, 1998. Earlier that day, he had spoken. He died the next day.",
             reference: "1999-10-24", values: ["1998-10-23", "1998-10-23", "1998-10-24"]),
        Case(text: "He was made a general in 1995, and the following year he became minister.",
             reference: "1998-04-18", values: ["1995", "1996"]),
        Case(text: "The clinic opened in October 1998. The site was crossed out that same day.",
             reference: "1999-02-06", values: ["1998-10", "1998-10-XX"]),
        // Repeated comparisons count from the same quarter, not from each other.
        Case(text: "Profit in the third quarter rose to $5 million from $4 million a year earlier. "
                 + "Sales rose 5% from a year earlier.",
             reference: "1989-10-26", values: ["1989-Q3", "1988-Q3", "1988-Q3"]),
        // The quarter under discussion stays the topic after other dates come up, and names "the 1988 period".
        Case(text: "Third-quarter profit rose, the company said yesterday. Profit was $4 million a year ago. "
                 + "In the 1988 period, sales fell.",
             reference: "1989-11-02", values: ["1989-Q3", "1989-11-01", "1988-Q3", "1988-Q3"]),
        // A day mentioned since does not end the quarter's discussion: "a year earlier" is still that quarter.
        Case(text: "Profit in the third quarter rose to $5 million, the bank said yesterday. Sales were $9 million, "
                 + "up from $7 million a year earlier.",
             reference: "1989-10-26", values: ["1989-Q3", "1989-10-25", "1988-Q3"]),
        // Results for the year to date end it: their comparison is with the year before.
        Case(text: "Third-quarter net rose 5%. In the first nine months, net was $30 million, compared with "
                 + "$20 million in the 1988 period.",
             reference: "1989-11-02", values: ["1989-Q3", "P9M", "1988"]),
        Case(text: "Third-quarter net rose 5%, the bank said Friday. In the first nine months, net was $30 million, "
                 + "compared with $20 million a year earlier.",
             reference: "1989-10-30", values: ["1989-Q3", "1989-10-27", "P9M", "1988"]),
        // ... also when the quarter is the last date named: "For the nine months, ... a year earlier" is 1988, not
        // the third quarter of 1988 (TBAQ wsj_0950, wsj_1011, wsj_1013).
        Case(text: "Third-quarter net rose 5%. For the nine months, net was $30 million, or $1.11 a share, compared "
                 + "with $20 million, or 74 cents a share, a year earlier.",
             reference: "1989-10-26", values: ["1989-Q3", "P9M", "1988"]),
        // "the year-ago third quarter" is one expression, and a comparison: it does not become the anchor.
        Case(text: "Third-quarter net rose to $5 million. In the year-ago third quarter, it earned $4 million. "
                 + "Sales rose from a year earlier.",
             reference: "1989-10-30", values: ["1989-Q3", "1988-Q3", "1988-Q3"]),
        // Nothing mentioned yet: the reference.
        Case(text: "The rebels took the town a month earlier.", reference: "2021-03-18", values: ["2021-02"]),
        // A clock time falls on the day the text is talking about.
        Case(text: "Slepian was shot on Friday, Oct. 23, 1998, at 10 p.m. in his kitchen.",
             reference: "1999-04-19", values: ["1998-10-23", "1998-10-23T22:00"]),
        // ... or on the day named right after it; a clause between keeps them apart.
        Case(text: "The blast happened at 10:30 a.m. local time (0830 GMT) on Tuesday.", reference: "2013-03-20",
             values: ["2013-03-19T10:30", "2013-03-19"]),
        Case(text: "He arrived at 9 p.m., and on Friday he left.", reference: "2013-03-20",
             values: ["2013-03-20T21:00", "2013-03-15"]),
        // Ranges: the end comes after the start.
        Case(text: "The office is open from Monday to Friday.", reference: "1998-03-18",
             values: ["1998-03-16", "1998-03-20"]),
        Case(text: "The talks ran between Dec. 28 and Jan. 3.", reference: "1999-01-10",
             values: ["1998-12-28", "1999-01-03"]),
        Case(text: "Output grew between 1990 and 1995.", reference: "1998-03-18", values: ["1990", "1995"]),
        // A clause joined after the date ("and were planning") does not lend it its tense; plans point ahead.
        Case(text: "Protesters planned a rally on Saturday and were planning to drive to the airport on Monday.",
             reference: "2000-01-07", values: ["2000-01-08", "2000-01-10"]),
        Case(text: "On Tuesday, the Abortion and Reproductive Rights League plans to hold a news conference.",
             reference: "1998-10-26", values: ["1998-10-27"]),
        // A bare day joined to a month-day date is a date of the same month.
        Case(text: "A ceremonial accession will be held at the summit on April 24 and 25.", reference: "1999-02-10",
             values: ["1999-04-24", "1999-04-25"]),
        Case(text: "Talks ran March 3-4 in Geneva.", reference: "1999-03-10", values: ["1999-03-03", "1999-03-04"]),
        Case(text: "The fair runs from January 6 to 9.", reference: "2005-01-03", values: ["2005-01-06", "2005-01-09"]),
        // ... and a bare day before a day-month date, after "from"/"between" or before a dash, is the range's start.
        Case(text: "CES runs from 6 to 9 January.", reference: "2005-01-03", values: ["2005-01-06", "2005-01-09"]),
        Case(text: "The festival runs from 10-20 February.", reference: "2005-02-01",
             values: ["2005-02-10", "2005-02-20"]),
        Case(text: "Winners will be named between 13 and 15 March.", reference: "2005-03-01",
             values: ["2005-03-13", "2005-03-15"]),
        Case(text: "Prices rose from 6 to 9 percent on 10 January.", reference: "2005-01-03", values: ["2005-01-10"]),
        Case(text: "Prices rose 2.6-9 January.", reference: "2005-01-03", values: ["2005-01-09"]),
        // The start of a range of clock times is dated by the day after its end.
        Case(text: "It will be shown from 1130 to 1215 GMT on Wednesday.", reference: "2005-03-01",
             values: ["2005-03-02T11:30", "2005-03-02T12:15", "2005-03-02"]),
        Case(text: "It will air from 2300 GMT - 0100 GMT on Friday.", reference: "2005-03-01",
             values: ["2005-03-04T23:00", "2005-03-04T01:00", "2005-03-04"]),
        // "until" points a deadline ahead, unless a past perfect looks back.
        Case(text: "INS extended its deadline until 9 a.m. Tuesday.", reference: "2000-04-03",
             values: ["2000-04-04T09:00"]),
        Case(text: "Until Thursday, they had not called Kopp a suspect.", reference: "1999-05-07",
             values: ["1999-05-06"]),
        // Nor is the clause a "that" opens right after the date: the date is the time of saying.
        Case(text: "The agency said in a statement late on Saturday that talks would resume.", reference: "2013-03-20",
             values: ["2013-03-16"]),
        // The reporting verb outside a quotation is not the quote's tense.
        Case(text: "''This father will leave at 4 a.m. EDT Thursday,'' Castro said.", reference: "2000-04-05",
             values: ["2000-04-06T04:00"]),
        // "next to" is a place and "is to", "set to" a plan.
        Case(text: "A bomb ripped through a building next to the embassy in Nairobi, Kenya Friday morning.",
             reference: "1998-08-08", values: ["1998-08-07TMO"]),
        Case(text: "The stock is to resume trading in Paris Tuesday.", reference: "1989-10-27", values: ["1989-10-31"]),
        Case(text: "The peace process is set to resume Monday in Belfast.", reference: "1998-03-22",
             values: ["1998-03-23"]),
        // No cue near the date: the sentence's tense, where an infinitive of intent points ahead.
        Case(text: "Nashua's stock has fluctuated sharply on takeover speculation, rising to a high of $42.875 a share "
                 + "in June from $29.75 in March.", reference: "1989-10-30", values: ["1989-06", "1989-03"]),
        Case(text: "Thermo Electron agreed to purchase Milton Roy's liquid-chromatography line for $22 million in "
                 + "February.", reference: "1989-10-30", values: ["1990-02"]),
        // An -ed form after a determiner and an adverb is an adjective, not the clause's past tense; "plans" is a
        // noun unless "to" follows.
        Case(text: "Officials will travel on the newly arranged trip in June.", reference: "2021-03-18",
             values: ["2021-06"]),
        Case(text: "Talks will resume at a still unspecified date in January.", reference: "2021-03-18",
             values: ["2022-01"]),
        Case(text: "Vacation plans in June were scrapped.", reference: "2021-03-18", values: ["2020-06"]),
        Case(text: "On Friday, when the envoy cut short her leave for the hastily planned visit, the ministry eased "
                 + "its warning.", reference: "1998-08-17", values: ["1998-08-14"]),
        // A noun ending in "-ly" after "the" is no adverb: the verb after it keeps its tense.
        Case(text: "The family said on Friday that it would appeal.", reference: "2021-03-18",
             values: ["2021-03-12"]),
        Case(text: "The assembly was dissolved in June.", reference: "2021-03-18", values: ["2020-06"]),
        Case(text: "The family moved to Ohio in June.", reference: "2021-03-18", values: ["2020-06"]),
        // A span of years written with a hyphen is two years (a phone number or a score is not written so).
        Case(text: "He served as mayor from 2001-2005 and the 2011-2012 season was his last.", reference: "2013-03-20",
             values: ["2001", "2005", "2011", "2012"]),
        // A verb past a comma after the expression belongs to the enclosing clause when the expression's own
        // clause has a cue (BBC): a relative clause, an appositive, a reporting verb after the quote's words.
        Case(text: "The peer, who passed away peacefully on Wednesday, would be sadly missed.",
             reference: "2005-03-01", values: ["2005-02-23"]),
        Case(text: "Mr Clarke, who will unveil his plans on Monday, said migration helped.", reference: "2005-03-01",
             values: ["2005-03-07"]),
        Case(text: "The musical will open in November, said Mr Richards.", reference: "2005-03-01",
             values: ["2005-11"]),
        Case(text: "Exeter City, who knocked out Doncaster on Saturday, will travel to Old Trafford.",
             reference: "2005-03-01", values: ["2005-02-26"]),
        // With no cue of its own before the expression, the one past the comma still decides.
        Case(text: "In a meeting on Monday, ministers will decide.", reference: "2005-03-01", values: ["2005-03-07"]),
        // "than expected" names a forecast, as "as expected" does: the clause's own verb decides.
        Case(text: "UK retail sales were better than expected in November.", reference: "2005-03-01",
             values: ["2004-11"]),
        Case(text: "Sales will be better than expected in November.", reference: "2005-03-01", values: ["2005-11"]),
        // Not a range: two separate weekdays keep their own resolution.
        Case(text: "He spoke on Friday and will leave on Monday.", reference: "1998-03-18",
             values: ["1998-03-13", "1998-03-23"]),
    ]

    @Test(arguments: cases)
    func resolvesInContext(_ c: Case) {
        let found = TimeFixture.tag(c.text, reference: CalendarDate(iso: c.reference)!)
        #expect(found.map(\.value) == c.values, "rules \(found.map(\.rule))")
    }
}
