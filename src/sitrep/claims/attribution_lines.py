"""Attribution cues read from lines rather than from the parse ("SPEAKER: ..." lines, quotations signed
with a dash), the resolution of pronoun sources to an earlier source, and of a document that speaks ("the
statement said") to the one who issued it (split out of attributions.py)."""

from __future__ import annotations

import re
from typing import Any

from ..document import Attribution, Document, Span
from .attributions import (
    ANTECEDENT_SENTENCES,
    PERSONAL,
    PRONOUNS,
    _char_span,
    _source_range,
    _subject_of,
    party_and_kind,
)

COLON_LINE = re.compile(r"(?m)^[ \t\"\u201c\u201d]*([A-Z][\w.'\u2019\- ]{0,40}?)[ \t]*:[ \t]+(\S[^\n]*)$")


def _colon_attributions(doc: Document, lex: dict[str, Any]) -> list[Attribution]:
    """ "SMITH: We will win." and "Smith: ..." headlines: the name before a colon opening a line."""
    sd = doc.spacy
    out: list[Attribution] = []
    for m in COLON_LINE.finditer(doc.text):
        name = m.group(1).strip()
        words = name.split()
        if not words or len(words) > 4 or words[0].lower().strip(".") in lex["colon_stop"]:
            continue
        if any(w.lower() in lex["colon_stop"] for w in words):
            continue
        span = sd.char_span(m.start(1), m.start(1) + len(name), alignment_mode="expand")
        if span is None:
            continue
        is_name = (name.isupper() and len(name) > 1) or any(t.ent_type_ in ("PERSON", "ORG", "NORP") for t in span) or (
            len(words) <= 2 and all(w[:1].isupper() for w in words) and words[0].lower() not in ("the", "a", "an"))
        if not is_name or any(t.ent_type_ in ("DATE", "TIME", "GPE", "CARDINAL") for t in span):
            continue
        if _dateline_colon(doc, m.start(1), m.start(1) + len(name), m.group(2)):
            continue
        colon = doc.text.index(":", m.end(1))
        s = Span(m.start(1), m.start(1) + len(name), name)
        c_end = m.end(2)
        while c_end > m.start(2) and doc.text[c_end - 1] in " \t":
            c_end -= 1
        a = Attribution(cue=_char_span(doc, colon, colon + 1), content=[_char_span(doc, m.start(2), c_end)],
                        source=s, stance="asserts")
        a.head = span.root.i
        a.source_head = span.root.i
        out.append(a)
    return out


def _dateline_colon(doc: Document, start: int, end: int, rest: str) -> bool:
    """ "TOWNNAME: Gunmen attacked ..." opening an article is a dateline (the wire convention of a place in
    capitals before the story), not a speaker: the name is a place the geo stage found, or it is in
    capitals at the start of the text and what follows is told in the third person."""
    if doc.text[:start].strip(" \t\"\u201c\u201d"):
        return False  # not the opening of the text
    if any(p.start < end and start < p.end for p in doc.places):
        return True
    if not doc.text[start:end].isupper():
        return False
    return not re.search(r"(?i)\b(i|we|my|our|me|us|you)\b", rest)


SIGNED_QUOTE = re.compile(r"(?m)^[ \t]*([\u201c\u201d\"][^\n]+?[\u201d\"])[ \t\u00a0]*([\u2015\u2014\u2013]|--)[ \t\u00a0]*"
                          r"([A-Z][^\n,;:]{1,60}?)[ \t\u00a0]*$")


def _signed_quotes(doc: Document) -> list[Attribution]:
    """ "“We will stay.” ― Ana Ruiz": a quotation signed with a dash and a name at the end of its line."""
    out: list[Attribution] = []
    sd = doc.spacy
    for m in SIGNED_QUOTE.finditer(doc.text):
        name = m.group(3).rstrip(". \u00a0")
        if len(name.split()) > 6 or not name:
            continue
        a = Attribution(cue=_char_span(doc, m.start(2), m.end(2)), content=[_char_span(doc, m.start(1), m.end(1))],
                        source=_char_span(doc, m.start(3), m.start(3) + len(name)), stance="asserts")
        span = sd.char_span(m.start(3), m.start(3) + len(name), alignment_mode="expand")
        a.source_head = span.root.i if span is not None and len(span) else None
        a.head = a.source_head  # type: ignore[assignment]  # None: no head word
        a.source_kind = "other"
        out.append(a)
    return out


