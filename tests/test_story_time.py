"""One story over time, on small invented stories: as-of days, scopes, restatements, synonyms, and why a
conflicting group's values differ (revision, scope, rounding, dispute)."""

from __future__ import annotations

from generator.models import ArticleFacts, Cite, Figure, Source
from generator.site.charts import Mark, history_chart
from generator.story.asof import parse_day, reference_day, resolve
from generator.story.differences import history
from generator.story.figures import reconcile_figures

_n = iter(range(10_000))


def fig(value, text: str, sentence: str, subject="officer", event="kill", counts=None, **kw) -> Figure:
    """A figure cited by its invented sentence (placed at a distinct offset so cites differ)."""
    start = next(_n) * 200
    return Figure(
        id=f"fig-{start}",
        value=value,
        value_text=text,
        qualifier=kw.pop("qualifier", "exact"),
        unit=kw.pop("unit", "people"),
        counts=counts or f"{subject}s {event}ed",
        subject=subject,
        event=event,
        cites=[Cite(quote=sentence, start=start, end=start + len(sentence))],
        **kw,
    )


def source(name: str, *figures: Figure, published: str | None = "2031-03-06") -> ArticleFacts:
    """The fact file of one invented article."""
    return ArticleFacts(source=Source(file=name, sha256="0" * 64, published=published), figures=list(figures))


def conflicting(groups):
    """The conflicting groups that compare no scopes, by label."""
    return {g.counts: g for g in groups if g.status == "conflicting" and not g.compares}


def test_a_later_toll_of_the_same_scope_is_a_revision_with_a_history():
    early = fig(6, "six", "The ministry said six guards were killed.", subject="guard")
    late = fig(
        11, "11", "As of Thursday evening, 11 guards had been killed, officials said.", subject="guard"
    )
    (group,) = reconcile_figures([source("a.txt", early), source("b.txt", late)])
    assert group.status == "conflicting" and group.difference == "revision"
    steps = history(group.reports)
    assert [[r.value for r in rs] for _, rs in steps] == [[6], [11]]
    later = steps[-1][1][0]
    assert (later.as_of_date, later.as_of_part, later.as_of_inferred) == ("2031-03-06", "evening", False)


def test_a_report_without_a_time_takes_the_time_of_a_dated_report_of_its_value():
    dated = fig(11, "11", "By Thursday evening 11 soldiers had died.", subject="soldier", event="die")
    undated = fig(11, "11", "Eleven soldiers were killed, the army said.", subject="soldier")
    early = fig(4, "four", "Four soldiers were killed on Tuesday.", subject="soldier")
    (group,) = reconcile_figures([source("a.txt", dated), source("b.txt", undated), source("c.txt", early)])
    assert group.difference == "revision"
    assert [len(rs) for _, rs in history(group.reports)] == [1, 2]


def test_security_forces_and_everyone_are_two_quantities_set_side_by_side_by_scope():
    police = fig(300, "more than 300", "Over 300 police were hurt.", subject="policeman", event="hurt")
    everyone = fig(1000, "1,000", "About 1,000 people were injured.", subject="people", event="injure")
    groups = reconcile_figures([source("a.txt", police), source("b.txt", everyone)])
    quantities = {g.scope: g for g in groups if not g.compares}
    assert set(quantities) == {"security forces", "everyone"}
    assert all(g.status == "single" for g in quantities.values())
    (compare,) = [g for g in groups if g.compares]
    assert compare.status == "conflicting" and compare.difference == "scope"
    assert set(compare.compares) == {g.id for g in quantities.values()}


def test_scopes_compare_when_one_count_names_no_unit():
    """'300 police and guards' (unit count) beside '1,000 people' (unit people): one kind of thing."""
    police = fig(
        300, "300", "Some 300 police and guards were hurt.", subject="policeman", event="hurt", unit="count"
    )
    everyone = fig(1000, "1,000", "About 1,000 people were injured.", subject="people", event="injure")
    groups = reconcile_figures([source("a.txt", police), source("b.txt", everyone)])
    assert [g.difference for g in groups if g.compares] == ["scope"]


def test_values_within_a_few_percent_are_rounding():
    kw = {"subject": None, "event": None, "counts": "population of Freedonia", "kind": "count"}
    a = fig(18_000_000, "18 million", "a nation of 18 million", **kw)
    b = fig(19_000_000, "19 million", "its 19 million people", **kw)
    (group,) = reconcile_figures([source("a.txt", a), source("b.txt", b)])
    assert group.status == "conflicting" and group.difference == "rounding"


