"""HTML pages: the declared encoding, the article text (trafilatura), and the publication date from the
page's metadata only (`pagemeta`)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from ..document import Document
from .errors import InputError


def read_html(
    raw: bytes, where: str, doc_id: str, published: date | None, *, url: str | None = None,
    charset: str | None = None,
) -> Iterator[Document | InputError]:
    import trafilatura

    from .pagemeta import NO_DATE_WARNING, published_from_metadata

    html = decode_html(raw, charset)
    text = trafilatura.extract(html, include_comments=False, include_tables=False, favor_precision=True)
    depth = 0
    if not text or not text.strip():
        depth = nesting_depth(html)
        if depth > PARSER_MAX_DEPTH:  # libxml2 stops at this depth: read the page without its wrappers
            text = trafilatura.extract(_WRAPPER_TAGS.sub("", html), include_comments=False, include_tables=False,
                                       favor_precision=True)
    if not text or not text.strip():
        if depth > PARSER_MAX_DEPTH:
            yield InputError(doc_id, where, f"this HTML page nests its elements {depth} levels deep, past the HTML "
                             f"parser's limit of {PARSER_MAX_DEPTH}, and no article text was found without them")
            return
        yield InputError(doc_id, where, "no article text found in this HTML page (is it an index or a script-only page?)")
        return
    if not has_prose(text):
        yield InputError(
            doc_id, where,
            "this HTML page holds only navigation, menus or link lists, no article sentences (is it an index page?)",
        )
        return
    warnings: list[str] = []
    pub = published
    if pub is None:
        pub = published_from_metadata(html)  # metadata only: never trafilatura's date guesses
        if pub is None:
            warnings.append(NO_DATE_WARNING)
    try:
        meta = trafilatura.extract_metadata(html)
    except Exception:  # noqa: BLE001 - metadata is optional
        meta = None
    meta_url = getattr(meta, "url", None)
    yield Document(
        text=text, id=doc_id, title=getattr(meta, "title", None), url=url or meta_url,
        source=getattr(meta, "sitename", None), published=pub,
        meta={"where": where, **({"warnings": warnings} if warnings else {})},
    )


PARSER_MAX_DEPTH = 255  # libxml2's HTML parser (under lxml, under trafilatura) gives up deeper than this
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]{0,30})\b[^<>]{0,4000}?(/?)>")
_VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
# layout wrappers: dropped (their content kept) when a page nests past the parser's limit
_WRAPPER_TAGS = re.compile(
    r"</?(?:div|span|section|font|center|b|i|em|strong|small|big|u|main|aside|header|footer|table|tbody|tr"
    r"|td|th|ul|ol|li|blockquote)\b[^<>]{0,2000}>",
    re.IGNORECASE,
)


def nesting_depth(html: str) -> int:
    """The deepest element nesting of `html`, counting start and end tags (void elements and `/>` do not
    nest); an estimate for malformed pages. Linear in len(html)."""
    depth = deepest = 0
    for m in _TAG.finditer(html):
        if m.group(3) or m.group(2).lower() in _VOID:
            continue
        if m.group(1):
            depth = max(depth - 1, 0)
        else:
            depth += 1
            deepest = max(deepest, depth)
    return deepest


_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"'”’»)]*\s+")


def has_prose(text: str) -> bool:
    """Whether extracted page text holds at least one sentence (six words or more ending in . ! ? or …)
    on one line: navigation bars, menus and link lists do not. Linear in len(text)."""
    for line in text.splitlines():
        for part in _SENTENCE_END.split(line.strip()):
            if part.rstrip("\"'”’») ").endswith((".", "!", "?", "…")) and len(part.split()) >= 6:
                return True
    return False


_META_CHARSET = re.compile(
    rb"""<meta\b[^>]{0,512}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]{1,40})""", re.IGNORECASE
)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml\b[^>]{0,200}?encoding\s*=\s*["']([A-Za-z0-9_.:\-]{1,40})""")


def declared_encoding(raw: bytes) -> str | None:
    """The encoding an HTML page declares: a byte-order mark, `<meta charset>` or `<meta http-equiv
    content="...; charset=...">` in the first 4 KB, or an XML declaration; None when it declares none
    (or one Python does not know)."""
    import codecs

    for bom, name in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if raw.startswith(bom):
            return name
    head = raw[:4096]
    m = _XML_ENCODING.match(head) or _META_CHARSET.search(head)
    if not m:
        return None
    name = m.group(1).decode("ascii").lower()
    if name in ("iso-8859-1", "latin1", "latin-1", "us-ascii", "ascii"):
        name = "cp1252"  # what browsers do (WHATWG encoding standard)
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def decode_html(raw: bytes, charset: str | None = None) -> str:
    """HTML bytes -> text: the declared encoding, else the `charset` of an HTTP Content-Type header, else
    UTF-8, else Windows-1252 (never fails)."""
    enc = declared_encoding(raw) or _known_encoding(charset)
    if enc is not None:
        if enc == "utf-16":
            return raw.decode("utf-16", errors="replace")
        return raw.decode(enc, errors="replace")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def _known_encoding(name: str | None) -> str | None:
    import codecs

    if not name:
        return None
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None
