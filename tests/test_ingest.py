"""ingest: every input kind, and every kind of bad input giving a clear error that names the item."""

from __future__ import annotations

import io
import json
import zipfile
from datetime import date
from pathlib import Path

import pytest

from sitrep.document import Document
from sitrep.ingest import InputError, parse_date, read_inputs


def _read(*paths: str | Path, **kw) -> list[Document | InputError]:
    return list(read_inputs([str(p) for p in paths], **kw))


def test_text_file_with_default_published(tmp_path: Path) -> None:
    f = tmp_path / "report.txt"
    f.write_text("Rebels shelled the town on Friday.", encoding="utf-8")
    (doc,) = _read(f, published="2020-05-02")
    assert isinstance(doc, Document)
    assert doc.id == "report" and doc.published == date(2020, 5, 2)
    assert doc.text == "Rebels shelled the town on Friday."


def test_bom_is_dropped_but_text_kept(tmp_path: Path) -> None:
    f = tmp_path / "bom.txt"
    f.write_bytes("\ufeffPolice arrested ten men.".encode())
    (doc,) = _read(f)
    assert doc.text == "Police arrested ten men."


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.txt", b"", "empty text"),
        ("blank.txt", b"  \n\t ", "empty text"),
        ("binary.txt", b"PK\x03\x04\x00\x00binary", "binary file"),
        ("latin1.txt", "Bogot\u00e1 police".encode("latin-1"), "not valid UTF-8"),
        ("page.html", b"<html><head><script>var a=1;</script></head><body></body></html>", "no article text"),
    ],
)
def test_bad_files_become_errors_naming_the_file(tmp_path: Path, name: str, content: bytes, message: str) -> None:
    f = tmp_path / name
    f.write_bytes(content)
    (err,) = _read(f)
    assert isinstance(err, InputError)
    assert message in err.message
    assert str(f) in str(err)
    assert err.record()["error"].startswith(str(f))


def test_missing_file(tmp_path: Path) -> None:
    (err,) = _read(tmp_path / "nope.txt")
    assert isinstance(err, InputError) and "no such file" in err.message


def test_jsonl_bad_lines_do_not_stop_the_others(tmp_path: Path) -> None:
    f = tmp_path / "batch.jsonl"
    lines = [
        json.dumps({"id": "ok1", "text": "Troops clashed with militants.", "published": "2019-03-04", "title": "T"}),
        "{not json",
        json.dumps({"id": "notext"}),
        json.dumps(["a", "list"]),
        json.dumps({"id": "baddate", "text": "x y z", "published": "04/03/2019"}),
        "",
        json.dumps({"text": "No id given here."}),
    ]
    f.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = _read(f)
    kinds = [type(i).__name__ for i in items]
    assert kinds == ["Document", "InputError", "InputError", "InputError", "InputError", "Document"]
    assert items[0].published == date(2019, 3, 4) and items[0].title == "T"
    assert items[1].where == f"{f}:2" and "not JSON" in items[1].message
    assert items[2].id == "notext" and "no \"text\"" in items[2].message
    assert "object" in items[3].message
    assert "YYYY-MM-DD" in items[4].message
    assert items[5].id == "batch-7"  # file stem and line number when the line has no id


def test_html_article_extracted(tmp_path: Path) -> None:
    body = " ".join(["Government forces retook the northern town of Example after two days of fighting."] * 6)
    html = f"""<html><head><title>Town retaken</title></head><body><nav>Home | World</nav>
    <article><h1>Town retaken</h1><p>{body}</p><p>{body}</p></article><footer>(c) News</footer></body></html>"""
    f = tmp_path / "story.html"
    f.write_text(html, encoding="utf-8")
    (doc,) = _read(f)
    assert isinstance(doc, Document)
    assert "Government forces retook" in doc.text and "Home | World" not in doc.text


def test_rss_feed_entries(tmp_path: Path) -> None:
    rss = """<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>
    <item><title>Clashes in the north</title><description>&lt;p&gt;Fighting killed five.&lt;/p&gt;</description>
    <link>http://example.org/1</link><guid>item-1</guid><pubDate>Tue, 07 Sep 2021 10:00:00 GMT</pubDate></item>
    <item><title>Talks resume</title><link>http://example.org/2</link></item>
    </channel></rss>"""
    f = tmp_path / "feed.rss"
    f.write_text(rss, encoding="utf-8")
    a, b = _read(f)
    assert a.id == "item-1" and a.text == "Clashes in the north. Fighting killed five."
    assert a.published == date(2021, 9, 7) and a.source == "Wire"
    assert b.id == "http://example.org/2" and b.text == "Talks resume"


def test_folder_is_read_recursively_in_order(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "a.txt").write_text("First.", encoding="utf-8")
    (tmp_path / "b" / "c.txt").write_text("Second.", encoding="utf-8")
    (tmp_path / "ignored.bin").write_bytes(b"\x00")
    (tmp_path / "README.md").write_text("# Notes about this folder", encoding="utf-8")
    docs = _read(tmp_path)
    assert [d.text for d in docs] == ["First.", "Second."]


def test_stdin_text_and_jsonl() -> None:
    (doc,) = list(read_inputs(["-"], stdin=io.StringIO("Gunmen attacked a bus.")))
    assert doc.text == "Gunmen attacked a bus."
    stream = io.StringIO(json.dumps({"id": "s1", "text": "Police fired tear gas."}) + "\n")
    (doc,) = list(read_inputs(["-"], stdin_jsonl=True, stdin=stream))
    assert doc.id == "s1"


def test_zip_is_not_silently_read_as_text(tmp_path: Path) -> None:
    f = tmp_path / "archive.txt"
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("x.txt", "hello")
    f.write_bytes(buf.getvalue())
    (err,) = _read(f)
    assert isinstance(err, InputError)


def test_parse_date() -> None:
    assert parse_date("2021-09-06T10:00:00Z") == date(2021, 9, 6)
    assert parse_date(None) is None and parse_date("") is None
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        parse_date("6 Sept 2021")


def test_jsonl_lines_split_on_newline_only(tmp_path: Path) -> None:
    f = tmp_path / "seps.jsonl"
    text = "Line one\u2028line two\x85line three\x0cend."
    f.write_text(json.dumps({"id": "u", "text": text}, ensure_ascii=False) + "\n", encoding="utf-8")
    (doc,) = _read(f)
    assert isinstance(doc, Document) and doc.text == text
