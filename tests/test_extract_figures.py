"""Figures: values, qualifiers, units and what a figure counts, on invented sentences of general news.

Each class of number a news article writes (money with scales and currencies, ranges, scores,
fractions, spelled-out numbers, years, decades, dates) has its cases here; so has each rule that
keeps a number out (names, clock times, dates without a year, idioms).
"""

from __future__ import annotations

import pytest

from generator.extract import numbers
from tests.test_extract import extract, figure

# ---------------------------------------------------------------- number words


WORDS = {
    "two and a half": 2.5,
    "one and a half million": 1_500_000,
    "two million, four hundred thousand": 2_400_000,
    "twenty-five": 25,
    "a third": 1 / 3,
    "3.1tn": 3_100_000_000_000,
    "7B": 7_000_000_000,
    "-0.5%": -0.5,
    "+3.2%": 3.2,
    "20-30": None,
    "$20-30m": None,
}


@pytest.mark.parametrize("text,value", WORDS.items(), ids=WORDS.keys())
def test_number_words(text, value):
    got = numbers.parse_number(text)
    assert got == value if value is None or got is None else abs(got - value) < 1e-6


@pytest.mark.parametrize("text,share", [("two thirds", 66.666667), ("a quarter", 25), ("three quarters", 75)])
def test_fraction_as_percent(text, share):
    assert numbers.fraction_value(text) == share


# ---------------------------------------------------------------- money

# (sentence, value as written, value, unit)
MONEY = {
    "pounds-m": ("The council spent £40m on the new bridge.", "£40m", 40_000_000, "GBP"),
    "euros-word": ("The bank lent 2.5bn euros to the utility.", "2.5bn euros", 2_500_000_000, "EUR"),
    "rupees-word": ("The state set aside 120bn rupees for roads.", "120bn rupees", 120_000_000_000, "INR"),
    "dollars-tn": ("The group is now valued at $3.1tn by investors.", "$3.1tn", 3_100_000_000_000, "USD"),
    "euros-capital-b": ("The airline raised €7B from its owners.", "€7B", 7_000_000_000, "EUR"),
    "pence": ("The shares closed at 97p on Friday.", "97p", 97, "pence"),
}


@pytest.mark.parametrize("case", MONEY.values(), ids=MONEY.keys())
def test_money_with_scale_and_currency(nlp, case):
    text, value_text, value, unit = case
    fig = figure(extract(nlp, text), value_text)
    assert (fig.value, fig.unit) == (value, unit)
    assert "people" not in fig.counts


def test_money_range_has_no_single_value(nlp):
    fig = figure(extract(nlp, "The repairs will cost $20-30m over the winter."), "$20-30m")
    assert (fig.value, fig.unit) == (None, "USD")


# ---------------------------------------------------------------- ranges and scores


@pytest.mark.parametrize(
    "text,value_text",
    [
        ("Rescuers pulled 20-30 people from the river.", "20-30"),
        ("Between 20 and 30 people were pulled from the river.", "Between 20 and 30"),
    ],
)
def test_range_is_never_a_sum(nlp, text, value_text):
    facts = extract(nlp, text)
    assert [f.value_text for f in facts.figures] == [value_text]
    assert facts.figures[0].value is None


def test_from_to_is_two_figures(nlp):
    facts = extract(nlp, "The fare rose from 5 to 10 dollars last year.")
    assert len(facts.figures) == 2
    assert all(f.value != 15 for f in facts.figures)


@pytest.mark.parametrize(
    "text,value_text",
    [
        ("The visitors won 3-1 at the weekend.", "3-1"),
        ("The champion won 6-4 3-6 7-5 in the final.", "6-4 3-6 7-5"),
        ("From 2-0 down the home side fought back.", "2-0"),
    ],
)
def test_match_score_is_one_figure_without_value(nlp, text, value_text):
    facts = extract(nlp, text)
    fig = figure(facts, value_text)
    assert (fig.value, fig.unit) == (None, "score")
    assert len(facts.figures) == 1


# ---------------------------------------------------------------- qualifiers, vague, fractions


