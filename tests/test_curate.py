"""Curation: corrections by stable id, applied on every build, stale ones reported, bad files listed."""

from __future__ import annotations

import pytest

from generator.models import ArticleFacts, Cite, Entity, Figure, Quote, Source, StoryEntity
from generator.story import corrections as curate

CITE = Cite(quote="Eight officers were killed, the ministry said.", start=0, end=46)


def story() -> list[ArticleFacts]:
    """One article with a figure, a quote and a person."""
    return [
        ArticleFacts(
            source=Source(file="a.txt", sha256="0" * 64),
            who=[Entity(id="ent-jane", name="Jane Roe", kind="person", roles=["spokeswoman"], cites=[CITE])],
            figures=[
                Figure(
                    id="fig-eight",
                    value=8,
                    value_text="Eight",
                    qualifier="exact",
                    unit="officers",
                    counts="officers killed",
                    attributed_to="the ministry",
                    cites=[CITE],
                )
            ],
            quotes=[Quote(id="quo-x", speaker=None, text="killed", cites=[CITE])],
        )
    ]


def write(tmp_path, text: str):
    """A curation file with the given YAML."""
    path = tmp_path / "curation.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_missing_file_means_no_corrections(tmp_path):
    assert curate.load(tmp_path / "curation.yaml") == []


def test_set_reject_and_note_apply_by_id(tmp_path):
    corrections = curate.load(
        write(
            tmp_path,
            """
corrections:
  - id: fig-eight
    set: {qualifier: at_least, attributed_to: Interior Ministry}
    note: Checked against the ministry's statement.
    by: Desk
  - id: quo-x
    reject: true
""",
        )
    )
    facts, out = story(), curate.Outcome()
    curate.apply_to_articles(facts, corrections, out)
    fig = facts[0].figures[0]
    assert (fig.qualifier, fig.attributed_to) == ("at_least", "Interior Ministry")
    assert fig.corrected == "Checked against the ministry's statement. (Desk)"
    assert facts[0].quotes == []
    assert curate.stale(corrections, out) == []


def test_a_correction_whose_fact_is_gone_is_reported(tmp_path):
    corrections = curate.load(write(tmp_path, "corrections:\n  - id: fig-gone\n    reject: true\n"))
    out = curate.Outcome()
    curate.apply_to_articles(story(), corrections, out)
    (message,) = curate.stale(corrections, out)
    assert "fig-gone" in message and "found nothing to correct" in message


def test_merge_and_split_story_entities():
    entities = [
        StoryEntity(id="ent-a", name="K. Tokayev", kind="person", sources=["a.txt"], facts=["ent-a"]),
        StoryEntity(
            id="ent-b", name="Kassym-Jomart Tokayev", kind="person", sources=["b.txt"], facts=["ent-b"]
        ),
    ]
    merge = curate.Correction(merge=["ent-a", "ent-b"], name="Kassym-Jomart Tokayev")
    out = curate.Outcome()
    (merged,) = curate.apply_to_entities(entities, [merge], out)
    assert merged.name == "Kassym-Jomart Tokayev" and merged.sources == ["a.txt", "b.txt"]
    assert "K. Tokayev" in merged.aliases
    parts = curate.apply_to_entities([merged], [curate.Correction(split=merged.id)], curate.Outcome())
    assert len(parts) == 2


def test_every_problem_is_listed_with_line_and_key(tmp_path):
    path = write(
        tmp_path,
        """corrections:
  - id: fig-eight
    set: {qualifier: roughly}
  - id: quo-x
    sett: {speaker: Jane}
  - merge: [ent-a, ent-c]
    id: ent-b
""",
    )
    with pytest.raises(curate.CurationError) as err:
        curate.load(path)
    problems = err.value.problems
    assert len(problems) == 3
    assert problems[0].startswith(f"{path}:3: corrections[0].set.qualifier:")
    assert any(p.startswith(f"{path}:5: corrections[1].sett:") for p in problems)
    assert any(":6: corrections[2]" in p and "exactly one of" in p for p in problems)


def test_a_field_that_does_not_belong_to_the_fact_is_refused(tmp_path):
    with pytest.raises(curate.CurationError) as err:
        curate.load(write(tmp_path, "corrections:\n  - id: quo-x\n    set: {value: 3}\n"))
    assert "value cannot be set on a 'quo' fact" in err.value.problems[0]


def test_malformed_yaml_names_the_line(tmp_path):
    with pytest.raises(curate.CurationError) as err:
        curate.load(write(tmp_path, "corrections:\n  - id: [unclosed\n"))
    assert err.value.problems[0].startswith(f"{tmp_path / 'curation.yaml'}:")
    assert "not valid YAML" in err.value.problems[0]


def test_an_alias_bomb_is_refused_before_it_is_expanded(tmp_path):
    from tests.test_ingest import ALIAS_BOMB

    path = tmp_path / "curation.yaml"
    path.write_text(ALIAS_BOMB + "corrections: *g\n", encoding="utf-8")
    with pytest.raises(curate.CurationError) as caught:
        curate.load(path)
    assert f"{path}:2: a list or mapping repeated through an alias" in str(caught.value)
    assert len(str(caught.value)) < 3000


# ---------------------------------------------------------------- curation that would pass and then break


