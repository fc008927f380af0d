"""Tests of generator.ingest: reading seeds/ into Articles and inferring their metadata."""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

import pytest

from generator.errors import IngestError
from generator.ingest.metadata import Inferred, infer_metadata
from generator.ingest.seeds import read_article, read_seeds

REPO = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
BODY = "Police said dozens of people were killed when protesters stormed government buildings overnight.\n"


def seed(seeds: Path, rel: str, content: str | bytes) -> Path:
    """Return the path of a seed file written under seeds (text as UTF-8, bytes as is)."""
    path = seeds / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


def dev_seed(prefix: str) -> Path:
    """Return the repository's seed article whose name starts with prefix."""
    return next((REPO / "seeds").glob(f"{prefix}_*.txt"))


def head(item) -> tuple:
    """Return (title, publisher, published) of an Article or of what infer_metadata found."""
    return item.title, item.publisher, item.published


def spans(text: str, meta) -> list[str]:
    """Return the text of each skip span in meta."""
    return [text[start:end] for start, end in meta.skip_spans]


# --- folders ---------------------------------------------------------------------------------------


def test_flat_folder_is_one_story_sorted_by_file(tmp_path):
    seed(tmp_path / "seeds", "b.txt", "Second headline\n\n" + BODY)
    seed(tmp_path / "seeds", "a.md", "First headline\n\n" + BODY)
    articles, warnings = read_seeds(tmp_path / "seeds")
    assert [a.file for a in articles] == ["a.md", "b.txt"]
    assert {a.story for a in articles} == {""}
    assert warnings == []


def test_sub_folders_are_stories_with_forward_slash_paths(tmp_path):
    seeds = tmp_path / "seeds"
    seed(seeds, "kazakhstan/one.txt", "One\n\n" + BODY)
    seed(seeds, "eastland/two.htm", (FIXTURES / "troops.html").read_bytes())
    seed(seeds, "loose.txt", "Loose\n\n" + BODY)
    articles, _ = read_seeds(seeds)
    assert [(a.file, a.story) for a in articles] == [
        ("eastland/two.htm", "eastland"),
        ("kazakhstan/one.txt", "kazakhstan"),
        ("loose.txt", ""),
    ]


def test_missing_folder_raises(tmp_path):
    with pytest.raises(IngestError, match="no such folder"):
        read_seeds(tmp_path / "nowhere")


def test_folder_without_articles_raises(tmp_path):
    seed(tmp_path / "seeds", "photo.jpg", b"\xff\xd8\xff\xe0")
    with pytest.raises(IngestError, match=r"no articles in seeds/: put \.txt, \.md or \.html"):
        read_seeds(tmp_path / "seeds")


def test_hidden_image_and_other_files_are_skipped_with_a_warning(tmp_path):
    seeds = tmp_path / "seeds"
    seed(seeds, "a.txt", "Headline\n\n" + BODY)
    seed(seeds, ".DS_Store", b"\x00\x00\x00\x01Bud1")
    seed(seeds, "photo.png", b"\x89PNG\r\n\x1a\n")
    seed(seeds, "notes.docx", b"PK\x03\x04")
    articles, warnings = read_seeds(seeds)
    assert [a.file for a in articles] == ["a.txt"]
    assert any(w.startswith("seeds/.DS_Store: skipped (hidden") for w in warnings)
    assert any(w.startswith("seeds/photo.png: skipped") for w in warnings)
    assert any(w.startswith("seeds/notes.docx: skipped") for w in warnings)


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symlinks")
def test_symlink_out_of_seeds_is_refused_but_one_inside_is_read(tmp_path):
    seeds = tmp_path / "seeds"
    seed(seeds, "a.txt", "Headline\n\n" + BODY)
    secret = seed(tmp_path, "secret.txt", "Not an article\n\n" + BODY)
    (seeds / "leak.txt").symlink_to(secret)
    (seeds / "alias.txt").symlink_to(seeds / "a.txt")
    articles, warnings = read_seeds(seeds)
    assert [a.file for a in articles] == ["a.txt"]  # the link inside is the same text: one source
    assert articles[0].also_as == ["alias.txt"]
    assert any(w.startswith("seeds/leak.txt: skipped (symlink") and "outside seeds/" in w for w in warnings)


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symlinks")
def test_broken_symlink_is_skipped_with_a_warning(tmp_path):
    seed(tmp_path / "seeds", "a.txt", "Headline\n\n" + BODY)
    (tmp_path / "seeds" / "gone.txt").symlink_to(tmp_path / "seeds" / "deleted.txt")
    articles, warnings = read_seeds(tmp_path / "seeds")
    assert [a.file for a in articles] == ["a.txt"]
    assert warnings == ["seeds/gone.txt: skipped (broken symlink)"]