def test_within_is_up_to(nlp):
    fig = figure(extract(nlp, "Claims must be filed within 30 days of the storm."), "within 30 days")
    assert (fig.value, fig.qualifier, fig.unit) == (30, "up_to", "days")


def test_several_thousand_is_vague(nlp):
    fig = figure(extract(nlp, "Several thousand fans queued outside the stadium."), "Several thousand")
    assert (fig.value, fig.qualifier) == (None, "vague")


def test_vague_magnitude_has_no_default_unit(nlp):
    fig = figure(extract(nlp, "Thousands marched through the capital on Sunday."), "Thousands")
    assert fig.unit != "people"


def test_count_without_a_noun_has_no_default_unit(nlp):
    fig = figure(extract(nlp, "Nearly 400 were hospitalised after the blast."), "Nearly 400")
    assert fig.unit != "people"


def test_two_thirds_is_a_share(nlp):
    fig = figure(extract(nlp, "Two thirds of the members backed the merger."), "Two thirds")
    assert (round(fig.value, 2), fig.unit) == (66.67, "percent")


@pytest.mark.parametrize(
    "text,value_text,value,qualifier",
    [
        ("More than twice as many cars were sold in May.", "More than twice", 2, "more_than"),
        ("Smokers were seven times more likely to fall ill.", "seven times", 7, "exact"),
    ],
)
def test_multipliers(nlp, text, value_text, value, qualifier):
    fig = figure(extract(nlp, text), value_text)
    assert (fig.value, fig.qualifier, fig.unit) == (value, qualifier, "multiplier")


def test_world_number_is_a_ranking(nlp):
    fig = figure(extract(nlp, "She beat the world number two in the semi-final."), "number two")
    assert (fig.value, fig.unit) == (2, "rank")


def test_coordinated_ages_are_one_figure(nlp):
    facts = extract(nlp, "The scheme pays a grant to 16 and 17-year-olds in training.")
    fig = figure(facts, "16 and 17-year-olds")
    assert fig.value is None
    assert len(facts.figures) == 1


# ---------------------------------------------------------------- years, decades, dates


def test_decade_is_an_approximate_figure(nlp):
    fig = figure(extract(nlp, "The mill closed in the 1970s after a long strike."), "1970s")
    assert (fig.value, fig.qualifier, fig.unit) == (None, "about", "decade")


def test_spelled_decade(nlp):
    fig = figure(extract(nlp, "Output has not been this high since the eighties."), "eighties")
    assert (fig.value, fig.unit) == (None, "decade")


def test_year_is_a_figure(nlp):
    fig = figure(extract(nlp, "The bridge opened to traffic in 1998."), "1998")
    assert (fig.value, fig.unit) == (1998, "year")


@pytest.mark.parametrize(
    "text",
    [
        "The vote will be held on 5 May.",
        "The singer was arrested on October 18 in Madrid.",
        "The party promised to build the line by 2030.",
        "By 1400 GMT the shares had recovered.",
    ],
)
def test_dates_deadlines_and_clock_times_are_not_figures(nlp, text):
    assert extract(nlp, text).figures == []


def test_date_that_ends_a_period_is_a_figure(nlp):
    facts = extract(nlp, "The curfew will stay in force until March 3.")
    assert [f.value_text for f in facts.figures] == ["March 3"]
    assert facts.figures[0].counts.startswith("end date")


# ---------------------------------------------------------------- numbers that are not figures


@pytest.mark.parametrize(
    "text",
    [
        "The handset runs the Series 40 operating system.",
        "She hosted the quiz show Number 96 for years.",
        "The school has a zero tolerance policy on bullying.",
        "The winger was injured just before half-time.",
    ],
)
def test_names_and_idioms_are_not_figures(nlp, text):
    assert extract(nlp, text).figures == []


# ---------------------------------------------------------------- what a figure counts