def test_same_scope_same_time_different_values_is_a_dispute():
    a = fig(40, "40", "Rebels said 40 troops died on Monday.", subject="troop", event="die")
    b = fig(60, "60", "The army said 60 troops were killed on Monday.", subject="troop")
    (group,) = reconcile_figures([source("a.txt", a), source("b.txt", b)])
    assert group.difference == "dispute" and history(group.reports) == []


def test_headline_caption_and_body_of_one_outlet_are_one_report_with_several_cites():
    head = fig(
        None, "Scores", "Scores killed in port blast", subject="people", qualifier="vague", kind="vague"
    )
    body = fig(
        None, "scores", "Scores of people were killed, police said.", subject="people", qualifier="vague",
        kind="vague", attributed_to="police",
    )  # fmt: skip
    other = fig(None, "scores", "Scores died in the blast.", subject="people", event="die", qualifier="vague",
                kind="vague")  # fmt: skip
    (group,) = reconcile_figures([source("a.txt", head, body), source("b.txt", other)])
    assert group.status == "agreed"
    mine = [r for r in group.reports if r.source == "a.txt"]
    assert len(mine) == 1 and len(mine[0].cites) == 2
    assert mine[0].attributed_to == "police"  # the attributed statement leads
    assert mine[0].cites[0].quote.startswith("Scores of people")


def test_killed_eliminated_and_died_join_when_subject_and_scope_agree():
    a = fig(None, "dozens", "Dozens of gunmen were eliminated.", subject="gunman", event="eliminate",
            qualifier="vague", kind="vague")  # fmt: skip
    b = fig(None, "dozens", "Dozens of people died.", subject="people", event="die", qualifier="vague",
            kind="vague")  # fmt: skip
    c = fig(
        None, "dozens", "Dozens of officers were killed.", subject="officer", qualifier="vague", kind="vague"
    )
    groups = reconcile_figures([source("a.txt", a), source("b.txt", b), source("c.txt", c)])
    joined = [g for g in groups if len(g.reports) == 2]
    assert len(joined) == 1 and joined[0].scope == "everyone" and joined[0].status == "agreed"
    assert any(g.scope == "security forces" and len(g.reports) == 1 for g in groups)


def test_as_of_words_resolve_against_the_article_date():
    ref = ("2031-03-06", False)  # a Thursday
    assert resolve("midday Thursday", "", *ref).key() == ("2031-03-06", 3)
    wed = resolve(None, "Police said on Wednesday that 5 were held.", *ref)
    assert (wed.day, wed.inferred) == ("2031-03-05", False)
    assert resolve(None, "Overnight, 5 were held.", *ref).part == "overnight"
    none = resolve(None, "Five were held.", *ref)
    assert (none.day, none.inferred) == ("2031-03-06", True)


def test_an_undated_article_dates_itself_from_a_date_it_states_else_from_its_story():
    stated = reference_day(None, "Filed March 3, 2031. Talks resumed.", "2031-03-09")
    assert stated == ("2031-03-03", True, True)  # written on or after the date it states
    assert reference_day(None, "Talks resumed.", "2031-03-09") == ("2031-03-09", True, False)
    assert reference_day("2031-03-01", "March 3, 2031", None) == ("2031-03-01", False, False)
    inferred = resolve(None, "On Monday, 3 were hurt.", "2031-03-09", True)  # counted from an inferred day
    assert (inferred.day, inferred.inferred) == ("2031-03-03", True)


def test_a_weekday_after_the_date_an_undated_article_states_is_the_nearest_one():
    """'Filed Wednesday March 5' then 'early Thursday': the Thursday after, not the one six days before."""
    ref = reference_day(None, "March 5, 2031. Talks resumed early Thursday.", None)  # 5 March 2031: a Wed
    assert resolve("early Thursday", "", *ref).day == "2031-03-06"
    assert resolve("on Monday", "", *ref).day == "2031-03-03"  # two days back is nearer than five ahead
    assert resolve("on Thursday", "", "2031-03-05", False).day == "2031-02-27"  # a published date: the past