# --- decoding --------------------------------------------------------------------------------------


def test_text_is_the_utf8_file_unchanged_and_sha256_is_of_the_bytes(tmp_path):
    raw = "  Headline  \n\nKazakhstan’s “largest” city\t\n\n\n".encode()
    article = read_article(seed(tmp_path / "seeds", "a.txt", raw), "a.txt")
    assert article.text == raw.decode("utf-8")
    assert article.sha256 == hashlib.sha256(raw).hexdigest()


def test_crlf_and_cr_become_lf_and_nothing_else_changes(tmp_path):
    raw = b"Headline \r\n\r\nFirst line.\rSecond  line.\r\n"
    article = read_article(seed(tmp_path / "seeds", "a.txt", raw), "a.txt")
    assert article.text == "Headline \n\nFirst line.\nSecond  line.\n"
    assert article.sha256 == hashlib.sha256(raw).hexdigest()


def test_repo_seeds_text_follows_the_scorer_contract():
    articles, warnings = read_seeds(REPO / "seeds")
    assert warnings == [] and len(articles) >= 5
    for article in articles:
        raw = (REPO / "seeds" / article.file).read_bytes()
        assert article.text == raw.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")


def test_errors_in_a_story_name_the_story_path(tmp_path):
    seed(tmp_path / "seeds", "kaz/x.txt", b"\n")
    with pytest.raises(IngestError, match=r"1 file skipped: seeds/kaz/x.txt: skipped \(empty file\)"):
        read_seeds(tmp_path / "seeds")


def test_invalid_utf8_falls_back_to_cp1252_with_a_warning(tmp_path):
    seeds = tmp_path / "seeds"
    seed(seeds, "x.txt", b"Price \xa3600")
    (article,), warnings = read_seeds(seeds)
    assert article.text == "Price £600"
    assert warnings == [
        "seeds/x.txt: not valid UTF-8 (byte 0xA3 at offset 6); read as cp1252"
        " — re-save it as UTF-8 to silence this"
    ]
    assert article.warnings == warnings


def test_utf8_bom_is_stripped(tmp_path):
    path = seed(tmp_path / "seeds", "a.txt", b"\xef\xbb\xbfHeadline\r\n\r\n" + BODY.encode())
    article = read_article(path, "a.txt")
    assert article.text == "Headline\n\n" + BODY
    assert article.title == "Headline"


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_with_bom_is_decoded(tmp_path, encoding):
    bom = b"\xff\xfe" if encoding.endswith("le") else b"\xfe\xff"
    path = seed(tmp_path / "seeds", "a.txt", bom + f"Almaty ‘calm’\r\n\r\n{BODY}".encode(encoding))
    article = read_article(path, "a.txt")
    assert article.text == f"Almaty ‘calm’\n\n{BODY}"
    assert any("UTF-16" in w for w in article.warnings)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "seeds/x.txt: skipped (empty file); remove it or add the article text"),
        (b"  \r\n\t\n", "seeds/x.txt: skipped (empty file); remove it or add the article text"),
        (b"GIF89a\x00\x01\x00", "seeds/x.txt: skipped (looks binary, not text); remove it or save"),
    ],
)
def test_empty_blank_and_binary_files_are_skipped_naming_the_file(tmp_path, content, message):
    """Skipped with a warning and the rest read (a strict build stops on it: test_hostile_inputs.py)."""
    seed(tmp_path / "seeds", "ok.txt", "Headline\n\n" + BODY)
    seed(tmp_path / "seeds", "x.txt", content)
    articles, warnings = read_seeds(tmp_path / "seeds")
    assert [a.file for a in articles] == ["ok.txt"]
    assert len(warnings) == 1 and warnings[0].startswith(message)
    with pytest.raises(IngestError, match=re.escape(message)):
        read_seeds(tmp_path / "seeds", strict=True)


# --- Markdown and HTML -----------------------------------------------------------------------------


