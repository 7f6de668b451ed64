"""Last passes over a document's attributions (helpers of `attributions`): one attribution per cue, and
a quotation that goes on after the sentence of its cue."""

from __future__ import annotations

import bisect
import re

from ..document import Attribution, Document

DATELINE = re.compile(r"^[A-Z][A-Z .,'\-]{2,40}\s*[\u2015\u2014\u2013-]{1,2}\s*")


def _continued_quote(doc: Document, a: Attribution) -> None:
    """ "“We are leaving,” she said. “There is nothing left.”": a quotation that goes on right after the
    sentence of its cue, in the same paragraph, is the same speaker's; a dateline ("LONDON ―") that
    opens a content is the writer's."""
    from .attributions import OPEN_QUOTES, _char_span, _close_quote_after

    text = doc.text
    if a.content and DATELINE.match(a.content[0].text):
        c = a.content[0]
        k = DATELINE.match(c.text).end()  # type: ignore[union-attr]  # matched just above
        if k < len(c.text):
            a.content[0] = _char_span(doc, c.start + k, c.end)
    if not a.content or a.content[0].text[:1] not in OPEN_QUOTES or a.cue.start < a.content[-1].end:
        return  # only a quotation before its cue ("“...,” she said.") goes on after it
    sd = doc.spacy
    tok = sd.char_span(a.cue.start, a.cue.end, alignment_mode="expand")
    if tok is None or not len(tok):
        return
    end = tok[0].sent.end_char
    m = re.compile(r"[ \t\u00a0]*([\u201c\"])").match(text, end)
    if m is None:
        return
    close = _close_quote_after(doc, m.start(1))
    if close is not None and "\n" not in text[m.start(1) : close]:
        a.content.append(_char_span(doc, m.start(1), close))


def _dedupe(atts: list[Attribution]) -> list[Attribution]:
    """One attribution per cue; a cue inside another's cue (the verb of "claimed responsibility")
    gives way."""
    out: list[Attribution] = []
    kept: list[tuple[int, int]] = []  # the kept cues (start, end), sorted: only those that may hold a cue are looked at
    longest = 0
    for a in sorted(atts, key=lambda a: -(a.cue.end - a.cue.start)):
        s, e = a.cue.start, a.cue.end
        lo = bisect.bisect_left(kept, (e - longest, -(1 << 62)))
        hi = bisect.bisect_right(kept, (s, 1 << 62))
        if any(e <= be for _bs, be in kept[lo:hi]):
            continue
        out.append(a)
        bisect.insort(kept, (s, e))
        longest = max(longest, e - s)
    return out
