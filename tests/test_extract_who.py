"""Who with the real spaCy model: people, organisations, places and roles in invented news sentences."""

from __future__ import annotations

import pytest

from tests.test_extract import entity, extract


def names(facts, kind: str | None = None) -> set[str]:
    """Names and aliases of the article's entities (of one kind)."""
    out = set()
    for e in facts.who:
        if kind is None or e.kind == kind:
            out |= {e.name, *e.aliases}
    return out


def test_film_title_after_a_work_noun_is_no_organisation(nlp):
    text = (
        "The studio released the thriller The Lighthouse Keeper in March. "
        "The Lighthouse Keeper earned praise from critics, said Maria Lopez."
    )
    facts = extract(nlp, text)
    assert "Lighthouse Keeper" not in names(facts)
    assert entity(facts, "Maria Lopez").kind == "person"


def test_titles_listed_after_star_of_are_no_entities(nlp):
    text = "The actress Jane Porter, star of Silver Rain, Broken Hill and Paper Moon, will host the event."
    facts = extract(nlp, text)
    assert not {"Silver Rain", "Broken Hill", "Paper Moon"} & names(facts)


def test_work_directed_by_someone_is_no_person(nlp):
    text = "She made her debut in Summer Fields, directed by Peter Hale, and later joined a theatre company."
    facts = extract(nlp, text)
    assert "Summer Fields" not in names(facts)


def test_program_and_virus_names_are_no_organisations(nlp):
    text = (
        "Security firm Norvex said the Brinko virus spread through the Wizzle program. "
        "Norvex urged users to update their phones."
    )
    facts = extract(nlp, text)
    assert not {"Brinko", "Wizzle"} & names(facts)


def test_agreements_and_plural_acronyms_are_no_organisations(nlp):
    text = (
        "The end of the Trans-Pacific Textile Agreement (TPTA) worries MPs, said the charity Oxwell. "
        "MPs will debate the TPTA next week."
    )
    facts = extract(nlp, text)
    assert not {"Trans-Pacific Textile Agreement", "TPTA", "MPs"} & names(facts)


def test_award_with_an_indefinite_article_is_no_name(nlp):
    text = "The director hopes to win a best picture Bafta. The Baftas will be held in London in February."
    facts = extract(nlp, text)
    assert not {"Bafta", "Baftas"} & names(facts)


def test_party_short_forms_are_one_organisation(nlp):
    text = (
        "The Tories promised lower taxes on Monday. Labour said the Conservatives could not be trusted, "
        "and the Lib Dems called the Tory plan reckless."
    )
    facts = extract(nlp, text)
    tories = entity(facts, "Conservative Party")
    assert tories.kind == "organisation"
    assert {"Tories", "Conservatives"} <= set(tories.aliases)
    assert entity(facts, "Labour Party").kind == "organisation"
    assert entity(facts, "Liberal Democrats").kind == "organisation"


def test_two_names_run_together_are_cut(nlp):
    text = "Mr Dale told the Guardian the Tories' plans were a mistake."
    facts = extract(nlp, text)
    assert not any(" the " in n for n in names(facts))


def test_time_zone_after_a_number_is_no_organisation(nlp):
    text = "By 1600 GMT, shares in Corvane Mining had fallen by a third."
    facts = extract(nlp, text)
    assert "GMT" not in names(facts)


def test_role_in_apposition_after_the_name(nlp):
    text = "Sarah Okafor, a former director of youth sport for Active Wales, backed the decision."
    facts = extract(nlp, text)
    assert any("director" in r for r in entity(facts, "Sarah Okafor").roles)


def test_role_noun_before_a_list_of_names(nlp):
    text = "She toured with fellow singers Tom Baxter and Lucy Marsh last summer."
    facts = extract(nlp, text)
    for name in ("Tom Baxter", "Lucy Marsh"):
        assert any("singers" in r for r in entity(facts, name).roles), name


def test_role_noun_with_the_name_in_apposition(nlp):
    text = "The singer, who was married twice, leaves one daughter, Emily Hart."
    facts = extract(nlp, text)
    assert "daughter" in entity(facts, "Emily Hart").roles


def test_role_as_subject_of_be(nlp):
    text = "The bank's joint chief executives are Laura Finch and David Moss, the board said."
    facts = extract(nlp, text)
    for name in ("Laura Finch", "David Moss"):
        assert any("executives" in r for r in entity(facts, name).roles), name