def test_markdown_front_matter_wins_and_text_is_what_follows_it(tmp_path):
    body = "Inferred headline\n\nPublished: 5 January 2022\n\n" + BODY
    front = "---\ntitle: Troops sent\npublisher: Example Wire\npublished: 2022-01-06\nurl: https://x.test/a\n---\n"
    article = read_article(seed(tmp_path / "seeds", "a.md", front.replace("\n", "\r\n") + body), "a.md")
    assert article.text == body
    assert head(article) == ("Troops sent", "Example Wire", "2022-01-06")
    assert article.url == "https://x.test/a"
    assert spans(article.text, article) == ["Published: 5 January 2022"]


def test_explicit_null_in_front_matter_beats_inference(tmp_path):
    path = seed(tmp_path / "seeds", "a.md", "---\ntitle: null\n---\nLooks like a headline\n\n" + BODY)
    assert read_article(path, "a.md").title is None


def test_markdown_without_front_matter_is_read_like_text(tmp_path):
    article = read_article(seed(tmp_path / "seeds", "a.markdown", "Headline\n\n" + BODY), "a.markdown")
    assert article.text == "Headline\n\n" + BODY
    assert article.title == "Headline"


@pytest.mark.parametrize(
    ("front", "message"),
    [
        ("---\ntitle: [unclosed\n---\n", "seeds/a.md: line 3: malformed YAML"),
        ("---\ntitle: ok\npublished: someday\n---\n", "seeds/a.md: bad front matter"),
        ("---\ntitle: 12\n---\n", "line 2: front matter: title: expected text, got int"),
        ("---\ntitle: never closed\n", "seeds/a.md: line 1: front matter is never closed"),
    ],
)
def test_malformed_front_matter_raises_naming_file_and_line(tmp_path, front, message):
    with pytest.raises(IngestError, match=message):
        read_article(seed(tmp_path / "seeds", "a.md", front + BODY), "a.md")


def test_html_text_and_metadata_come_from_trafilatura(tmp_path):
    raw = (FIXTURES / "troops.html").read_bytes()
    article = read_article(seed(tmp_path / "seeds", "troops.html", raw), "troops.html")
    assert "dispatched troops to the Republic of Eastland" in article.text
    assert "Most read" not in article.text and "Home" not in article.text
    assert article.title == "Alliance sends troops to the Republic of Eastland"
    assert (article.publisher, article.published) == ("Example Daily", "2022-01-06")
    assert article.sha256 == hashlib.sha256(raw).hexdigest()


def test_html_without_article_text_raises(tmp_path):
    path = seed(tmp_path / "seeds", "blank.html", "<html><head><title>x</title></head><body></body></html>")
    with pytest.raises(IngestError, match="seeds/blank.html: no article text found"):
        read_article(path, "blank.html")


# --- sources.yaml ----------------------------------------------------------------------------------


def test_sources_yaml_wins_over_front_matter_and_inference(tmp_path):
    seeds = tmp_path / "seeds"
    seed(seeds, "story/a.md", "---\ntitle: Front title\npublisher: Front wire\n---\nHeadline\n\n" + BODY)
    seed(seeds, "story/sources.yaml", "a.md:\n  publisher: Example Wire\n  published: 6 January 2022\n")
    (article,), warnings = read_seeds(seeds)
    assert head(article) == ("Front title", "Example Wire", "2022-01-06")
    assert warnings == []


def test_sources_yaml_naming_a_missing_file_warns(tmp_path):
    seed(tmp_path / "seeds", "a.txt", "Headline\n\n" + BODY)
    seed(tmp_path / "seeds", "sources.yaml", "gone.txt:\n  url: https://x.test/gone\n")
    _, warnings = read_seeds(tmp_path / "seeds")
    assert warnings == ["seeds/sources.yaml: names gone.txt, which is not there"]


def test_sources_yaml_problems_are_all_listed_with_lines(tmp_path):
    seed(tmp_path / "seeds", "a.txt", "Headline\n\n" + BODY)
    bad = "a.txt:\n  titel: Oops\n  published: [2022]\n  url: https://x.test\nb.txt: just text\n"
    seed(tmp_path / "seeds", "sources.yaml", bad)
    with pytest.raises(IngestError) as err:
        read_seeds(tmp_path / "seeds")
    message = str(err.value)
    assert message.startswith("3 problem(s) in seeds/sources.yaml")
    assert "line 2: a.txt: titel: unknown key" in message
    assert "line 3: a.txt: published: expected text, got seq" in message
    assert "line 5: b.txt: expected a mapping" in message