# ---------------------------------------------------------------------------------------- pronouns
def _fits(pron: str, doc: Document, a: Attribution) -> bool:
    if a.source is None or a.source_head is None:
        return False
    tok = doc.spacy[a.source_head]
    if tok.lower_ in PRONOUNS:
        return False
    person = tok.ent_type_ == "PERSON" or (a.source_kind in ("party", "other", "witness") and tok.tag_ in ("NN", "NNP"))
    if pron in PERSONAL:
        return person and tok.tag_ not in ("NNS", "NNPS")
    if pron == "it":
        return tok.ent_type_ != "PERSON" and tok.tag_ not in ("NNS", "NNPS")
    if pron == "they":
        return tok.tag_ in ("NNS", "NNPS") or tok.ent_type_ in ("ORG", "NORP")
    return False


def _resolve_pronouns(doc: Document, atts: list[Attribution]) -> None:
    sd = doc.spacy
    sent_of = {}
    for k, s in enumerate(sd.sents):
        sent_of[s.start] = k
    for n, a in enumerate(atts):
        if a.source_head is None:
            continue
        tok = sd[a.source_head]
        pron = tok.lower_
        if pron not in ("he", "she", "it", "they"):
            continue
        k = sent_of.get(tok.sent.start, 0)
        ante = None
        for b in reversed(atts[:n]):
            if b.source_head is None:
                continue
            kb = sent_of.get(sd[b.source_head].sent.start, 0)
            if k - kb > ANTECEDENT_SENTENCES:
                break
            if _fits(pron, doc, b):
                ante = b
                break
        if ante is None and pron in PERSONAL:
            persons = [e for e in sd.ents if e.label_ == "PERSON" and e.end <= tok.i
                       and k - sent_of.get(e.sent.start, 0) <= ANTECEDENT_SENTENCES]
            if persons:
                e = persons[-1]
                from .frames import resolve_party
                from .lexicon import lexicon

                a.party = a.party or resolve_party(doc, e.root, lexicon()).source
                a.source_kind = a.source_kind if a.source_kind not in (None, "other") else (
                    "party" if a.party else "other")
                a.antecedent = Span(e.start_char, e.end_char, e.text)
            continue
        if ante is not None:
            a.party = ante.party
            a.source_kind = ante.source_kind
            a.anonymous = ante.anonymous
            a.antecedent = ante.antecedent or ante.source


def _document_sources(doc: Document, atts: list[Attribution], lex: dict[str, Any]) -> None:
    """ "The front issued a statement on Monday. The statement said ...": a document that is the subject of
    a reporting verb speaks for the one who issued it. When its phrase names no issuer ("the group's
    statement", "a statement by the army" do), the subject of the nearest earlier "issued / released /
    published (a statement, a communique, ...)" within `ANTECEDENT_SENTENCES` gives the attribution's party,
    kind and antecedent; the source span stays the document's words."""
    sd = doc.spacy
    sent_of = {t.i: k for k, s in enumerate(sd.sents) for t in s}
    for a in atts:
        if a.source_head is None:
            continue
        tok = sd[a.source_head]
        if tok.pos_ != "NOUN" or tok.lemma_.lower() not in lex["document_heads"]:
            continue
        if any(c.dep_ == "poss" or (c.dep_ == "compound" and c.ent_type_) or (c.dep_ == "prep" and c.lower_ in (
                "by", "from")) for c in tok.children):
            continue  # the phrase names who issued it
        issuer = None
        for t in reversed(sd[max(0, tok.sent.start - 200) : tok.i]):
            if sent_of.get(tok.i, 0) - sent_of.get(t.i, 0) > ANTECEDENT_SENTENCES:
                break
            if t.pos_ == "VERB" and t.lemma_.lower() in lex["issue_verbs"] and any(
                    c.dep_ == "dobj" and c.lemma_.lower() in lex["document_heads"] for c in t.children):
                subj, _ = _subject_of(t)
                if subj is not None and subj.lower_ not in PRONOUNS and subj.lemma_.lower() not in lex["document_heads"]:
                    issuer = subj
                    break
        if issuer is None:
            continue
        a.party, a.source_kind, a.anonymous = party_and_kind(doc, issuer)
        lo, hi = _source_range(issuer)
        a.antecedent = Span(sd[lo].idx, sd[hi].idx + len(sd[hi].text), doc.text[sd[lo].idx : sd[hi].idx + len(sd[hi].text)])