def test_a_date_without_its_year_in_an_article_of_no_known_day_names_no_day():
    """'on 2 December' in an undated article of an undated story: which year is unknown, so no day (not
    the year the build runs in); a stated year, or any reference day, still gives one."""
    alone = resolve(None, "The console goes on sale in Japan on 2 December.", None, True)
    assert (alone.day, alone.words) == (None, "2 December") and alone.inferred
    assert resolve(None, "It went on sale on 2 December 2004.", None, True).day == "2004-12-02"
    assert resolve(None, "It went on sale on 2 December.", "2004-12-10", True).day == "2004-12-02"
    assert parse_day("December 2", None) is None and parse_day("December 2, 2004", None) == "2004-12-02"
    assert parse_day("2 December", None, prefer="future") is None


def test_history_chart_draws_one_linked_mark_per_report_and_bounds_as_such():
    marks = [
        Mark(0, 6, "exact", "6 (ministry, Wed)", "sources/a/#s10"),
        Mark(1, 11, "more_than", "more than 11 (officials, as of midday Thu)", "sources/b/#s20"),
    ]
    svg = history_chart("guards killed", ["Wed", "as of midday Thu"], marks)
    assert svg.count("<a href=") == 2 and 'href="sources/b/#s20"' in svg
    assert "fs-mark-approx" in svg and "fs-bound" in svg
    assert history_chart("guards killed", ["Wed"], marks[:1]) is None


def test_a_duration_and_the_end_date_it_reaches_are_one_span():
    weeks = fig(3, "three-week", "The council imposed a three-week curfew on the island.", subject=None,
                event=None, counts="duration of curfew", unit="weeks", kind="duration")  # fmt: skip
    end = fig(None, "March 27", "Officials said the curfew would stay in force until March 27.", subject=None,
              event=None, counts="date stay", unit="date", kind="date")  # fmt: skip
    (group,) = reconcile_figures([source("a.txt", weeks), source("b.txt", end)])
    assert group.status == "agreed" and {r.source for r in group.reports} == {"a.txt", "b.txt"}


def test_an_end_date_far_from_the_duration_stays_apart():
    weeks = fig(3, "three-week", "The council imposed a three-week curfew.", subject=None, event=None,
                counts="duration of curfew", unit="weeks", kind="duration")  # fmt: skip
    end = fig(None, "May 30", "The curfew would stay in force until May 30.", subject=None, event=None,
              counts="date stay", unit="date", kind="date")  # fmt: skip
    groups = reconcile_figures([source("a.txt", weeks), source("b.txt", end)])
    assert sorted(len(g.reports) for g in groups) == [1, 1]


def test_one_rank_in_two_wordings_is_one_quantity():
    kw = {"subject": None, "event": None, "unit": "rank", "kind": "rank"}
    label = "Freedonia rank among world largest countries"
    a = fig(7, "seventh", "Freedonia, the world's seventh largest country, ...", counts=label, **kw)
    b = fig(
        7, "seventh", "Freedonia is the seventh largest country.", counts="rank among largest countries", **kw
    )
    (group,) = reconcile_figures([source("a.txt", a), source("b.txt", b)])
    assert group.status == "agreed"


def test_states_and_countries_counted_alike_join():
    a = fig(4, "four", "The pact includes four other ex-colonial states.", subject="state", event="include")
    b = fig(
        4, "four", "It includes four other former colonies' countries.", subject="country", event="include"
    )
    (group,) = reconcile_figures([source("a.txt", a), source("b.txt", b)])
    assert group.status == "agreed" and group.scope is None


def _injured(value, text, sentence, subject, speaker, **kw):
    """An invented count of the injured."""
    return fig(value, text, sentence, subject=subject, event="injure", attributed_to=speaker,
               qualifier=kw.pop("qualifier", "more_than"), **kw)  # fmt: skip


def test_a_count_of_people_that_another_source_relays_with_a_scope_joins_that_scope():
    """'more than 40 people' and 'more than 40 guards', both per the interior ministry, are one report."""
    said = "The Ruritanian Interior Ministry said more than 40 guards were hurt."
    guards = _injured(40, "more than 40", said, "guard", "Ruritanian Interior Ministry")
    stated = "The Ministry of Interior of Ruritania said more than 40 people were injured."
    people = _injured(40, "more than 40", stated, "people", "Ministry of Interior of Ruritania")
    overall = _injured(
        200, "more than 200", "More than 200 people were injured, medics said.", "people", "medics"
    )
    groups = reconcile_figures([source("a.txt", guards), source("b.txt", people, overall)])
    quantities = {g.scope: g for g in groups if not g.compares}
    assert {r.source for r in quantities["security forces"].reports} == {"a.txt", "b.txt"}
    (relayed,) = [r for r in quantities["security forces"].reports if r.source == "b.txt"]
    assert relayed.scope_from == "a.txt"
    assert [r.value for r in quantities["everyone"].reports] == [200]