def test_sources_yaml_syntax_error_names_the_line(tmp_path):
    seed(tmp_path / "seeds", "a.txt", "Headline\n\n" + BODY)
    seed(tmp_path / "seeds", "sources.yaml", "a.txt:\n  title: ok\n bad indent: x\n")
    with pytest.raises(IngestError, match=r"seeds/sources.yaml: line \d+: malformed YAML"):
        read_seeds(tmp_path / "seeds")


# --- metadata of the dev seeds ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("prefix", "title", "publisher", "published"),
    [
        ("000", None, "AFP, Reuters", None),
        ("001", "Dozens killed amid unrest in Kazakhstan", None, None),
        (
            "002",
            "Russia-led troops sent to Kazakhstan as 'dozens' killed in unrest",
            "Agence France-Presse",
            "2022-01-06",
        ),
    ],
)
def test_dev_seed_metadata_matches_the_gold(prefix, title, publisher, published):
    path = dev_seed(prefix)
    article = read_article(path, path.name)
    assert head(article) == (title, publisher, published)


def test_dev_seed_skip_spans_cover_only_metadata():
    text_000 = read_article(dev_seed("000"), "000.txt").text
    assert spans(text_000, infer_metadata(text_000)) == ["Author: Philipp Böll", "ar/rt (AFP, Reuters)"]
    text_002 = read_article(dev_seed("002"), "002.txt").text
    assert spans(text_002, infer_metadata(text_002)) == [
        "Published: 06:31 PM, 6 Jan, 2022",
        "Agence France-Presse is an international news agency.",
    ]
    assert infer_metadata(read_article(dev_seed("001"), "001.txt").text).skip_spans == []


# --- metadata of invented headers ------------------------------------------------------------------


def test_reuters_dateline_gives_date_and_publisher():
    text = "Troops land in Almaty\n\nMOSCOW, Jan 6, 2022 (Reuters) - " + BODY
    meta = infer_metadata(text)
    assert head(meta) == ("Troops land in Almaty", "Reuters", "2022-01-06")
    assert spans(text, meta) == ["MOSCOW, Jan 6, 2022 (Reuters) -"]


def test_ap_dateline_without_date_gives_publisher_only():
    text = "Troops land in Almaty\n\nALMATY, Kazakhstan (AP) — " + BODY
    meta = infer_metadata(text)
    assert (meta.publisher, meta.published) == ("AP", None)
    assert spans(text, meta) == ["ALMATY, Kazakhstan (AP) —"]


def test_a_dash_in_an_ordinary_first_sentence_is_not_a_dateline():
    meta = infer_metadata(
        "UK and France agree deal\n\nUK - France talks went on for hours in London today.\n"
    )
    assert (meta.publisher, meta.skip_spans) == (None, [])


@pytest.mark.parametrize(
    ("stamp", "published"),
    [
        ("Published: 06:31 PM, 6 Jan, 2022", "2022-01-06"),
        ("Updated 5 January 2022", "2022-01-05"),
        ("Posted on January 5, 2022 at 10:30 am EST", "2022-01-05"),
        ("January 5, 2022", "2022-01-05"),
        ("5 Jan 2022", "2022-01-05"),
        ("2022-01-05", "2022-01-05"),
        ("Updated 5 January", None),  # no year: not a date, but still a metadata line
    ],
)
def test_stamp_lines_give_the_date_and_are_skipped(stamp, published):
    text = f"Headline of the day\n{stamp}\n\n{BODY}"
    meta = infer_metadata(text)
    assert (meta.title, meta.published) == ("Headline of the day", published)
    assert spans(text, meta) == [stamp]


def test_dates_inside_sentences_and_post_signatures_are_not_the_publication_date():
    text = (
        "Riverton reacts to floods\n\nOn March 2, 2023 the river burst its banks, officials said.\n\n"
        '"We call for calm."\n\n— Jane Roe (@janeroe_press) March 2, 2023\n'
    )
    meta = infer_metadata(text)
    assert meta.published is None
    # the signature is a credit line, and its date the earliest the article can be from
    assert (spans(text, meta), meta.not_before) == (
        ["— Jane Roe (@janeroe_press) March 2, 2023"],
        "2023-03-02",
    )