# (sentence, value as written, words the label holds, words it must not hold)
COUNTS = {
    "valued-at": (
        "The council approved four schemes, valued at $80m, on Monday.",
        "$80m",
        ["value", "schemes"],
        [],
    ),
    "money-in-phrase": (
        "The bank reported £2bn in bad loans for the year.",
        "£2bn",
        ["bad loans"],
        ["people"],
    ),
    "percent-before-noun": ("Voters feared a return to 12% inflation.", "12%", ["inflation"], ["share"]),
    "object-names-doer": (
        "The striker scored four goals in the cup final.",
        "four",
        ["goals", "striker", "scored"],
        [],
    ),
    "decade-clause": ("The mill closed in the 1980s.", "1980s", ["when", "mill", "closed"], ["people"]),
    "age-at-death": (
        "The singer, who lived in Paris, died at the age of 64.",
        "64",
        ["age", "singer"],
        ["people"],
    ),
    "score-verb": ("United won 2-1 at Anfield on Sunday.", "2-1", ["score", "United", "won"], ["people"]),
    "second-conjunct": (
        "Over the year 300 cars and 50 vans were stolen in the city.",
        "50",
        ["vans", "stolen"],
        [],
    ),
    "multiplier-noun": (
        "Twice as many bikes were sold in Paris as in Rome.",
        "Twice",
        ["bikes", "sold"],
        ["change"],
    ),
    "participle-over-light-verb": (
        "The charity said it would see almost 2,000 jobs in Kenya being cut.",
        "almost 2,000",
        ["jobs", "Kenya", "cut"],
        ["see"],
    ),
    "year-of-object": (
        "Ramos, who lost the 2011 final, won the title.",
        "2011",
        ["final", "Ramos", "lost"],
        [],
    ),
    "place-scope": (
        "At least 40 homes were flooded in Carlisle.",
        "At least 40",
        ["homes", "flooded", "Carlisle"],
        [],
    ),
    "rate-per": ("The survey found about four umbrellas per bus.", "about four", ["umbrellas per bus"], []),
    "passive-purpose": (
        "Around 300 soldiers were sent to guard the border.",
        "Around 300",
        ["soldiers", "sent", "guard the border"],
        [],
    ),
    "duration-scope": (
        "Trains were halted in Leeds for two days.",
        "two days",
        ["how long", "Trains", "halted", "in Leeds"],
        [],
    ),
    "duration-within": (
        "Clubs must provide the report within 48 hours.",
        "within 48 hours",
        ["time within which", "report"],
        ["duration"],
    ),
    "duration-negated-verb-pair": (
        "The singer said the phone did not stop ringing for a week.",
        "a week",
        ["how long", "phone", "not stop ringing"],
        [],
    ),
    "object-of-a-preposition": (
        "Police raided homes in 15 towns on Monday.",
        "15",
        ["towns", "Police", "raided homes in"],
        [],
    ),
    "doer-of-a-gerund-after-a-preposition": (
        "The panel made 40 proposals after hearing evidence from 51 charities.",
        "51",
        ["charities", "panel", "hearing evidence from"],
        [],
    ),
    "share-through-a-preposition": (
        "In Ghana cocoa accounts for almost 40% of the country's exports.",
        "almost 40%",
        ["share", "exports", "cocoa", "accounts for"],
        [],
    ),
    "worth": ("The firm won two rail contracts worth £40m.", "£40m", ["value", "rail contracts"], []),
    "share-price-movement": (
        "By 1600 GMT, Acme's shares fell from 97p to 44p.",
        "97p",
        ["Acme share price", "before fall"],
        ["GMT"],
    ),
    "particle-and-case": (
        "Born in 1950, the painter stepped down in 2019.",
        "2019",
        ["year", "painter", "stepped down"],
        [],
    ),
    "amount-in-a-phrase-is-its-own": (
        "Iraq wants to award three projects, valued at $500m.",
        "three",
        ["projects"],
        ["$500", "at"],
    ),
}


@pytest.mark.parametrize("party", ["Labour", "Conservative"])
def test_phrase_before_the_number_is_not_a_modifier(nlp, party):
    text = f"Under the last {party} government 250,000 homes were repossessed."
    counts = figure(extract(nlp, text), "250,000").counts
    assert counts.startswith("homes repossessed"), counts


def test_sentence_initial_verb_is_lower_case(nlp):
    counts = figure(extract(nlp, "Born in 1950, the painter moved to Leeds."), "1950").counts
    assert "born" in counts.split() and "Born" not in counts, counts


