"""Cited sources: "Police said four people were killed, citing hospital staff".

A participle of citing ("citing", "quoting") after a comma at the end of what a source says names a
second source of the same content: the speaker relays it. The participle is not a cue of its own with
the reported clause's subject as source (the parser hangs it on the inner verb); it gives an
attribution whose source is the cited one, whose content is the speaker's content (without the
", citing ..." phrase) and whose stance is the speaker's. On the event side, every event a speaker's
attribution gives a claim also takes a claim from the cited source (the contract: every source the text
credits the event to is a claim).
"""

from __future__ import annotations

from typing import Any

from ..document import Attribution, Claim, Document, Event, Span

CITE_VERBS = frozenset({"cite", "quote"})
CITE_DEPS = frozenset({"advcl", "xcomp", "conj", "acl", "dep"})


def is_citing(tok: Any) -> bool:
    """A participle "citing X" / "quoting X" set off by a comma, with no subject of its own, whose object
    is a speaker ("citing a military source", "quoting the agency"), not a reason ("citing his record")."""
    return (tok.lemma_.lower() in CITE_VERBS and tok.tag_ == "VBG" and tok.dep_ in CITE_DEPS and tok.i > 0
            and tok.doc[tok.i - 1].text == "," and not any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children)
            and _cited_object(tok) is not None)


def _speaker_noun(t: Any) -> bool:
    from .attributions import attribution_lexicon

    lex = attribution_lexicon()
    heads = (lex["media_heads"] | lex["monitor_heads"] | lex["witness_heads"] | lex["party_heads"]
             | lex["anonymous_heads"] | lex["generic_source_heads"])
    return t.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") or t.lemma_.lower() in heads or t.lower_ in heads


def _cited_object(tok: Any) -> Any | None:
    obj = next((c for c in tok.children if c.dep_ == "dobj" and c.pos_ in ("NOUN", "PROPN")), None)
    return obj if obj is not None and _speaker_noun(obj) else None


def _citing_in(doc: Document, a: Attribution) -> Any | None:
    """The citing participle at the end of `a`'s content, or on `a`'s cue verb right after it."""
    sd = doc.spacy
    last = a.content[-1]
    span = sd.char_span(last.start, last.end, alignment_mode="expand")
    cands = [t for t in span] if span is not None else []
    if 0 <= a.head < len(sd):
        cands += [c for c in sd[a.head].children if c.i > a.head]
    for t in cands:
        if is_citing(t) and _cited_object(t) is not None:
            end = t.right_edge.i
            while end + 1 < len(sd) and sd[end + 1].is_punct and sd[end + 1].text not in ("\u201c", '"'):
                end += 1
            if end + 1 >= len(sd) or sd[end + 1].is_sent_start or sd[end].text in (".", "!", "?"):
                return t  # the phrase ends the sentence: it is not inside the reported clause's middle
    return None


def cited_attributions(doc: Document, atts: list[Attribution]) -> list[Attribution]:
    """The cited sources' attributions; each speaker's content loses its ", citing X" phrase."""
    from .attributions import _set_source, _span, party_and_kind

    sd = doc.spacy
    out: list[Attribution] = []
    for a in atts:
        if not a.content or a.source is None:
            continue
        t = _citing_in(doc, a)
        if t is None:
            continue
        obj = _cited_object(t)
        comma = sd[t.i - 1].idx
        content = []
        for c in a.content:
            if c.end <= comma:
                content.append(c)
            elif c.start < comma:
                text = doc.text[c.start : comma].rstrip()
                content.append(Span(c.start, c.start + len(text), text))
        if not content:
            continue
        a.content = content
        b = Attribution(cue=_span(doc, t.i, t.i), content=list(content), stance=a.stance)
        b.head = t.i
        _set_source(doc, b, obj)
        b.party, b.source_kind, b.anonymous = party_and_kind(doc, obj)
        out.append(b)
    return out


def _cites(b: Attribution, a: Attribution) -> bool:
    return (b is not a and b.cue.text.lower() in ("citing", "quoting") and bool(b.content) and bool(a.content)
            and b.content[0].start == a.content[0].start and a.cue.start < b.cue.start)


def citing_attributions(doc: Document) -> list[tuple[int, Attribution]]:
    """The document's attributions whose cue is "citing"/"quoting" with a content, with their index
    (computed once per document, so that `cited_claims` does not scan every attribution per event)."""
    return [(j, b) for j, b in enumerate(doc.attributions)
            if b.content and b.cue.text.lower() in ("citing", "quoting")]


def cited_claims(doc: Document, e: Event, citing: list[tuple[int, Attribution]] | None = None) -> None:
    """Each claim of `e` from a speaker who cites a source gets a sibling claim from that source.
    `citing` is `citing_attributions(doc)`, passed when called for every event of a document."""
    from .linking import _fill

    atts = doc.attributions
    if citing is None:
        citing = citing_attributions(doc)
    if not citing:
        return
    for c in list(e.claims):
        if c.attribution is None:
            continue
        a = atts[c.attribution]
        for j, b in citing:
            if not _cites(b, a) or any(x.attribution == j for x in e.claims):
                continue
            n = Claim(stance=c.stance, start=b.cue.start, end=b.cue.end, text=b.cue.text, channel=c.channel)
            _fill(doc, n, b, j, e)
            if n.source is None or any(x.source == n.source for x in e.claims):
                continue
            if n.magnitude is None:
                n.magnitude = c.magnitude
            e.claims.insert(e.claims.index(c) + 1, n)