@pytest.mark.parametrize(
    ("line", "signed", "not_before"),
    [
        ("— Jane Roe (@jroe_press) March 2, 2023", "— Jane Roe (@jroe_press) March 2, 2023", "2023-03-02"),
        ("— Jane Roe, 2 March 2023", "— Jane Roe, 2 March 2023", "2023-03-02"),
        ("We stand with Riverton. pic.twitter.com/x1 — Jane Roe (@jroe) March 4, 2023",
         "— Jane Roe (@jroe) March 4, 2023", "2023-03-04"),
        ("— Jane Roe (@jroe)", "— Jane Roe (@jroe)", None),  # signed, undated
        ("Mayors - who met (@city hall) - agreed.", None, None),  # a dash and a handle are not a signature
    ],
)  # fmt: skip
def test_signed_posts_are_credit_lines_dated_no_later_than_the_article(line, signed, not_before):
    text = f"Riverton reacts to floods\n\n{BODY}\n{line}\n\n{BODY}"
    meta = infer_metadata(text)
    assert spans(text, meta) == ([signed] if signed else [])
    assert (meta.not_before, meta.published) == (not_before, None)


def test_the_newest_signed_post_bounds_the_date():
    text = f"Floods\n\n{BODY}\n— A Roe (@aroe) March 2, 2023\n\n{BODY}\n— B Doe (@bdoe) March 4, 2023\n"
    assert infer_metadata(text).not_before == "2023-03-04"


def test_photo_credits_do_not_make_a_publisher():
    text = (
        "Unrest in Almaty\n\n" + BODY + "\nSmoke rises over Almaty (Yan Blagov/AP)\n\n"
        "Riot police in Almaty [Stringer/Reuters]\n\n(Vladimir Tretyakov / AP)\n"
    )
    meta = infer_metadata(text)
    assert (meta.publisher, meta.skip_spans) == (None, [])


@pytest.mark.parametrize(
    ("footer", "publisher"),
    [
        ("(Reuters)", "Reuters"),
        ("— AFP", "AFP"),
        ("jsi/sms (dpa, AFP)", "dpa, AFP"),
        ("Copyright 2022 The Associated Press. All rights reserved.", "The Associated Press"),
        ("© Reuters 2022", "Reuters"),
        ("Source: TASS", "TASS"),
        ("Xinhua is a state news agency.", "Xinhua"),
        ("(Reporting by Olzhas Auyezov for Reuters; Editing by Tom Hogue)", "Reuters"),
        ("(Reporting by Olzhas Auyezov; Editing by Tom Hogue)", None),
    ],
)
def test_sign_off_lines_name_the_publisher_and_are_skipped(footer, publisher):
    text = f"Headline\n\n{BODY}\n{BODY}\n{BODY}\n{footer}\n"
    meta = infer_metadata(text)
    assert meta.publisher == publisher
    assert spans(text, meta) == [footer]


def test_site_suffix_leaves_the_title_and_becomes_the_publisher():
    meta = infer_metadata("Kazakhstan asks allies for help | Example Protest News\n\n" + BODY)
    assert (meta.title, meta.publisher) == ("Kazakhstan asks allies for help", "Example Protest News")


def test_sign_off_outranks_site_suffix():
    meta = infer_metadata("Allies send help | Example News\n\n" + BODY + "\n(AFP)\n")
    assert meta.publisher == "AFP"


# --- publisher cues, and what kind of outlet the text says it is -----------------------------------


@pytest.mark.parametrize(
    ("footer", "publisher", "kind"),
    [
        ("jd/mk (AFP, dpa)", "AFP, dpa", "agency copy"),  # editors' initials over agency credits: a rewrite
        ("(Reuters)", "Reuters", "agency"),
        ("Source: TASS", "TASS", "agency"),
        ("Example Wire is an international news agency.", "Example Wire", "agency"),
        ("Xinhua is a state news agency.", "Xinhua", "state media"),
        ("Riverside Radio is a community radio station.", "Riverside Radio", "broadcaster"),
        ("The Valley Courier is a weekly newspaper.", "The Valley Courier", "newspaper"),
        (
            "Copyright 2023 Example Broadcasting Corporation.",
            "Example Broadcasting Corporation",
            "broadcaster",
        ),
        ("Example News is a news organisation.", "Example News", None),
        ("jd/mk", None, None),  # initials alone: written in house, nobody named
    ],
)
def test_credits_name_the_publisher_and_say_what_kind_of_outlet_it_is(footer, publisher, kind):
    text = f"Headline\n\n{BODY}\n{BODY}\n{BODY}\n{footer}\n"
    meta = infer_metadata(text)
    assert (meta.publisher, meta.type, meta.via) == (publisher, kind, None)
    assert spans(text, meta) == [footer]