def test_a_count_of_people_stays_everyone_without_the_same_speaker():
    guards = _injured(
        40, "more than 40", "The ministry said more than 40 guards were hurt.", "guard", "ministry"
    )
    unsaid = _injured(40, "more than 40", "More than 40 people were injured.", "people", None)
    other = _injured(40, "more than 40", "More than 40 people were hurt, medics said.", "people", "medics")
    groups = reconcile_figures([source("a.txt", guards), source("b.txt", unsaid), source("c.txt", other)])
    everyone = next(g for g in groups if g.scope == "everyone" and not g.compares)
    assert {r.source for r in everyone.reports} == {"b.txt", "c.txt"}
    assert all(r.scope_from is None for g in groups for r in g.reports)


def test_a_count_of_people_is_not_narrowed_by_another_value_or_two_scopes():
    guards = _injured(
        40, "more than 40", "Officials said more than 40 guards were hurt.", "guard", "officials"
    )
    kids = _injured(
        40, "more than 40", "Officials said more than 40 children were hurt.", "child", "officials"
    )
    people = _injured(
        40, "more than 40", "Officials said more than 40 people were hurt.", "people", "officials"
    )
    about = _injured(40, "about 40", "About 40 people were hurt, officials said.", "people", "officials",
                     qualifier="about")  # fmt: skip
    groups = reconcile_figures(
        [source("a.txt", guards, kids), source("b.txt", people), source("c.txt", about)]
    )
    everyone = next(g for g in groups if g.scope == "everyone" and not g.compares)
    assert {r.source for r in everyone.reports} == {"b.txt", "c.txt"}  # two scopes for b, a qualifier for c


def test_once_scopes_are_apart_a_rising_overall_count_reads_as_a_revision():
    early = _injured(
        30, "Some 30", "Some 30 were injured in Monday's clashes.", "people", None, qualifier="about"
    )
    police = _injured(12, "more than 12", "The ministry said more than 12 police were hurt.", "policeman",
                      "the ministry")  # fmt: skip
    relayed = _injured(12, "more than 12", "The ministry said more than 12 people were injured.", "people",
                       "ministry")  # fmt: skip
    late = _injured(500, "more than 500", "More than 500 people were injured, officials said.", "people",
                    "officials")  # fmt: skip
    groups = reconcile_figures([
        source("a.txt", early, published="2031-03-03"),
        source("b.txt", police, published="2031-03-04"),
        source("c.txt", relayed, late, published="2031-03-04"),
    ])  # fmt: skip
    everyone = next(g for g in groups if g.scope == "everyone" and not g.compares)
    assert sorted(r.value for r in everyone.reports) == [30, 500]
    assert everyone.difference == "revision"
    assert [[r.value for r in rs] for _, rs in history(everyone.reports)] == [[30], [500]]


def test_the_pages_say_which_source_named_the_scope_of_a_relayed_count(tmp_path):
    from generator.site.render import render_pages

    said = "The ministry said more than 40 guards were hurt."
    stated = "The ministry said more than 40 people were injured."
    guards = _injured(40, "more than 40", said, "guard", "ministry")
    people = _injured(40, "more than 40", stated, "people", "the ministry")
    other = _injured(
        55, "more than 55", "Officials said more than 55 guards were hurt.", "guard", "officials"
    )
    facts = [source("a.txt", guards), source("b.txt", people), source("c.txt", other)]
    texts = {}
    for af in facts:
        text = [" "] * max(c.end for f in af.figures for c in f.cites)
        for f in af.figures:
            for c in f.cites:
                text[c.start : c.end] = c.quote
        texts[af.source.file] = "".join(text)
    pages = {p.name: p.read_text(encoding="utf-8") for p in render_pages(facts, texts, tmp_path)}
    for name in ("figures.md", "disputed.md"):
        assert "counted with Source 1’s report of the same statement" in pages[name]


def test_a_group_takes_the_label_most_reports_share_not_one_sources_typo():
    typo = fig(
        9, "nine", "Nine security offices were killed, a report said.", counts="security offices killed"
    )
    a = fig(9, "nine", "Nine security officers were killed.", counts="security officers killed")
    b = fig(9, "9", "The ministry said 9 security officers were killed.", counts="security officers killed")
    (group,) = reconcile_figures([source("a.txt", typo), source("b.txt", a), source("c.txt", b)])
    assert group.counts == "security officers killed"
