"""Quotes and their speakers, with the real spaCy model: one test per way news prints a quotation.

Every text here is invented for the test.
"""

from __future__ import annotations

import pytest

from generator.extract import quotes
from generator.extract.quotemarks import passages
from tests.test_extract import extract, figure, quote


def speakers(facts) -> dict[str, str | None]:
    """Map each quote's text to its speaker."""
    return {q.text: q.speaker for q in facts.quotes}


# ---------------------------------------------------------------- quotation marks


def test_quote_running_over_paragraphs_is_one_passage_per_paragraph():
    text = 'Coach Tom Reed said: "We played well.\n\n"We will be back next year."'
    assert [p.text for p in passages(text)] == ["We played well.", "We will be back next year."]
    assert [p.continued for p in passages(text)] == [False, True]


def test_joined_paragraphs_reopening_a_quote_start_a_new_passage():
    text = 'Mr Reed said: "We played well. "We will be back." He left.'
    assert [p.text for p in passages(text)] == ["We played well.", "We will be back."]


def test_single_quotes_inside_a_quotation_are_a_quote_of_their_own():
    text = "\"It was a 'race to the bottom' for the workers,\" she said."
    assert [p.text for p in passages(text)] == [
        "It was a 'race to the bottom' for the workers",
        "race to the bottom",
    ]


def test_unclosed_quote_at_the_end_of_a_paragraph_is_kept():
    text = 'He said: "Never again.\n\n"Not on my watch," he added.'
    assert [p.text for p in passages(text)] == ["Never again.", "Not on my watch"]


# ---------------------------------------------------------------- speakers

PARAGRAPHS = {
    "joined": 'Agent Mary Stone said: "She was a kind woman. "She never once complained about anything."',
    "split": 'Agent Mary Stone said: "She was a kind woman.\n\n"She never once complained about anything."',
    "attribution-last": '"She was a kind woman. "She never once complained about anything," said Mary Stone.',
}


@pytest.mark.parametrize("text", PARAGRAPHS.values(), ids=PARAGRAPHS.keys())
def test_every_paragraph_of_a_quotation_has_its_speaker(nlp, text):
    facts = extract(nlp, text)
    assert len(facts.quotes) == 2
    assert set(speakers(facts).values()) == {"Mary Stone"}


CLAUSES = {
    "x-role-said": (
        '"The losers will be the poorest workers," Omar Khalid, the charity\'s head of policy, said.',
        "Omar Khalid",
    ),
    "said-x-role": ('"There will be a period of adjustment," said trade spokesman Peter Hall.', "Peter Hall"),
    "told": ('"We are ready for the storm," Anna Berg told reporters on Monday.', "Anna Berg"),
    "transcript": ('Peter Hall: "We will rebuild every bridge in the valley."', "Peter Hall"),
    "said-coordinated-title": (
        '"Prices will fall by spring," said Trade and Industry Secretary Jane Holt.',
        "Jane Holt",
    ),
    "colon-after-clause": (
        'Laying into the record of the council, Lena Morales said: "The roads are a disgrace to this town."',
        "Lena Morales",
    ),
}


@pytest.mark.parametrize(("text", "speaker"), CLAUSES.values(), ids=CLAUSES.keys())
def test_reporting_clause_beside_the_marks_names_the_speaker(nlp, text, speaker):
    facts = extract(nlp, text)
    assert len(facts.quotes) == 1
    assert facts.quotes[0].speaker == speaker


def test_spokesman_for_an_organisation_is_the_speaker(nlp):
    facts = extract(nlp, '"We regret the delay to all our passengers," a spokesman for the airline said.')
    assert "spokesman" in facts.quotes[0].speaker


def test_statement_is_its_author_s(nlp):
    facts = extract(
        nlp,
        "Northwind Bank closed 40 branches on Monday. Northwind Bank's statement added: "
        '"We will keep serving every customer online."',
    )
    assert facts.quotes[0].speaker == "Northwind Bank"


def test_the_committee_is_the_committee_named_before(nlp):
    facts = extract(
        nlp,
        "The plan is flawed, the transport select committee said. "
        '"The scheme must be delayed until the costs are known," the committee added.',
    )
    assert facts.quotes[0].speaker == "transport select committee"