def test_a_dateline_agency_is_an_agency():
    meta = infer_metadata("Troops land\n\nRIVERTON, March 3, 2023 (Reuters) - " + BODY)
    assert (meta.publisher, meta.type) == ("Reuters", "agency")


@pytest.mark.parametrize(
    ("cue", "publisher", "kind"),
    [
        ("Stay tuned with Riverside 7 HD Android App", "Riverside 7 HD", None),
        ("Download the Valley Post app", "Valley Post", None),
        ("Follow Valley Post on Telegram", "Valley Post", None),
        (
            "Clashes resumed, according to Coastline TV's Bureau Chief in Port Mara.",
            "Coastline TV",
            "broadcaster",
        ),
    ],
)
def test_site_cues_name_the_publisher_when_nothing_credits_the_text(cue, publisher, kind):
    meta = infer_metadata(f"Floods close the port\n\n{BODY}\n{cue}\n\n{BODY}")
    assert (meta.publisher, meta.type, meta.via) == (publisher, kind, None)


def test_a_site_that_carried_a_credited_text_is_its_via():
    text = (
        "Floods close the port | Valley Daily News\n\nStay tuned with Riverside 7 HD Android App\n"
        f"Get it on Google Play\n\n{BODY}\n{BODY}\n{BODY}\nExample Wire is an international news agency.\n"
    )
    meta = infer_metadata(text)
    assert (meta.title, meta.publisher, meta.type) == ("Floods close the port", "Example Wire", "agency")
    assert meta.via == "Valley Daily News"  # the first site cue: the title's suffix


def test_a_site_named_like_the_credited_publisher_is_no_via():
    meta = infer_metadata(f"Floods | AFP\n\n{BODY}\n{BODY}\n(AFP)\n")
    assert (meta.publisher, meta.via) == ("AFP", None)


@pytest.mark.parametrize(
    ("first_line", "title", "publisher"),
    [
        ("Floods close the port - Valley Daily News", "Floods close the port", "Valley Daily News"),
        ("Floods close the port — Reuters", "Floods close the port", "Reuters"),
        ("UK - France talks end without a deal", "UK - France talks end without a deal", None),
        ("Storm hits coast - and the town", "Storm hits coast - and the town", None),
    ],
)
def test_a_title_suffix_after_a_dash_names_the_site_only_when_it_reads_like_an_outlet(
    first_line, title, publisher
):
    meta = infer_metadata(f"{first_line}\n\n{BODY}")
    assert (meta.title, meta.publisher) == (title, publisher)


@pytest.mark.parametrize(
    "line",
    [
        "Russian news agency Tass reported that the port had reopened.",
        "The mayor told the Valley Post that 40 homes were flooded.",
        "Smoke rises over the port (Jane Roe/AP)",
        "Mayor Ann Lake's office said the bureau would reopen.",  # 'bureau' after a person's office
    ],
)
def test_outlets_the_text_only_mentions_are_not_its_publisher(line):
    assert infer_metadata(f"Floods\n\n{BODY}\n{line}\n\n{BODY}").publisher is None


def test_a_persons_publisher_drops_the_inferred_type_and_via(tmp_path):
    seeds = tmp_path / "seeds"
    credited = f"Floods\n\nStay tuned with Riverside 7 HD Android App\n\n{BODY}\n{BODY}\njd/mk (AFP, dpa)\n"
    for name in ("a", "b", "c"):
        seed(seeds, f"{name}.txt", credited.replace("Floods", f"Floods in {name}"))  # three texts, not one
    seed(
        seeds,
        "sources.yaml",
        "a.txt: {publisher: Valley Post}\nb.txt: {publisher: Valley Post, type: newspaper}\n",
    )
    a, b, c = read_seeds(seeds)[0]
    assert (a.publisher, a.type, a.via) == ("Valley Post", None, None)
    assert (b.publisher, b.type, b.via) == ("Valley Post", "newspaper", None)
    assert (c.publisher, c.type, c.via) == ("AFP, dpa", "agency copy", "Riverside 7 HD")


