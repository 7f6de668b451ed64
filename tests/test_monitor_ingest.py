"""Reading inputs for the monitor (issue 17): the kind sniffed from content, the publication date from page
metadata only, the language check. All texts are invented."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from sitrep.document import Document
from sitrep.ingest import InputError, read_inputs, warnings_of
from sitrep.ingest.language import non_english
from sitrep.ingest.pagemeta import published_from_metadata
from sitrep.ingest.sniff import sniff

STORY = (
    "Government troops took control of the invented hill town of Varnel on Sunday after two days of "
    "fighting with an armed group, a regional spokesman said. Residents who fled to the valley below said "
    "the shelling had stopped by the evening and that the main road was open again. The spokesman said "
    "engineers were clearing the bridge on the eastern edge of the town before families could return."
)
FRENCH = (
    "Des soldats ont pris le contrôle de la ville imaginaire de Varnel dimanche après deux jours de combats "
    "avec un groupe armé, a déclaré un porte-parole régional. Les habitants qui ont fui vers la vallée ont "
    "dit que les bombardements avaient cessé dans la soirée et que la route principale était de nouveau ouverte."
)


def page(body: str = STORY, head: str = "", extra: str = "") -> str:
    return f"""<!DOCTYPE html><html><head><title>Town retaken</title>{head}</head><body>
<div class="cookie-banner">We use cookies to improve your experience. Accept all cookies to continue.</div>
<nav><a href="/">Home</a> | <a href="/world">World</a></nav>
<article><h1>Town retaken</h1><p>{body}</p><p>{body}</p></article>
{extra}
<footer>Copyright 2011 Invented Daily News. All rights reserved.</footer></body></html>"""


def _read(*paths: str | Path, **kw: object) -> list[Document | InputError]:
    return list(read_inputs([str(p) for p in paths], **kw))  # type: ignore[arg-type]


@pytest.mark.parametrize("name", ["saved-page", "saved-page.txt", "saved-page.download"])
def test_html_without_html_suffix_is_read_as_html(tmp_path: Path, name: str) -> None:
    f = tmp_path / name
    f.write_text(page(), encoding="utf-8")
    (doc,) = _read(f)
    assert isinstance(doc, Document)
    assert "took control of the invented hill town" in doc.text
    assert "<article>" not in doc.text and "cookies" not in doc.text and "Home" not in doc.text


def test_feed_and_jsonl_sniffed_from_content(tmp_path: Path) -> None:
    rss = """<?xml version="1.0"?><rss version="2.0"><channel><title>Invented Wire</title>
    <item><title>Clashes near the invented pass</title><link>http://example.invalid/1</link></item></channel></rss>"""
    (tmp_path / "wire").write_text(rss, encoding="utf-8")
    (doc,) = _read(tmp_path / "wire")
    assert doc.title == "Clashes near the invented pass" and doc.source == "Invented Wire"
    (tmp_path / "batch.txt").write_text(json.dumps({"id": "j1", "text": STORY}) + "\n", encoding="utf-8")
    (doc,) = _read(tmp_path / "batch.txt")
    assert doc.id == "j1"
    assert sniff(b"Plain words about a meeting.") == "text"
    assert sniff(b"  {\"id\": 1, \"text\": \"x\"}\n") == "jsonl"
    assert sniff(b"<p>Short <b>markup</b> only</p>") == "html"


def test_jsonl_on_stdin_is_jsonl_whatever_the_output_format() -> None:
    line = json.dumps({"id": "piped-1", "text": STORY, "published": "2026-01-04"}) + "\n"
    (doc,) = list(read_inputs(["-"], stdin=io.StringIO(line)))
    assert doc.id == "piped-1" and doc.published == date(2026, 1, 4) and doc.text == STORY
    (doc,) = list(read_inputs(["-"], stdin=io.StringIO("A plain sentence about a ceasefire.")))
    assert doc.id == "stdin" and doc.text == "A plain sentence about a ceasefire."


