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
  - merge: [ent-a]
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