def test_front_matter_may_give_type_and_via(tmp_path):
    path = seed(
        tmp_path / "seeds",
        "a.md",
        "---\npublisher: AFP\ntype: agency\nvia: Valley Post\n---\nHead\n\n" + BODY,
    )
    article = read_article(path, "a.md")
    assert (article.publisher, article.type, article.via) == ("AFP", "agency", "Valley Post")


def test_a_type_that_is_not_a_source_type_is_refused_with_its_line_and_the_choices(tmp_path):
    seed(tmp_path / "seeds", "a.txt", "Headline\n\n" + BODY)
    seed(tmp_path / "seeds", "sources.yaml", "a.txt:\n  url: https://x.test\n  type: blog\n  vía: x\n")
    with pytest.raises(IngestError) as err:
        read_seeds(tmp_path / "seeds")
    message = str(err.value)
    assert "line 3: a.txt: type: not a source type ('blog'); write one of: agency, agency copy," in message
    assert (
        "line 4: a.txt: vía: unknown key (allowed: title, publisher, published, url, byline, type, via)"
        in message
    )


def test_furniture_spans_reach_the_article_read_for_names_or_not_at_all(tmp_path):
    text = f"Floods\n\nStay tuned with Riverside 7 HD Android App\nGet it on Google Play\n\n{BODY}"
    article = read_article(seed(tmp_path / "seeds", "a.txt", text), "a.txt")
    assert [(f.kind, text[f.start : f.end]) for f in article.furniture] == [
        ("app banner", "Stay tuned with Riverside 7 HD Android App"),
        ("store badge", "Get it on Google Play"),
    ]
    assert [text[a:b] for a, b in article.skip_spans] == ["Stay tuned with Riverside 7 HD Android App"]
    assert [text[a:b] for a, b in article.unread] == ["Get it on Google Play"]


@pytest.mark.parametrize(
    ("first_line", "title"),
    [
        ("What is happening in Kazakhstan?", "What is happening in Kazakhstan?"),
        ("After days of unrest in the oil rich nation, world leaders have reacted to the protests.", None),
        ("Here is what we know so far:", None),
        (" ".join(["word"] * 31), None),
    ],
)
def test_title_is_the_first_line_only_when_it_reads_like_a_headline(first_line, title):
    assert infer_metadata(f"{first_line}\n\n{BODY}").title == title


def test_byline_lines_are_recorded_and_skipped():
    text = f"Headline\nBy Jane Doe and John Roe\n\n{BODY}"
    meta = infer_metadata(text)
    assert (meta.title, meta.byline) == ("Headline", "Jane Doe and John Roe")
    assert spans(text, meta) == ["By Jane Doe and John Roe"]


def test_author_credit_inside_a_paragraph_skips_only_the_credit():
    text = f"Headline\n\nThe gallery shows the protests. Author: Philipp Böll\n\n{BODY}"
    meta = infer_metadata(text)
    assert meta.byline == "Philipp Böll"
    assert spans(text, meta) == ["Author: Philipp Böll"]


def test_text_without_any_line_gives_no_metadata():
    assert infer_metadata("") == Inferred()
    assert Inferred().skip_spans == [] and Inferred().title is None


def test_same_text_under_two_names_is_one_source(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    body = "Storm hits coast\n\nMore than 300 homes lost power, officials said.\n"
    (seeds / "a.txt").write_text(body, encoding="utf-8")
    (seeds / "b copy.txt").write_text(body, encoding="utf-8")
    articles, warnings = read_seeds(seeds)
    assert [a.file for a in articles] == ["a.txt"]
    assert articles[0].also_as == ["b copy.txt"]
    assert any("same text as seeds/a.txt" in w for w in warnings)


def test_oversized_file_is_skipped_with_a_warning(tmp_path, monkeypatch):
    import generator.ingest.seeds as ingest

    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "ok.txt").write_text("Storm hits coast\n\nThe storm passed.\n", encoding="utf-8")
    (seeds / "dump.txt").write_text("word " * 300_000, encoding="utf-8")
    monkeypatch.setattr(ingest, "MAX_ARTICLE_BYTES", 1_000_000)
    articles, warnings = read_seeds(seeds)
    assert [a.file for a in articles] == ["ok.txt"]
    assert any("dump.txt: skipped (1.5 MB" in w and "FACTSHEET_MAX_ARTICLE_MB" in w for w in warnings)