def test_extract_stdin_jsonl_in_json_format(monkeypatch: pytest.MonkeyPatch, fake_pipeline: object) -> None:
    import sitrep.pipeline
    from sitrep.cli import main

    monkeypatch.setattr(sitrep.pipeline, "default_pipeline", lambda: fake_pipeline)
    line = json.dumps({"id": "piped-2", "text": STORY}) + "\n"
    r = CliRunner().invoke(main, ["extract", "-"], input=line)
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout)["id"] == "piped-2"


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        ('<meta property="article:published_time" content="2026-03-14T07:30:00+00:00">', date(2026, 3, 14)),
        ('<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle",'
         ' "headline": "Town retaken", "datePublished": "2026-02-01T10:00:00Z"}</script>', date(2026, 2, 1)),
        ('<meta name="dc.date.issued" content="2025-12-24">', date(2025, 12, 24)),
    ],
)
def test_publication_date_from_page_metadata(tmp_path: Path, head: str, expected: date) -> None:
    f = tmp_path / "dated.html"
    f.write_text(page(head=head), encoding="utf-8")
    (doc,) = _read(f)
    assert doc.published == expected and warnings_of(doc) == []


def test_no_date_guessed_from_links_or_footers(tmp_path: Path) -> None:
    related = ('<aside><a href="/2019/05/17/older-story.html">Earlier: talks collapse (May 17, 2019)</a>'
               '<p>Updated 2020-08-09</p></aside>')
    f = tmp_path / "undated.html"
    f.write_text(page(extra=related), encoding="utf-8")
    (doc,) = _read(f)
    assert doc.published is None
    (warning,) = warnings_of(doc)
    assert "no publication date in the page's metadata" in warning
    assert published_from_metadata(page(extra=related)) is None
    # the --published default still applies, without a warning
    (doc,) = _read(f, published="2026-05-05")
    assert doc.published == date(2026, 5, 5) and warnings_of(doc) == []


def test_extract_warns_when_a_page_has_no_date(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                               fake_pipeline: object) -> None:
    import sitrep.pipeline
    from sitrep.cli import main

    monkeypatch.setattr(sitrep.pipeline, "default_pipeline", lambda: fake_pipeline)
    f = tmp_path / "undated.html"
    f.write_text(page(), encoding="utf-8")
    r = CliRunner().invoke(main, ["extract", str(f)])
    assert r.exit_code == 0, r.output
    assert "warning: no publication date" in r.stderr
    assert json.loads(r.stdout)["published"] is None


def test_not_english_is_said_not_silent(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                        fake_pipeline: object) -> None:
    import sitrep.pipeline
    from sitrep.cli import main

    monkeypatch.setattr(sitrep.pipeline, "default_pipeline", lambda: fake_pipeline)
    f = tmp_path / "article-fr.txt"
    f.write_text(FRENCH, encoding="utf-8")
    (err,) = _read(f)
    assert isinstance(err, InputError) and err.message.startswith("not English: fr, skipped")
    r = CliRunner().invoke(main, ["extract", str(f), "--format", "jsonl"])
    assert r.exit_code == 1
    assert "not English: fr, skipped" in r.stderr
    assert "not English: fr" in json.loads(r.stdout.splitlines()[0])["error"]
    r = CliRunner().invoke(main, ["extract", str(f), "--format", "jsonl", "--any-language"])
    assert r.exit_code == 0 and "error" not in json.loads(r.stdout.splitlines()[0])


def test_language_check_keeps_english_and_short_texts() -> None:
    assert non_english(STORY) is None
    assert non_english(FRENCH) == "fr"
    assert non_english("Varnel retaken") is None  # too short to judge
    # English with many foreign names stays English
    names = ("Commander Abdulrahman al-Qasimi, Colonel Jean-Baptiste Moreau and Major Oleksandr Kovalenko "
             "met in Tizi Ouzou and Saint-Étienne-du-Rouvray on Monday with the mayor of the town.")
    assert non_english(names) is None


def test_prose_on_stdin_with_jsonl_output_is_prose() -> None:
    (doc,) = list(read_inputs(["-"], stdin_jsonl=True, stdin=io.StringIO(STORY)))
    assert isinstance(doc, Document) and doc.text == STORY
    items = list(read_inputs(["-"], stdin_jsonl=True, stdin=io.StringIO('{"id": "x", "text": \n')))
    assert isinstance(items[0], InputError) and "not JSON" in items[0].message
