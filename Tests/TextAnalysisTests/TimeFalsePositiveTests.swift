// Text that looks like time but is not: the verb "may", "march", quantities, money, scores, race times,
// phone numbers, ages, numbered things, rate steps ("a quarter point"), names with a day or season in them
// (newspapers, the Olympics), periods of a game, "soon" in a past clause. No timex may overlap the bracketed span.
import Testing
@testable import TextAnalysis

struct TimeFalsePositiveTests {
    static let sentences: [String] = [
        "Officials said talks [may] resume soon.",
        "[May] I ask a question?",
        "Thousands will [march] to the capital.",
        "They [March] on Washington every year.",
        "The ministry said [2019 people] were evacuated.",
        "The bill came to [$2,020] in all.",
        "He paid [$1998] for the ticket.",
        "Prices rose [2020%] in a decade.",
        "The Lakers won [2019-20] over the Celtics.",
        "She finished the marathon in [2:03:45] flat.",
        "They lost [3-1] at home.",
        // Two 4-digit numbers read as a span of years only when the second is the later one.
        "The home side won [2010-2008] in overtime.",
        "Call [555-2019] for tickets.",
        "The Olympic 800m and [1500m] champion won again.",
        "He was on course for the record through [1200m] but faded.",
        "The index closed at [1850] on Friday.",
        // A clock time before its zone is no year.
        "Kick-off is [1400] GMT.",
        "Either Tait or [Noon] will drop out of the side.",
        "Call [202-555-2019] for tickets.",
        "The [6-year-old] boy was rescued.",
        // An age group in words ("18 to 24 year olds") is no length of time either (session 19).
        "Unemployment among [18 to 24 year olds] rose.",
        "Jobs for [16-21 year olds] are scarce.",
        "He took [Flight 1998] to Paris.",
        // A year inside a name (block-name-year).
        "Two men were arrested under the [Terrorism Act 2000] at the airport.",
        "[Football Manager 2005] is out now for the PC.",
        "Users running [Windows 2000] should update.",
        "Turnout was [1,998] voters.",
        "The team scored [2000 points] this season.",
        "The temperature hit [1200 degrees].",
        "Police arrested [Jan] Kavan's driver.",
        "On May 3 and [25,000] people marched.",
        "The talks ran May 3-[4th floor] rooms.",
        "He said on ABC's \"[This Week]\" that talks failed.",
        "The Fed cut rates by [a quarter point] on Wednesday.",
        "[The Sunday Times] reported the story.",
        "[The summer Olympics] open in Tokyo.",
        "The striker [scored twice in the first half].",
        // "soon" in a past clause looks ahead from a past time: the resolver gives no value and the tagger drops it.
        "The trickle [soon] became a flood.",
    ]

    @Test(arguments: sentences)
    func nothingTaggedInside(_ marked: String) {
        let (text, span) = TimeFixture.unmark(marked)
        let found = TimeFixture.tag(text).filter { $0.chars.overlaps(span) }
        #expect(found.isEmpty, "\(found.map { "\($0.rule)=\($0.value)" })")
    }
}