def test_pronoun_is_not_the_name_that_follows_it(nlp):
    counts = figure(extract(nlp, "Previously married, she leaves one son, Alan."), "one").counts
    assert "Alan" not in counts, counts


def test_negated_count_keeps_its_negation(nlp):
    counts = figure(extract(nlp, "The side never won 12 games in a row."), "12").counts
    assert "never won" in counts, counts


@pytest.mark.parametrize("case", COUNTS.values(), ids=COUNTS.keys())
def test_counts_label(nlp, case):
    text, value_text, words, not_words = case
    counts = figure(extract(nlp, text), value_text).counts
    assert all(w in counts for w in words), counts
    assert not any(w in counts.split() for w in not_words), counts


def test_counts_label_names_the_counted_thing_once(nlp):
    counts = figure(extract(nlp, "The drive can store thousands of songs."), "thousands").counts
    assert counts.split().count("songs") == 1, counts


def test_example_phrase_is_not_scope(nlp):
    facts = extract(nlp, "Officials said 13 guards were killed, including two who were shot.")
    assert "including" not in figure(facts, "13").counts


def test_conversion_in_brackets_is_named_as_an_equivalent(nlp):
    facts = extract(nlp, "The club was fined $500,000 (£400,000) by the league.")
    assert figure(facts, "£400,000").counts.endswith("(sterling equivalent)")


def test_hyphened_count_counts_the_outer_noun(nlp):
    counts = figure(extract(nlp, "The striker was given a three-game ban for the tackle."), "three").counts
    assert "ban" in counts


def test_count_before_an_adjective(nlp):
    counts = figure(
        extract(nlp, "He warned of a return to three million unemployed."), "three million"
    ).counts
    assert "unemployed" in counts


@pytest.mark.parametrize(
    "text,value_text,value",
    [
        ("The farm fund was cut to 154m naira this year.", "154m naira", 154_000_000),
        ("Almost 11m voters are over 60.", "Almost 11m", 11_000_000),
        ("The scheme will cost £885m.", "£885m", 885_000_000),
        ("The census found nearly half a million children in care.", "nearly half a million", 500_000),
    ],
)
def test_glued_scales_and_more_currencies(nlp, text, value_text, value):
    assert figure(extract(nlp, text), value_text).value == value


def test_season_is_a_year_range(nlp):
    fig = figure(extract(nlp, "Exports fell in the 2003-04 season."), "2003-04")
    assert (fig.value, fig.unit) == (None, "year")


def test_ordinal_after_for_a_is_no_duration(nlp):
    facts = extract(nlp, "The film topped the chart for a second week.")
    assert all(f.unit != "seconds" for f in facts.figures)


def test_the_demonym_stands_for_the_main_person(nlp):
    text = (
        "Ivan Petrov won the Open in Melbourne.\n"
        "Petrov beat Tom Hale in the final.\n"
        "The Russian, who lost the 2019 final, was delighted."
    )
    assert "Petrov" in figure(extract(nlp, text), "2019").counts


def test_number_between_commas_after_a_name_is_an_age(nlp):
    fig = figure(extract(nlp, "Jane Hill, 45, said the plan would fail."), "45")
    assert (fig.unit, fig.counts) == ("years", "age of Jane Hill")


def test_number_between_commas_after_a_place_is_no_age(nlp):
    facts = extract(nlp, "Prices rose in Leeds, 12, and in York.")
    assert all(f.unit != "years" for f in facts.figures)


def test_bracketed_number_after_a_name_is_a_seeding(nlp):
    facts = extract(nlp, "Group B: Chile (2), Norway (7), Peru, Ghana.")
    fig = figure(facts, "7")
    assert fig.counts == "seeding of Norway"
    assert "people" not in fig.counts


def test_index_reading_counts_the_index(nlp):
    counts = figure(extract(nlp, "The housing index fell to 48.3 in June."), "48.3").counts
    assert "index" in counts and "people" not in counts.split()