def test_directed_by_gives_a_director(nlp):
    text = "Her first role was in Northern Lights, directed by Paul Ashby, in 1971."
    facts = extract(nlp, text)
    assert "director" in entity(facts, "Paul Ashby").roles


@pytest.mark.parametrize(
    "text, name",
    [
        (
            "Helen Carter has promised to cut taxes for small firms. "
            "The chancellor said the plan would be paid for by savings.",
            "Helen Carter",
        ),
        (  # 'Mr' is no post of its own: the later role is still his
            'Gordon Brown spoke in Leeds on Monday. "Growth is strong," Mr Brown said. '
            "The chancellor added that taxes would not rise.",
            "Gordon Brown",
        ),
    ],
)
def test_role_given_later_by_a_definite_subject(nlp, text, name):
    facts = extract(nlp, text)
    assert "chancellor" in entity(facts, name).roles


def test_a_later_role_of_another_post_is_someone_else(nlp):
    text = (
        "President Paul Brenner spoke on Monday. "
        '"There is a battle near the capital," Brenner claimed. '
        "The deputy mayor later said that the airport was working normally."
    )
    facts = extract(nlp, text)
    assert entity(facts, "Paul Brenner").roles == ["President"]


def test_a_verb_before_a_name_is_no_role(nlp):
    text = (
        "The strikes are the biggest test yet for the system built by the founding leader Maria Costa, "
        "who retired in 2018 and hand-picked Paul Brenner as her heir."
    )
    facts = extract(nlp, text)
    assert not any("picked" in r for r in entity(facts, "Paul Brenner").roles)
    assert "founding leader" in entity(facts, "Maria Costa").roles


def test_no_time_words_as_roles(nlp):
    text = "For Ravi Patel and Tom Walsh the past month has been a whirlwind."
    facts = extract(nlp, text)
    for e in facts.who:
        assert not any("month" in r for r in e.roles), e


def test_first_name_alone_is_the_full_named_person(nlp):
    text = (
        "Daniel Kowalski beat Marco Santini in the final. "
        '"Marco is a fine player and I was lucky," said Kowalski.'
    )
    facts = extract(nlp, text)
    assert "Marco" in entity(facts, "Marco Santini").aliases


def test_surname_of_a_name_with_jr_is_the_same_person(nlp):
    text = "Robert Hale Jr sued the studio in 2001. Mr Hale said he had written the first draft."
    facts = extract(nlp, text)
    hale = entity(facts, "Robert Hale Jr")
    assert "Hale" in hale.aliases or "Mr Hale" in hale.aliases
    assert [e.name for e in facts.who if e.kind == "person"] == ["Robert Hale Jr"]


def test_possessor_of_a_head_of_policy_is_an_organisation(nlp):
    text = (
        '"Jobs will go," said Mary Dunne, Green Hope\'s head of policy. '
        "Green Hope has warned about the cuts before."
    )
    facts = extract(nlp, text)
    assert entity(facts, "Green Hope").kind == "organisation"


def test_name_in_a_list_of_cities_is_a_place(nlp):
    text = "The survey covered Oslo, Madrid, Vienna, Lisbon and Prague."
    facts = extract(nlp, text)
    for name in ("Oslo", "Madrid", "Vienna", "Lisbon", "Prague"):
        assert entity(facts, name).kind == "place", name


def test_demonyms_are_no_places(nlp):
    text = "Londoners lose more phones in taxis than anyone, and a Briton came second in Paris."
    facts = extract(nlp, text)
    assert not {"Londoners", "Briton"} & names(facts)


def test_short_form_without_a_company_ending_is_the_same_company(nlp):
    text = "Shares in Corrib Resources fell 10%. Corrib said it had not been told of the decision."
    facts = extract(nlp, text)
    assert "Corrib" in entity(facts, "Corrib Resources").aliases


def test_acronym_in_parentheses_takes_the_organisation_kind(nlp):
    text = "The Royal Society of Painters and Etchers (Rospe) chose the winner. Rospe said it was delighted."
    facts = extract(nlp, text)
    assert not any("(" in n for n in names(facts))
    assert all(e.kind == "organisation" for e in facts.who if "Rospe" in {e.name, *e.aliases})


def test_organisation_name_runs_on_after_and(nlp):
    text = "She won a place at the Northfield School of Music and Dance when she was 16."
    facts = extract(nlp, text)
    assert "Northfield School of Music and Dance" in names(facts, "organisation")
    assert "Dance" not in names(facts)