@pytest.mark.parametrize(
    ("head", "expect"),
    [
        ("Published" + " " * 20_000 + "6 Jan 2022", ("published", "2022-01-06")),
        ("Updated: 12:30" + " " * 20_000 + "PM x", ("published", None)),
        ("Storm hits coast" + " " * 20_000, ("title", "Storm hits coast")),
        ("Storm\n\n— Jane Roe (@jroe)" + " " * 20_000 + "x", ("not_before", None)),
        ("Storm\n\n— Jane Roe," + " " * 20_000 + "5 Jan 2022", ("not_before", "2022-01-05")),
        ("Storm\n\nExample" + " " * 20_000 + "TV's Bureau Chief said so.", ("via", "TV")),  # one space apart
    ],
)
def test_lines_flooded_with_spaces_are_read_in_linear_time(head, expect):
    """No two whitespace quantifiers meet in a metadata pattern: before, a headline followed by
    20,000 spaces took 73 s to read (every build, check and serve paid it again)."""
    body = "MOSCOW" + " " * 20_000 + "(Reuters) - Officials said on Monday that the storm had passed by."
    meta = infer_metadata(f"{head}\n\n{body}\n")
    key, value = expect
    assert getattr(meta, key) == value


# A 400-byte "billion laughs": each level repeats the one before nine times through aliases.
ALIAS_BOMB = "".join(
    f"{name}: &{name} [{', '.join([f'*{prev}' if prev else 'x'] * 9)}]\n"
    for prev, name in zip(["", *"abcdef"], "abcdefg", strict=True)
)


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        (
            {"sources.yaml": ALIAS_BOMB + "? *g\n: {title: x}\n"},
            "seeds/sources.yaml: line 2: a list or mapping",
        ),
        (
            {"a.md": "---\n" + ALIAS_BOMB + "---\nHeadline\n\n" + BODY},
            "seeds/a.md: line 3: front matter: a list or mapping",
        ),
        (
            {"sources.yaml": "? [a, b]\n: {title: x}\n"},
            "seeds/sources.yaml: line 1: a key must be plain text",
        ),
    ],
)
def test_aliases_and_keys_that_are_not_text_are_refused_by_line(tmp_path, files, expected):
    """An alias bomb or a list as a key gives one clear error per line, at once, not gigabytes of
    text or `TypeError: unhashable type`."""
    seed(tmp_path / "seeds", "a.txt", "Headline\n\n" + BODY)
    for name, text in files.items():
        seed(tmp_path / "seeds", name, text)
    with pytest.raises(IngestError) as caught:
        read_seeds(tmp_path / "seeds")
    assert expected in str(caught.value)
    assert len(str(caught.value)) < 2000


def test_metadata_inferred_once_is_read_from_the_cache_and_the_same(tmp_path, monkeypatch):
    """A second reading of seeds/ takes what the first inferred from an unchanged text; a changed text
    is inferred again, and the cache keeps only what this reading used."""
    from generator.ingest import seeds as seeds_module
    from generator.store import cache

    seeds_dir = tmp_path / "seeds"
    seeds_dir.mkdir()
    (seeds_dir / "a.txt").write_text("Harbour reopens\n\nBy Ann Lee\n\nThe harbour reopened on Monday.\n")
    (seeds_dir / "b.txt").write_text("Mill closes\n\nThe mill closed, its owner said.\n")
    first, _ = seeds_module.read_seeds(seeds_dir)
    assert len(cache.cached_inferred(tmp_path)) == 2
    calls = []
    real = seeds_module.infer_metadata
    monkeypatch.setattr(seeds_module, "infer_metadata", lambda text: calls.append(text) or real(text))
    again, _ = seeds_module.read_seeds(seeds_dir)
    assert calls == [] and again == first
    (seeds_dir / "b.txt").write_text("Mill reopens\n\nThe mill reopened, its owner said.\n")
    third, _ = seeds_module.read_seeds(seeds_dir)
    assert len(calls) == 1 and third[0] == first[0] and third[1].title == "Mill reopens"
    assert len(cache.cached_inferred(tmp_path)) == 2  # the old text's entry is gone
