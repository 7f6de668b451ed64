"""`Token.sent` and `Span.sent` by look-up: the sentence boundaries of a parsed Doc, found once.

spaCy answers `token.sent` (and `span.sent`) by walking the token array back to the sentence's first token
and forward to the next sentence start, after checking that the Doc has sentence annotation, on every
access; the stages ask it inside their loops. After the nlp stage, `install` puts a `SentenceIndex` in the
Doc's `user_token_hooks` / `user_span_hooks` (spaCy's own extension points): the boundaries come from
`Doc.sents` once, and each look-up is a bisection. The answer is the same span: the sentence that
contains the token (for a span, its first token), as spaCy 3.8's `Span.sent` defines it. `Doc.sents` and
`Span.sents` are left to spaCy.
"""

from __future__ import annotations

from bisect import bisect_right
from typing import Any

from spacy.tokens import Doc, Span


class SentenceIndex:
    """The sentence starts and ends of one Doc. Holds no reference to the Doc (a copy of the Doc, which
    has the same tokens, may share it); picklable, as spaCy pickles a Doc's hooks with it."""

    __slots__ = ("ends", "starts")

    def __init__(self, sd: Doc) -> None:
        self.starts: list[int] = [s.start for s in sd.sents]
        self.ends: list[int] = [*self.starts[1:], len(sd)]

    def __getstate__(self) -> tuple[list[int], list[int]]:
        return self.starts, self.ends

    def __setstate__(self, state: tuple[list[int], list[int]]) -> None:
        self.starts, self.ends = state

    def around(self, doc: Doc, i: int) -> Span:
        """The sentence of token `i`."""
        k = bisect_right(self.starts, i) - 1
        return Span(doc, self.starts[k], self.ends[k])

    def token_sent(self, tok: Any) -> Span:
        return self.around(tok.doc, tok.i)

    def span_sent(self, span: Span) -> Span:
        return self.around(span.doc, span.start)


def install(sd: Doc) -> bool:
    """Answer `sent` of the Doc's tokens and spans from a `SentenceIndex`. Not for an empty Doc, a Doc
    without sentence annotation (spaCy raises there) or one whose hooks are taken; False then."""
    if len(sd) == 0 or not sd.has_annotation("SENT_START"):
        return False
    if "sent" in sd.user_token_hooks or "sent" in sd.user_span_hooks or "sents" in sd.user_hooks:
        return False
    ix = SentenceIndex(sd)
    sd.user_token_hooks["sent"] = ix.token_sent
    sd.user_span_hooks["sent"] = ix.span_sent
    return True