def test_conversion_of_an_unlabelled_amount_is_never_empty(nlp):
    facts = extract(nlp, "Entry: $8 (£5).")
    assert figure(facts, "£5").counts == "amount (sterling equivalent)"
    assert figure(facts, "$8").counts == "amount"


def test_levels_before_and_after_a_movement(nlp):
    facts = extract(nlp, "Shares in the airline fell from 210p to 150p on Friday.")
    assert figure(facts, "210p").counts.endswith("before fall")
    assert figure(facts, "150p").counts.endswith("after fall")
    assert "airline" in figure(facts, "150p").counts


def test_percent_change_names_the_rise(nlp):
    counts = figure(extract(nlp, "The number of stolen cars has jumped by 30% in a year."), "30%").counts
    assert counts.startswith("rise in number of stolen cars"), counts


def test_share_lost_of_a_value_is_a_fall(nlp):
    counts = figure(extract(nlp, "Shares in the brewer lost 20% of their value on Tuesday."), "20%").counts
    assert counts.startswith("fall in value of Shares"), counts
    assert "brewer" in counts


def test_period_of_a_movement(nlp):
    facts = extract(nlp, "The number of stolen cars has jumped by 30% in four years.")
    assert figure(facts, "four years").counts == "period of rise in number of stolen cars"


def test_passive_subject_after_a_long_opening_phrase(nlp):
    text = "In Leeds alone over the last two years more than 600 bicycles have been left on trains."
    facts = extract(nlp, text)
    assert figure(facts, "more than 600").counts == "bicycles left on trains"
    assert "In" not in figure(facts, "two years").counts.split()


def test_agent_count_told_in_the_active(nlp):
    facts = extract(nlp, "The actor, known to millions for his westerns, has retired.")
    assert figure(facts, "millions").counts.startswith("people who know actor"), figure(
        facts, "millions"
    ).counts
    counts = figure(extract(nlp, "The letter was signed by 3,000 nurses."), "3,000").counts
    assert counts == "nurses who sign letter", counts


@pytest.mark.parametrize(
    "text,value_text,label",
    [
        ("The new drone has a range of 30 kilometres.", "30", "range of new drone"),
        ("The dam has a height of 90 metres.", "90", "height of dam"),
    ],
)
def test_measure_names_what_is_measured(nlp, text, value_text, label):
    assert figure(extract(nlp, text), value_text).counts == label


def test_shares_up_or_down_at_a_price(nlp):
    facts = extract(nlp, "Shares in the bakery were down 4% at 88p.")
    assert figure(facts, "4%").counts == "fall in Shares in bakery"
    assert figure(facts, "88p").counts == "share price in bakery after fall"


def test_label_never_holds_the_conversion_amount(nlp):
    facts = extract(nlp, "The chain has received a $2.6bn (£1.4bn) takeover offer.")
    assert "1.4bn" not in figure(facts, "$2.6bn").counts
    assert "offer" in figure(facts, "$2.6bn").counts


@pytest.mark.parametrize(
    "text,value_text,label",
    [
        ("She won the 400m hurdles in Rome.", "400m", "distance of hurdles"),
        ("He faded badly in the 5,000m, his coach said.", "5,000m", "distance of race"),
    ],
)
def test_race_distance_is_metres(nlp, text, value_text, label):
    fig = figure(extract(nlp, text), value_text)
    assert (fig.value, fig.unit, fig.counts) == (int(value_text[:-1].replace(",", "")), "metres", label)


def test_glued_m_before_a_noun_stays_millions(nlp):
    assert figure(extract(nlp, "The band sold 3m albums."), "3m").value == 3_000_000


@pytest.mark.parametrize(
    "text",
    [
        "A hearing scheduled for February 16 and 17 will rule on the case.",
        "He starred in Lock, Stock and Two Smoking Barrels before his debut.",
        "Fans queued for Ocean's Eleven in the rain.",
    ],
)
def test_days_of_a_date_and_numbers_in_titles_are_no_counts(nlp, text):
    assert [f.value_text for f in extract(nlp, text).figures if f.unit == "count"] == []


def test_capitalised_number_word_before_a_common_noun_is_a_count(nlp):
    assert figure(extract(nlp, "The club signed Two players, the coach said."), "Two").value == 2