def test_character_played_is_no_person(nlp):
    text = "In 1990 she played Mrs Bunting in the stage version of The Old House, said agent Tom Reed."
    facts = extract(nlp, text)
    assert not {"Bunting", "Mrs Bunting"} & names(facts)


def test_acronym_listed_with_common_nouns_is_no_organisation(nlp):
    text = "The cuts would cost every nurse, GP and teacher in the country, said Anna Price."
    facts = extract(nlp, text)
    assert "GP" not in names(facts)


def test_oil_fields_are_places(nlp):
    text = "Petrobar won the contract to run the Marwan field in the south."
    facts = extract(nlp, text)
    assert entity(facts, "Marwan field").kind == "place"
    text = "Drillco won the right to develop the Halfaya field and the Kesh Dome field."
    facts = extract(nlp, text)
    assert entity(facts, "Kesh Dome field").kind == "place"


def test_role_after_as(nlp):
    text = "After the deal, Mr Grant's name appeared as a producer on the credits, the studio said."
    facts = extract(nlp, text)
    grant = [e for e in facts.who if e.kind == "person"]
    assert grant and any("producer" in r for r in grant[0].roles)


def test_who_won_gives_a_winner(nlp):
    text = "For Maria Costa, who won the award, the last month has been busy."
    facts = extract(nlp, text)
    assert any(r.startswith("winner of") for r in entity(facts, "Maria Costa").roles)


def test_people_name_as_object_names_the_last_other_person(nlp):
    text = (
        "Diego Alvarez was left on the ground after a late challenge. "
        "Tom Fisher, chasing the ball, tried to jump over the Argentine but caught his head."
    )
    facts = extract(nlp, text)
    assert "Argentine" in entity(facts, "Diego Alvarez").roles
    assert "Argentine" not in entity(facts, "Tom Fisher").roles


def test_places_carry_no_roles(nlp):
    text = "Set in her native Dartmoor, the film follows a young mother. Dartmoor is wet."
    facts = extract(nlp, text)
    assert all(not e.roles for e in facts.who if e.kind != "person")


def test_county_tagged_as_a_person_is_a_place(nlp):
    text = "Peter Molyneux, who was born in Surrey, founded a games studio. Surrey is proud of him."
    facts = extract(nlp, text)
    assert all(e.kind == "place" for e in facts.who if e.name == "Surrey")


def test_work_nouns_and_objects_are_no_roles(nlp):
    text = (
        "Controversial biopic Carver, starring Tom Lane as the scientist Ruth Carver, won praise. "
        "The film won Tom Lane his third Bafta nomination."
    )
    facts = extract(nlp, text)
    for e in facts.who:
        assert not any(r.split()[-1] in ("biopic", "nomination") for r in e.roles), e


def test_later_role_held_by_someone_else_is_not_given(nlp):
    text = (
        "Home Secretary Jane Marsh defended the law on Monday. Omar Said was freed from prison in May. "
        "The home secretary said the case was closed."
    )
    facts = extract(nlp, text)
    assert not any("secretary" in r.lower() for r in entity(facts, "Omar Said").roles)


def test_trade_noun_before_a_name_makes_an_organisation(nlp):
    text = "The view came from Anna Berg, an expert at analysts Quorvex, who expects prices to rise."
    facts = extract(nlp, text)
    assert entity(facts, "Quorvex").kind == "organisation"


def test_party_as_subject_is_no_later_role(nlp):
    text = "Michael Dane spoke in Leeds on Friday. The Tories said he would win."
    facts = extract(nlp, text)
    assert not any("Tories" in r for r in entity(facts, "Michael Dane").roles)


def test_role_with_of_before_the_name(nlp):
    text = "He was praised by Harlow director of rugby Sean Kerr as a future captain."
    facts = extract(nlp, text)
    assert any("director of rugby" in r for r in entity(facts, "Sean Kerr").roles)


def test_courtesy_title_does_not_extend_a_role(nlp):
    text = "Speaking to the local radio station Mr Pell said the honour was a surprise. John Pell is 60."
    facts = extract(nlp, text)
    assert not any("station" in r for r in entity(facts, "John Pell").roles)


def test_name_after_firm_is_an_organisation(nlp):
    text = (
        "Norwegian security firm Q-Shield issued a warning on Monday. "
        "The trend explains the rise of firms such as Phonebay which sell cheap handsets."
    )
    facts = extract(nlp, text)
    orgs = names(facts, "organisation")
    assert "Q-Shield" in orgs
    assert "Phonebay" in orgs