def test_first_sentence_of_a_body_is_no_headline(nlp):
    facts = extract(nlp, 'The plan is "a step too far" for the town. The mayor said it would cost too much.')
    assert quote(facts, "a step too far").speaker is None


def test_the_members_are_the_group_named_before(nlp):
    facts = extract(
        nlp,
        "Farmers could be fined under the new rules, a committee of MPs has warned. "
        'The MPs said they were "deeply worried" about the plans.',
    )
    assert quote(facts, "deeply worried").speaker == "committee of MPs"


def test_he_is_a_person_of_his_gender(nlp):
    facts = extract(
        nlp,
        "Mrs Anna Berg opened the new clinic on Monday. Peter Hall said the town was safe. "
        '"The clinic has enough beds for everyone," she said.',
    )
    assert facts.quotes[0].speaker == "Anna Berg"


def test_full_name_is_preferred_over_title_and_surname(nlp):
    facts = extract(
        nlp,
        'Andrew Pendleton runs the charity. "Trade must not be a race between the poor," Mr Pendleton added.',
    )
    assert facts.quotes[0].speaker == "Andrew Pendleton"


def test_quote_without_attribution_is_the_person_the_sentence_before_is_about(nlp):
    facts = extract(
        nlp,
        "Lena Morales insists the club was right to act. "
        '"It was a very difficult decision for everyone involved in it."',
    )
    assert facts.quotes[0].speaker == "Lena Morales"


def test_the_office_stands_for_its_holder_not_its_shadow(nlp):
    facts = extract(
        nlp,
        "Peter Hall rallied voters in Leeds on Sunday. He attacked shadow chancellor Tom Reed. "
        'The chancellor said the vote would give a "clear choice" to the country.',
    )
    assert quote(facts, "clear choice").speaker == "Peter Hall"


def test_quote_within_a_quotation_has_the_quotation_s_speaker(nlp):
    facts = extract(nlp, "\"It was a 'race to the bottom' for the workers,\" said Anna Berg.")
    assert speakers(facts) == {
        "It was a 'race to the bottom' for the workers": "Anna Berg",
        "race to the bottom": "Anna Berg",
    }


def test_figure_in_a_continued_quotation_is_attributed_to_its_speaker(nlp):
    facts = extract(nlp, 'Coach Tom Reed said: "We played well.\n\n"We scored 45 goals this season."')
    assert figure(facts, "45").attributed_to == "Tom Reed"


# ---------------------------------------------------------------- who stated a figure

FIGURE_SOURCES = {
    "highlighted-plans": (
        "Peter Hall also highlighted plans for 100 new schools in the north.",
        "100",
        "Peter Hall",
    ),
    "acronym-spelled-out": (
        "The World Health Organisation (WHO) met in Geneva on Monday. The WHO said 40 clinics had closed.",
        "40",
        "World Health Organisation",
    ),
    "office-holder": (
        "Peter Hall spoke in Leeds on Monday. The mayor said 40 houses were destroyed by the flood.",
        "40",
        "Peter Hall",
    ),
    "another-act": ("The president vowed to restore order and declared a two-week curfew.", "two-week", None),
}


@pytest.mark.parametrize(("text", "value_text", "source"), FIGURE_SOURCES.values(), ids=FIGURE_SOURCES.keys())
def test_who_stated_a_figure(nlp, text, value_text, source):
    assert figure(extract(nlp, text), value_text).attributed_to == source


def test_he_is_the_person_the_sentence_before_is_about(nlp):
    facts = extract(
        nlp,
        '"We were patient and it paid off," said Martin Hale. Tom Reed, the captain, echoed his manager. '
        '"We are confident we can win the final," he said.',
    )
    assert quote(facts, "We are confident we can win the final").speaker == "Tom Reed"


def test_the_dutchman_is_the_person_not_a_nationality(nlp):
    facts = extract(
        nlp,
        'Coach Martin Hale praised his players. "It was a professional performance," the Dutchman said.',
    )
    assert facts.quotes[0].speaker == "Martin Hale"


def test_a_reporting_clause_cuts_an_unclosed_quote():
    text = 'Mr Reed said: "I lost three years of my life. He added: "They wanted to break me."'
    assert [(p.text, p.continued) for p in passages(text)] == [
        ("I lost three years of my life.", False),
        ("They wanted to break me.", False),
    ]