def problems_of(tmp_path, text: str) -> list[str]:
    """The problems load() lists for a curation file (it must refuse it)."""
    path = write(tmp_path, text)
    with pytest.raises(curate.CurationError) as err:
        curate.load(path)
    assert str(err.value).startswith(f"{len(err.value.problems)} problem(s) in the curation file")
    return err.value.problems


def test_a_merge_of_one_entity_with_itself_is_refused(tmp_path):
    (problem,) = problems_of(tmp_path, "corrections:\n  - merge: [ent-a, ent-a]\n")
    assert problem.startswith(f"{tmp_path / 'curation.yaml'}:2: corrections[0].merge:")
    assert "ent-a twice" in problem and "two or more different entities" in problem
    (problem,) = problems_of(tmp_path, "corrections:\n  - merge: [ent-a]\n")
    assert "two or more different entities" in problem


def test_a_merge_joins_story_entities_only(tmp_path):
    (problem,) = problems_of(tmp_path, "corrections:\n  - merge: [fig-a, ent-b]\n")
    assert "fig-a" in problem and "ent-" in problem


def test_a_day_must_be_written_as_a_date(tmp_path):
    (problem,) = problems_of(tmp_path, "corrections:\n  - id: evt-a\n    set: {when: 6 January 2022}\n")
    assert problem.startswith(f"{tmp_path / 'curation.yaml'}:3: corrections[0].set.when:")
    assert "YYYY-MM-DD" in problem
    (problem,) = problems_of(tmp_path, "corrections:\n  - id: evt-a\n    set: {when: '2022-02-30'}\n")
    assert "YYYY-MM-DD" in problem
    # a day written plainly (YAML reads it as a date) or quoted is the same day
    for when in ("2022-01-06", "'2022-01-06'"):
        (c,) = curate.load(write(tmp_path, f"corrections:\n  - id: evt-a\n    set: {{when: {when}}}\n"))
        assert c.set.when == "2022-01-06"


def test_a_value_must_be_a_finite_number(tmp_path):
    for value in (".nan", ".inf", "-.inf"):
        (problem,) = problems_of(tmp_path, f"corrections:\n  - id: fig-eight\n    set: {{value: {value}}}\n")
        assert problem.startswith(f"{tmp_path / 'curation.yaml'}:3: corrections[0].set.value:"), problem
        assert "finite" in problem


def test_a_field_every_fact_has_cannot_be_emptied(tmp_path):
    (problem,) = problems_of(tmp_path, "corrections:\n  - id: fig-eight\n    set: {unit: null}\n")
    assert "corrections[0].set.unit:" in problem and "null" in problem
    # a field a fact may lack can be cleared
    (c,) = curate.load(write(tmp_path, "corrections:\n  - id: fig-eight\n    set: {attributed_to: null}\n"))
    assert c.set.model_fields_set == {"attributed_to"}


def test_a_rejected_fact_corrected_again_is_refused_naming_both_lines(tmp_path):
    (problem,) = problems_of(
        tmp_path,
        """corrections:
  - id: fig-eight
    reject: true
  - id: quo-x
    note: fine
  - id: fig-eight
    set: {value: 9}
""",
    )
    assert problem.startswith(f"{tmp_path / 'curation.yaml'}:6: corrections[2].id:")
    assert "fig-eight" in problem and "line 2" in problem and "rejected" in problem


def test_two_corrections_of_one_fact_are_refused(tmp_path):
    (problem,) = problems_of(
        tmp_path,
        "corrections:\n  - id: fig-eight\n    set: {value: 9}\n  - id: fig-eight\n    note: Checked.\n",
    )
    assert ":4: corrections[1].id:" in problem and "one correction" in problem


def test_merge_then_split_of_one_entity_is_refused(tmp_path):
    (problem,) = problems_of(
        tmp_path, "corrections:\n  - merge: [ent-a, ent-b]\n    name: A\n  - split: ent-b\n"
    )
    assert ":4: corrections[1].split:" in problem and "ent-b" in problem and "line 2" in problem
    (problem,) = problems_of(tmp_path, "corrections:\n  - merge: [ent-a, ent-b]\n  - merge: [ent-c, ent-b]\n")
    assert ":3: corrections[1].merge:" in problem and "one merge" in problem


def test_a_merged_entity_may_still_be_corrected(tmp_path):
    corrections = curate.load(
        write(tmp_path, "corrections:\n  - merge: [ent-a, ent-b]\n  - id: ent-a\n    set: {kind: place}\n")
    )
    assert len(corrections) == 2


def test_problems_of_single_corrections_and_between_them_are_listed_at_once(tmp_path):
    problems = problems_of(
        tmp_path,
        """corrections:
  - id: fig-eight
    set: {value: .nan}
  - id: quo-x
    reject: true
  - id: quo-x
    note: again
  - merge: [ent-a, ent-a]
""",
    )
    assert [p.split(":")[1] for p in problems] == ["3", "6", "8"]


def test_a_value_is_a_number_not_a_truth_value(tmp_path):
    (problem,) = problems_of(tmp_path, "corrections:\n  - id: fig-eight\n    set: {value: true}\n")
    assert "corrections[0].set.value:" in problem and "number" in problem


def test_an_as_of_day_written_plainly_is_text(tmp_path):
    (c,) = curate.load(write(tmp_path, "corrections:\n  - id: fig-eight\n    set: {as_of: 2022-01-06}\n"))
    assert c.set.as_of == "2022-01-06"