def test_role_phrases_cut_short_or_possessive_alone_are_dropped():
    from generator.extract.roles import _junk

    assert _junk("view of") and _junk("back of") and _junk("Labour's")
    assert not _junk("director of rugby") and not _junk("Labour MP")


def test_a_thing_of_a_title_leaves_the_title_as_the_role():
    from generator.extract.roles import _title_of

    assert _title_of("campaign website of President") == "President"
    assert _title_of("director of rugby") == "director of rugby"
    assert _title_of("head of policy") == "head of policy"
    assert _title_of("garden of Mayor") == "Mayor"
    assert _title_of("back of the") == ""


def test_no_role_ends_in_a_preposition(nlp):
    text = (
        "Visitors to the official campaign website of President Laura Brandt were turned away on Monday. "
        "Ms Brandt said the problem had been fixed."
    )
    facts = extract(nlp, text)
    roles = entity(facts, "Laura Brandt").roles
    assert all(r.split()[-1].lower() not in ("of", "for", "to") for r in roles), roles
    assert not any("website" in r for r in roles), roles


def test_opening_adverb_is_no_role(nlp):
    text = 'Meanwhile Omar Khalid, the council\'s housing spokesman, said: "We will build."'
    roles = entity(extract(nlp, text), "Omar Khalid").roles
    assert roles and not any("Meanwhile" in r for r in roles), roles


def test_role_in_brackets_has_no_open_bracket(nlp):
    text = '"Tom Baxter (former Leeds manager) said we should attack," said Ruddock.'
    roles = entity(extract(nlp, text), "Tom Baxter").roles
    assert "former Leeds manager" in roles, roles


def test_a_name_ends_at_a_full_stop_the_sentence_splitter_missed(nlp):
    facts = extract(nlp, "Nominees include Keane and Jay-Z. Soul singer Lucy Marsh will host the show.")
    names = {e.name for e in facts.who}
    assert "Jay-Z" in names and not any(". " in n for n in names), names


def test_names_before_a_plural_facility_noun_are_places(nlp):
    facts = extract(nlp, "Last year 9,000 travellers were checked at Heathrow and Gatwick airports.")
    assert entity(facts, "Gatwick").kind == "place"


def test_first_part_of_a_double_barrelled_surname_is_the_same_person(nlp):
    facts = extract(nlp, "Former host Robert Kilroy-Silk launched a party. Kilroy said it would win seats.")
    people = [e for e in facts.who if e.kind == "person"]
    assert [e.name for e in people] == ["Robert Kilroy-Silk"], [e.name for e in people]


def test_a_language_is_no_place(nlp):
    facts = extract(nlp, "She found the Hindi film industry in Mumbai warm and welcoming.")
    assert "Hindi" not in {e.name for e in facts.who}
    assert entity(facts, "Mumbai").kind == "place"


def test_capitalised_office_before_a_name_is_no_part_of_it(nlp):
    facts = extract(nlp, "Actor and Producer Aamir Khan's new film opens in Mumbai on Friday.")
    assert "Aamir Khan" in {e.name for e in facts.who}


def test_an_event_before_a_name_is_no_role(nlp):
    facts = extract(nlp, "It comes in the run up to the general election Tony Blair will face.")
    assert entity(facts, "Tony Blair").roles == []


@pytest.mark.parametrize(
    "text, places",
    [
        (
            "Curfews were imposed in the cities, Ust-Bayan, Koktal and Zharma, on Thursday.",
            {"Ust-Bayan", "Zharma"},
        ),
        ("Floods hit the village of Ellerby Moor last week.", {"Ellerby Moor"}),
    ],
)
def test_names_after_a_place_noun_are_places(nlp, text, places):
    facts = extract(nlp, text)
    assert all(entity(facts, name).kind == "place" for name in places)


@pytest.mark.parametrize(
    "text, name",
    [
        ("We will rebuild the town, Tom Jones said.", "Tom Jones"),  # the speaker, after a clause
        ("The mayor of the city, Tom Price, resigned.", "Tom Price"),  # the mayor, not the city
        ("The mayors of the two cities, Tom Price and Ann Lee, met on Friday.", "Ann Lee"),
    ],
)
def test_people_after_a_place_noun_stay_people(nlp, text, name):
    facts = extract(nlp, text)
    assert entity(facts, name).kind == "person"
    assert not any("cities" in r for r in entity(facts, name).roles)