def test_a_film_telling_a_story_is_not_a_speaker(nlp):
    facts = extract(
        nlp,
        '"I felt so lucky to be there," says Mrs Jane Arden. Her film Moth tells the story of a lost child. '
        '"I just start with an image I cannot shake off," she explains.',
    )
    assert quote(facts, "I just start with an image I cannot shake off").speaker == "Jane Arden"


def test_headline_quote_is_the_lead_s_source(nlp):
    facts = extract(
        nlp,
        "Farmers 'could lose their land'\n\nFarmers could be forced off their land under new planning rules, "
        "a committee of MPs has warned.",
    )
    assert "committee" in quote(facts, "could lose their land").speaker


def test_scare_quote_is_the_acting_subject_s(nlp):
    facts = extract(
        nlp,
        'The MPs said they were worried. The draft bill seeks to protect "farmed animals" from neglect.',
    )
    assert "bill" in quote(facts, "farmed animals").speaker


def test_scare_quote_echoing_a_quote_has_its_speaker(nlp):
    facts = extract(
        nlp,
        "Shops fear the plan\n\n"
        'Jane Arden has dismissed claims that her plan was "moving onto the turf" of small shops. '
        'Tom Reed told reporters the plan was "a definite move onto our turf".',
    )
    assert quote(facts, "moving onto the turf").speaker == "Tom Reed"


MORE_FIGURE_SOURCES = {
    "relative-clause-in-report": (
        "The coach said it was worse than the foul on Cole for which Smith got a three-game ban.",
        "three",
        "coach",
    ),
    "rules-stipulate": (
        "The league's disciplinary code stipulates a six-month ban for a first offence.",
        "six-month",
        "league",
    ),
    "officials-hope": (
        "Oil officials hope to raise output by 40% within five years.",
        "40%",
        "Oil officials",
    ),
    "said-the-scheme-aimed": (
        "Farm minister Peter Hall said the scheme aimed to boost production from an expected 180,000 tonnes.",
        "180,000",
        "Peter Hall",
    ),
    "poll-suggests": (
        "The Evening Post poll suggests that 45% of people would vote against the plan.",
        "45%",
        "poll",
    ),
    "same-period": (
        "Thieves stole 6,000 bicycles in the city last year, according to a police survey. "
        "Over the same period 900 scooters were stolen.",
        "900",
        "police survey",
    ),
    "no-pointing-back": (
        "Thieves stole 6,000 bicycles in the city last year, according to a police survey. "
        "Insurers paid out for 900 scooters.",
        "900",
        None,
    ),
    "projects-do-not-hope": ("These two projects aim to produce 100,000 barrels per day.", "100,000", None),
    "noun-conjunct": (
        "Peter Hall also highlighted plans for debt relief and a minimum wage for 16-year-olds.",
        "16",
        "Peter Hall",
    ),
}


@pytest.mark.parametrize(
    ("text", "value_text", "source"), MORE_FIGURE_SOURCES.values(), ids=MORE_FIGURE_SOURCES.keys()
)
def test_who_stated_a_figure_beyond_the_reporting_verb(nlp, text, value_text, source):
    attributed = figure(extract(nlp, text), value_text).attributed_to
    assert attributed == source if source is None else source in (attributed or "")


@pytest.mark.parametrize(
    "text",
    [
        'The jubilation felt by "low-paid" workers will soon give way to misery.',
        'An easy way out would be to "sweat" the assets of the railway.',
    ],
)
def test_subject_of_a_clause_around_a_scare_quote_is_no_speaker(nlp, text):
    (q,) = extract(nlp, text).quotes
    assert q.speaker is None, q.speaker


@pytest.mark.parametrize(
    "speaker,plausible",
    [
        ("the draft bill", True),
        ("a spokesman for the airline", True),
        ("officials", True),
        ("Jane Holt", True),
        ("easy way", False),
        ("type arguments", False),
        ("raising the minimum wage", False),
    ],
)
def test_who_can_be_a_speaker(speaker, plausible):
    assert quotes.plausible_speaker(speaker) is plausible
