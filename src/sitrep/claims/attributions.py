"""Document-level attributions: who said (thought, intends) what, read from spaCy's dependency parse.

An `Attribution` (see `sitrep.document` and the contract) has a `source` span (who speaks; None when
the text leaves it implicit), a `cue` span (the words that attribute: "said", "has learned",
"according to", "denied", "claimed responsibility", a speaker's colon), one or more `content` spans
(direct or indirect speech, thought, intention), a `stance`, the `party` the source speaks for (an
actor id from the actors stage), its `source_kind` (party, media, monitor, witness, other) and whether
it is `anonymous`.

Cues, in the PARC scheme's sense (Pareti 2012), are found as:

1. reporting, belief and intention verbs (`data/attributions.json`) with a clausal complement
   ("said that ...", "... , police said", "believes ..."), an infinitive for verbs of intention and
   promise ("vowed to fight"), a prepositional object for verbs of judgement ("accused X of Y"), or
   a noun phrase for verbs that take one ("denied the report");
2. "according to X";
3. nouns of saying with a "that" clause ("the claim that ...", "his statement that ...");
4. "X claimed responsibility for Y";
5. a speaker's name and a colon opening a line ("SMITH: ...", a transcript or headline).

A content that opens a quotation runs to the closing quotation mark, across sentences. A pronoun
source ("he said") takes the kind and party of its antecedent: the nearest earlier source of the
right sort within a few sentences, else the nearest person or group named before it.
"""

from __future__ import annotations

import functools
import json
import re
from importlib import resources
from typing import Any

from ..document import Attribution, Document, Span
from .adjective_cues import adjective_attributions
from .attribution_tidy import _continued_quote, _dedupe
from .cited import cited_attributions, is_citing
from .clause_shapes import (
    CLOSE_QUOTES,
    OPEN_QUOTES,
    _straight_quote_opens,
    as_clause_content,
    clause_under_object,
    final_reporting_clause,
    has_complementizer,
    misparsed_final_subject,
    parenthetical_content,
    verb_lemma,
)
from .light_verbs import tighten_light_verb
from .passive_cues import passive_attributions

__all__ = ["extract_attributions", "attribution_lexicon", "source_kind_of"]

SUBJ = ("nsubj", "nsubjpass", "csubj")
PRONOUNS = {"he", "she", "they", "it", "we", "i", "you"}
PERSONAL = {"he", "she"}
SKIP_SUBJECTLESS = False
DROP_NESTED_IN_QUOTES = True
FIRST_SECOND = {"i", "we", "you", "me", "us"}
ANTECEDENT_SENTENCES = 4
NOT_REASONS = {"DATE", "TIME", "CARDINAL", "QUANTITY", "MONEY", "PERCENT"}
PARAGRAPH = re.compile(r"\n\s*\n")


@functools.lru_cache(maxsize=1)
def attribution_lexicon() -> dict[str, Any]:
    with resources.files("sitrep.claims").joinpath("data", "attributions.json").open(encoding="utf-8") as fh:
        raw = json.load(fh)
    lex: dict[str, Any] = {k: v for k, v in raw.items() if not k.startswith("_")}
    for k in ("np_content_verbs", "xcomp_content_verbs", "according", "hedge_cues", "media_heads", "monitor_heads",
              "witness_heads", "party_heads", "anonymous_heads", "colon_stop", "monitor_modifiers",
              "unsourced_heads", "witness_modifiers", "generic_source_heads", "media_modifiers",
              "content_hedge_adverbs", "content_hedge_verbs", "party_modifiers", "inform_verbs", "as_verbs",
              "that_clause_verbs", "document_heads", "issue_verbs", "as_only_verbs"):
        lex[k] = frozenset(lex.get(k, []))
    return lex


def _words(key: str) -> frozenset[str]:
    return frozenset(attribution_lexicon()[key])


# word lists of data/attributions.json (see its "_" keys): adverbs of the cue and not of it ("flatly denied",
# "however said"), verbs whose object belongs to the content ("urged supporters to", "condemned X for"),
# verbs that are cues only with a reason, verbs of naming ("called it a massacre")
CUE_ADVERBS = _words("cue_adverbs")
NOT_CUE_ADVERBS = _words("not_cue_adverbs")
OBJECT_CONTROL = _words("object_control_verbs")
JUDGEMENT_WITH_OBJECT = _words("judgement_with_object_verbs")
REASON_ONLY = _words("reason_only_verbs")
NAMING_VERBS = _words("naming_verbs")


# ---------------------------------------------------------------------------------------- spans
def _trim(sd: Any, i: int, j: int, keep_quotes: bool = True) -> tuple[int, int] | None:
    """Token range i..j (inclusive) without leading/trailing punctuation, spaces and conjunctions; a
    closing quotation mark stays, with the punctuation inside it."""
    while i <= j and (sd[i].is_space or (sd[i].is_punct and sd[i].text not in OPEN_QUOTES)):
        i += 1
    while j >= i and (sd[j].is_space or (sd[j].is_punct and not (keep_quotes and sd[j].text in CLOSE_QUOTES
                                                                 and _quote_opened(sd, i, j)))
                      or sd[j].dep_ == "cc" or sd[j].lower_ in ("but", "and")):
        j -= 1
    if i > j:
        return None
    return i, j


def _quote_opened(sd: Any, i: int, j: int) -> bool:
    """Is the quotation mark at j closing one (rather than a stray one)?"""
    if sd[j].text in ("\u201d", "''"):
        return True
    return sum(1 for t in sd[i:j] if t.text == '"') % 2 == 1


def _spans_of(sd: Any, idxs: set[int]) -> list[tuple[int, int]]:
    """Contiguous runs of token indices, trimmed."""
    out: list[tuple[int, int]] = []
    run: list[int] = []
    for i in sorted(idxs):
        if run and i != run[-1] + 1:
            out.append((run[0], run[-1]))
            run = []
        run.append(i)
    if run:
        out.append((run[0], run[-1]))
    trimmed = [_trim(sd, a, b) for a, b in out]
    return [t for t in trimmed if t is not None and any(not sd[k].is_punct for k in range(t[0], t[1] + 1))]


def _span(doc: Document, a: int, b: int) -> Span:
    sd = doc.spacy
    s, e = sd[a].idx, sd[b].idx + len(sd[b].text)
    return Span(s, e, doc.text[s:e])


def _char_span(doc: Document, s: int, e: int) -> Span:
    return Span(s, e, doc.text[s:e])


def _subtree(tok: Any) -> set[int]:
    return {t.i for t in tok.subtree}


def _source_range(tok: Any) -> tuple[int, int]:
    """The noun phrase that names the speaker, without a trailing relative clause that says more."""
    lo, hi = tok.left_edge.i, tok.right_edge.i
    for c in tok.rights:
        if c.dep_ in ("acl",) and c.i > tok.i and c.tag_ == "VBG":
            hi = min(hi, c.left_edge.i - 1)  # "Smith, speaking in Ohio,": the writer's scene, not the source
    sd = tok.doc
    while hi > lo and (sd[hi].is_space or (sd[hi].is_punct and not (
            sd[hi].text == ")" and "(" in sd[lo:hi].text))):
        hi -= 1
    while lo < hi and (sd[lo].is_punct or sd[lo].is_space):
        lo += 1
    return lo, hi


def _close_quote_after(doc: Document, start_char: int, limit: int = 3000) -> int | None:
    """Character index just after the quotation mark closing one opened at or after `start_char`."""
    text = doc.text
    m = re.compile(r"[\u201c\u201d\"]").finditer(text, start_char, min(len(text), start_char + limit))
    first = next(m, None)
    if first is None or first.group() == "\u201d":
        return None
    for x in m:
        if x.group() in ("\u201d", '"'):
            return x.end()
        if x.group() == "\u201c":
            return None  # a new quotation opens first: this one is not closed
    return None


def _extend_quote(doc: Document, content: list[Span]) -> list[Span]:
    """A content that is a quotation takes its quotation marks; one that opens a quotation it does not
    close runs to the closing mark (multi-sentence quotes)."""
    if not content:
        return content
    text = doc.text
    out = []
    for c in content:
        s, e = c.start, c.end
        k = s - 1
        while k >= 0 and text[k] in " \u00a0":
            k -= 1
        while e < len(text) and (text[e].isalnum() or (text[e] in "\u2019'" and text[e + 1 : e + 2].isalpha())):
            e += 1  # a contraction split by the tokenizer: "don’t"
        inner = text[s:e]
        if inner.count("\u201d") > inner.count("\u201c"):
            # the end of a quotation the sentence splitter cut: back to its opening mark, same paragraph
            q = text.rfind("\u201c", 0, s)
            if q >= 0 and "\u201d" not in text[q + 1 : s] and not re.search(r"\n\s*\n", text[q:s]):
                s = q
        if '"' not in inner and re.match(r'[.,!?]{0,2}"', text[e : e + 3]):
            # the end of a straight-quoted quotation the sentence splitter cut: back to its opening mark
            par = max(text.rfind("\n\n", 0, s), 0)
            q = text.rfind('"', par, s)
            if q >= 0 and text[par:s].count('"') % 2 == 1:
                s = q
        if k >= 0 and text[k] in "\u201c\"" and inner.count("\u201c") >= inner.count("\u201d") and (
                text[k] == "\u201c" or _straight_quote_opens(text, k)):
            s = k
        if text[s] in "\u201c\"":
            close = _close_quote_after(doc, s)
            if close is not None and not re.search(r"\n\s*\n", text[min(e, close):max(e, close)]):
                e = close  # a quotation: to its closing mark, not beyond
        inner = text[s:e]
        if inner.count("\u201c") > inner.count("\u201d") or (inner.count('"') % 2 == 1):
            m = re.match(r"[.,!?]{0,2}[\u201d\"]", text[e : e + 3])
            if m:
                e += m.end()  # the closing mark the parse left to the sentence
        if PARAGRAPH.search(text[s:e]) and not PARAGRAPH.search(c.text):
            s, e = c.start, c.end  # quotation marks paired across paragraphs: a stray mark, not a quote
        out.append(_char_span(doc, s, e))
    content = out
    last = content[-1]
    first = content[0]
    joined = doc.text[first.start : last.end]
    opens = joined.count("\u201c") + (joined.count('"') % 2)
    closes = joined.count("\u201d")
    if opens > closes:
        q = doc.text.find("\u201c", first.start, last.end)
        if q < 0:
            q = doc.text.find('"', first.start, last.end)
        end = _close_quote_after(doc, q)
        if end is not None and end > last.end and not re.search(r"\n\s*\n", doc.text[last.end : end]):
            return content[:-1] + [_char_span(doc, last.start, end)]
    return content


# ---------------------------------------------------------------------------------------- source kind
def _head_words(doc: Document, tok: Any) -> tuple[str, set[str]]:
    """(head lemma, lower-case words of the phrase) of a source phrase."""
    lo, hi = _source_range(tok)
    words = {t.lower_ for t in doc.spacy[lo : hi + 1]} | {t.lemma_.lower() for t in doc.spacy[lo : hi + 1]}
    return tok.lemma_.lower(), words


def party_and_kind(doc: Document, tok: Any) -> tuple[str | None, str | None, bool]:
    """(party, source_kind, anonymous) of the source phrase headed by `tok`; the party is None when it cannot
    be resolved (a party is a bonus: the attribution stands without it)."""
    from .frames import resolve_party
    from .lexicon import lexicon

    try:
        party = resolve_party(doc, tok, lexicon()).source
    except Exception:  # noqa: BLE001 - a party is a bonus; the attribution stands without it
        party = None
    kind, anon = source_kind_of(doc, tok, party)
    return party, kind, anon


def source_kind_of(doc: Document, tok: Any, party: str | None) -> tuple[str | None, bool]:
    """(source_kind, anonymous) of the source phrase headed by `tok`."""
    lex = attribution_lexicon()
    sd = doc.spacy
    lo, hi = _source_range(tok)
    toks = list(sd[lo : hi + 1])
    head, words = _head_words(doc, tok)
    named = any(t.ent_type_ == "PERSON" for t in toks)
    sent_text = tok.sent.text.lower()
    anonymous = not named and (head in lex["anonymous_heads"] or tok.lower_ in lex["anonymous_heads"]) and not any(
        t.ent_type_ in ("ORG", "GPE", "NORP") and t.i == tok.i for t in toks)
    if not named and any(p in sent_text for p in lex["anonymity_phrases"]):
        anonymous = True
    if head in lex["unsourced_heads"] and not named and not any(
            c.dep_ == "poss" or (c.dep_ == "compound" and c.ent_type_) for c in tok.children):
        return None, False  # "reports say", "rumours said": no one is named ("Reuters reports" is)
    if head in lex["witness_heads"] and not named:
        return "witness", anonymous
    if head in lex["generic_source_heads"] and not named and any(
            c.dep_ in ("amod", "compound") and c.lower_ in lex["witness_modifiers"] for c in tok.children):
        return "witness", anonymous  # "local sources", "medical sources"
    actor = doc.actor_by_id(party) if party else None
    if named:
        # "Jonas Brell, a singer, said": the role the apposition gives a named person
        role = next((c for c in tok.children if c.dep_ == "appos" and c.pos_ == "NOUN"), None)
        if role is not None and (actor is None or (actor.kind == "person" and not actor.affiliation)):
            rwords = {t.lemma_.lower() for t in role.subtree} | {t.lower_ for t in role.subtree}
            if role.lemma_.lower() in lex["witness_heads"]:
                return "witness", False
            if not (rwords & lex["party_heads"]) and role.lemma_.lower() not in lex["media_heads"] | lex[
                    "monitor_heads"]:
                return "other", False
    is_org = any(t.ent_type_ == "ORG" for t in toks)
    if tok.pos_ == "PROPN" and any(c.dep_ in ("compound", "appos", "nmod") and c.lemma_.lower() in lex["media_modifiers"]
                                   for c in tok.children):
        return "media", anonymous  # "the state news agency SANA", "NAME Television"
    if head in lex["media_heads"] or (is_org and tok.lower_ in lex["media_heads"]):
        if not (head in ("post", "office", "state") and not is_org):
            return "media", anonymous
    if head in lex["monitor_heads"] and any(c.dep_ in ("amod", "compound") and c.lower_ in lex["party_modifiers"]
                                             for c in tok.children):
        return "party", anonymous  # "opposition activists": a side in the events
    if head in lex["monitor_heads"] or words & lex["monitor_modifiers"] and head in ("group", "agency", "organization",
                                                                                   "organisation", "body", "official"):
        return "monitor", anonymous
    if actor is not None and actor.kind in ("igo", "ngo"):
        return "monitor", anonymous
    if actor is not None or head in lex["party_heads"] or tok.lower_ in lex["party_heads"]:
        return "party", anonymous
    if named or tok.ent_type_ in ("ORG", "NORP", "GPE"):
        return "other" if not (words & lex["party_heads"]) else "party", anonymous
    if tok.pos_ in ("NOUN", "PROPN"):
        return "other", anonymous
    return None, anonymous


# ---------------------------------------------------------------------------------------- cues
def _cue_range(sd: Any, tok: Any, top: Any, prep_ok: tuple[str, ...] = ()) -> tuple[int, int]:
    """The verb with its auxiliaries, negation, adverbs between them and a particle ("has often
    cited", "pointed out"); from `top` when the verb is the infinitive of another ("appeared to
    suggest")."""
    lo = hi = tok.i
    for x in {top, tok}:
        for c in x.children:
            if c.dep_ in ("aux", "auxpass", "neg") and c.i < x.i and x.i - c.i <= 4:
                lo = min(lo, c.i)
    lo = min(lo, top.i)
    for x in {top, tok}:
        for c in x.children:
            # "also said", "repeatedly accused": an adverb right before the verb
            if c.dep_ == "advmod" and c.i == lo - 1 and c.pos_ == "ADV" and (
                    c.lower_ in CUE_ADVERBS or (c.tag_ == "RB" and c.lower_ not in NOT_CUE_ADVERBS)):
                lo = c.left_edge.i if c.right_edge.i == c.i else c.i  # "almost immediately disclosed"
    for c in tok.children:
        if (c.dep_ == "prt" or (c.dep_ == "prep" and c.lower_ in prep_ok)) and c.i == hi + 1:
            hi = c.i
    return lo, hi


def _cue_adjuncts(sd: Any, tok: Any, hi: int, content: set[int], subj: Any | None) -> int:
    """Extend a verb cue over a colon right after it ("said:"). (Adjuncts such as "in a statement" or
    "told reporters" stay out: annotators of attribution mostly leave them out of the cue.)"""
    skip = _subtree(subj) if subj is not None else set()
    for c in sorted(tok.children, key=lambda c: c.i):
        if c.i <= hi:
            continue
        if c.left_edge.i != hi + 1 or c.i in skip:
            break
        sub = _subtree(c)
        if sub & content:
            break
        if c.dep_ == "dobj" and c.lower_ == "it" and verb_lemma(tok, {}) == "put":
            hi = c.i  # "as the memo put it"
            continue
        if c.dep_ == "punct" and c.text == ":":
            if c.right_edge.i - c.left_edge.i > 8:
                break
            hi = c.right_edge.i
            continue
        break
    while hi > tok.i and sd[hi].is_punct and sd[hi].text != ":":
        hi -= 1
    return hi


def _subject_of(tok: Any) -> tuple[Any | None, Any]:
    """(subject token, the verb that bears it) for a cue verb: its own subject, else that of the verb it
    is an infinitive of or is coordinated with ("appeared to suggest", "smiled and said")."""
    x = tok
    for _ in range(3):
        subs = [c for c in x.children if c.dep_ in SUBJ]
        if subs:
            return min(subs, key=lambda c: abs(c.i - tok.i)), x
        agent = next((c for c in x.children if c.dep_ == "agent"), None)
        if agent is not None:
            pobj = next((c for c in agent.children if c.dep_ == "pobj"), None)
            if pobj is not None:
                return pobj, x
        if x.dep_ in ("xcomp", "conj", "advcl") and x.head is not x:
            x = x.head
            continue
        break
    return None, tok


def _verb_content(tok: Any, lex: dict[str, Any], lemma: str, passive: bool) -> tuple[set[int], list[str]]:
    """What a reporting verb's words say (token indices), from its complements, objects and
    prepositions, and the prepositions that belong to its cue ("accused ... of")."""
    content: set[int] = set()
    preps: list[str] = []
    if lemma in lex["as_verbs"]:
        # "sees the vote as a test", "portrayed him as a victim": a cue only with its "as" complement
        dobj = next((c for c in tok.children if c.dep_ == "dobj"), None)
        as_comp = [c for c in tok.children if c.dep_ == "prep" and c.lower_ == "as" and any(
            d.dep_ in ("pobj", "pcomp", "amod", "acomp") for d in c.children)]
        if dobj is not None and as_comp and tok.i < dobj.i < as_comp[0].i:
            content = _subtree(dobj) | _subtree(as_comp[0])
        return content, preps
    if lemma in NAMING_VERBS:
        # "called the plan a fraud", "described him as reckless": the object and what it is called
        dobj = next((c for c in tok.children if c.dep_ == "dobj"), None)
        comp = [c for c in tok.children if c.dep_ in ("oprd", "ccomp", "xcomp", "acomp")
                or (c.dep_ == "prep" and c.lower_ == "as")]
        if dobj is not None and (comp or any(d.dep_ in ("nsubj", "appos") or (d.dep_ == "relcl" and d.i > dobj.i)
                                             for d in dobj.children) or dobj.n_lefts + dobj.n_rights > 2):
            content |= _subtree(dobj)
            for c in comp:
                content |= _subtree(c)
    for c in tok.children:
        if content and lemma in NAMING_VERBS:
            break
        if c.dep_ in ("ccomp", "parataxis") or (c.dep_ == "csubj" and passive):
            content |= _subtree(c)
        elif c.dep_ == "advcl" and c.i > tok.i and not any(d.dep_ == "mark" for d in c.children) and any(
                d.dep_ == "nsubj" for d in c.children) and c.pos_ in ("VERB", "AUX") and not content:
            content |= _subtree(c)  # "said after the talks he would stay": a complement parsed as adverbial
        elif c.dep_ == "xcomp" and lemma in lex["xcomp_content_verbs"]:
            content |= _subtree(c)
            if lemma in OBJECT_CONTROL:  # "urged supporters to vote": who is to act is part of it
                for d in tok.children:
                    if d.dep_ == "dobj" and d.i < c.i:
                        content |= _subtree(d)
        elif c.dep_ == "prep" and c.lower_ in lex["object_preps"].get(lemma, []):
            if lemma in REASON_ONLY and not _a_reason(c):
                continue
            content |= _subtree(c) - {c.i}
            preps.append(c.lower_)
        elif c.dep_ == "dobj" and lemma in lex["object_preps"]:
            for p in c.children:  # "accused the army of killing": "of" may hang off the object
                if p.dep_ == "prep" and p.lower_ in lex["object_preps"][lemma]:
                    content |= _subtree(p) - {p.i}
    if content and lemma in JUDGEMENT_WITH_OBJECT:
        for d in tok.children:  # "criticized the mayor for ...": who is judged is part of what is said
            if d.dep_ == "dobj":
                content |= _subtree(d)
    if not content:
        # "said in a statement that ...": the parser hangs the clause on the noun
        for p in tok.children:
            if p.dep_ == "prep" and p.lower_ in ("in", "on", "via", "through"):
                for n in p.children:
                    if n.dep_ == "pobj" and n.lemma_.lower() in lex["noun_cues"]:
                        for c in n.children:
                            if c.dep_ in ("acl", "ccomp", "relcl") and any(
                                    m.dep_ == "mark" and m.lower_ == "that" for m in c.children):
                                content |= _subtree(c)
    if not content and lemma in lex["inform_verbs"]:
        content = clause_under_object(tok)  # "told a gathering of pilots that ...", misparsed as relative
    if not content:
        dobj = next((c for c in tok.children if c.dep_ == "dobj"), None)
        heads = lex["np_object_heads"].get(lemma)
        if dobj is not None and lemma in lex["np_content_verbs"] and (heads is None or dobj.lemma_.lower() in heads):
            content |= _subtree(dobj)
            for c in tok.children:
                if c.dep_ == "prep" and c.lower_ == "as" and c.i > dobj.i:
                    content |= _subtree(c)  # "cited the remarks as proof of ..."
    return content, preps


def _a_reason(prep: Any) -> bool:
    """ "for her remarks", "for failing to ...": a reason, not a duration or an amount ("for two hours")."""
    obj = next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None)
    if obj is None or obj.ent_type_ in NOT_REASONS or any(t.ent_type_ in NOT_REASONS for t in obj.subtree):
        return False
    return obj.tag_ == "VBG" or obj.pos_ in ("NOUN", "PROPN", "PRON")


def _verb_attribution(doc: Document, tok: Any, lex: dict[str, Any]) -> tuple[Any, Attribution] | None:
    sd = doc.spacy
    lemma = verb_lemma(tok, lex["verbs"])
    stance = lex["verbs"].get(lemma)
    if stance is None or tok.pos_ not in ("VERB", "AUX"):
        return None
    if tok.dep_ in ("amod",) or (tok.dep_ == "acl" and tok.tag_ == "VBN"):
        return None  # "the claimed attack"
    if is_citing(tok):
        return None  # "..., citing hospital staff": the cited source of another's words (`cited`)
    if any(c.dep_ == "xcomp" and verb_lemma(c, lex["verbs"]) in lex["verbs"].keys() - lex["as_only_verbs"]
           and c.pos_ == "VERB" for c in tok.children):
        return None  # "refused to endorse", "went on to say": the inner verb is the cue
    subj, bearer = _subject_of(tok)
    passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in tok.children)
    target = next((d for d in tok.children if d.dep_ == "dobj"), None) if lemma in lex["object_preps"] else None
    content, preps = _verb_content(tok, lex, lemma, passive)
    if lemma in lex["that_clause_verbs"] and not any(c.dep_ == "ccomp" and has_complementizer(c) for c in tok.children):
        return None  # "discovered a cache", "noticed him running": perceiving, not knowing that ...
    if lemma in lex["as_only_verbs"] and not as_clause_content(sd, tok, subj):
        return None  # "put the case", "put pressure on": a cue only in "as the memo put it"
    if lemma in REASON_ONLY and not preps:
        return None  # "fighters attacked the militia ...": a physical attack, whatever the parse hangs on it
    if subj is None:
        # "The front denies taking the place, says it will fight": the subject sits in the clause the
        # parser hung on the verb's left
        for c in tok.children:
            if c.dep_ in ("ccomp", "parataxis") and c.i < tok.i:
                s2 = next((d for d in c.children if d.dep_ in ("nsubj",)), None)
                if s2 is not None and c.lemma_.lower() in lex["verbs"].keys() - lex["as_only_verbs"] and (
                        c.lemma_.lower() not in lex["that_clause_verbs"] or has_complementizer(c)):
                    subj = s2
                    content = {i for i in content if i > tok.i}
    if subj is None and not passive and content:
        subj = misparsed_final_subject(sd, tok, content)
        if subj is not None:
            content = {i for i in content if not subj.left_edge.i - 1 <= i < tok.i}
    if tok.i > 0 and any(c.dep_ == "mark" for c in tok.children):
        content = {i for i in content if i > tok.i}  # "... that it maintains X": nothing on its left is said
    if passive and lemma in NAMING_VERBS:
        return None  # "is called X by his followers": naming, not saying
    if passive and subj is not None and subj.dep_ == "nsubjpass" and content:
        subj = None  # "it was reported that ...": no one named
    if passive and subj is not None and subj.dep_ == "nsubjpass":
        return None  # "he was told", "they were asked"
    # "..., police said": the verb after the clause it reports
    if not content and tok.dep_ in ("parataxis", "ccomp", "conj", "advcl") and tok.head.i < tok.i and subj is not None:
        first = min([tok.i] + ([subj.left_edge.i] if subj is not None else []))
        if first > tok.sent.start and sd[first - 1].is_punct and not any(c.dep_ == "mark" for c in tok.children):
            content = set(range(tok.sent.start, first))
    if not content and subj is not None and tok.dep_ == "ROOT":
        # "“Is it done? Not yet,” she said.": the end of a quotation the sentence splitter cut off, which
        # the parser hung on the verb as adverbs; it runs back to its opening mark (`_extend_quote`)
        first = min(tok.i, subj.left_edge.i)
        if first - 1 > tok.sent.start and sd[first - 1].text in CLOSE_QUOTES and sd[first - 2].text in (",", "?", "!"):
            content = set(range(tok.sent.start, first))
    if not content and subj is not None:
        content = parenthetical_content(sd, tok, subj) or final_reporting_clause(sd, tok, subj) or (
            as_clause_content(sd, tok, subj))
    if not content:
        # "He said: “...”" / "he said, “...”": a quotation right after the cue
        got = _quote_after_cue(doc, tok)
        if got is None:
            return None
        ca = Attribution(cue=_span(doc, *got[0]), content=[got[1]], stance=stance)
        return subj, _finish(doc, ca, tok, subj, bearer, stance)
    content -= _subtree(subj) if subj is not None and subj.i not in content else set()
    if subj is not None:
        content -= set(range(_source_range(subj)[0], _source_range(subj)[1] + 1))
    content.discard(tok.i)
    if subj is not None and content and min(content) < subj.left_edge.i < tok.i and subj.left_edge.i > tok.sent.start and (
            sd[subj.left_edge.i - 1].is_punct):
        # "“...,” the minister said" / "To win, he said, we must ...": all of the sentence before the source
        left = set(range(tok.sent.start, subj.left_edge.i))
        content = left | {i for i in content if i > tok.i}
    content -= _nonrestrictive(sd, content)
    if any(c.dep_ == "neg" for c in tok.children):
        if stance == "denies":
            stance = "asserts"  # "did not deny"
    spans = _spans_of(sd, content)
    if not spans:
        return None
    top = tok
    while top.dep_ == "xcomp" and top.head is not top and top.head.pos_ in ("VERB", "AUX") and top.i - top.head.i <= 4:
        top = top.head  # "refused to endorse", "went on to explain"
    lo, hi = _cue_range(sd, tok, top, tuple(preps))
    hi = _cue_adjuncts(sd, tok, hi, content, subj)
    a = Attribution(cue=_span(doc, lo, hi),
                    content=[_span(doc, x, y) for x, y in spans], stance=stance)
    if target is not None and target.i not in content:
        a.target = _span(doc, *_source_range(target))
    return subj, _finish(doc, a, tok, subj, bearer, stance)


def _quote_after_cue(doc: Document, tok: Any) -> tuple[tuple[int, int], Span] | None:
    """((cue token range), content) for "He said: “...”", "he said, “...”", and a cue that ends its
    paragraph with a colon ("He said:" then the quotation or statement as the next paragraph)."""
    sd = doc.spacy
    lo, hi = _cue_range(sd, tok, tok)
    k = hi + 1
    while k < len(sd) and sd[k].text in (":", ","):
        k += 1
    colon = k - 1 if k - 1 > hi and sd[k - 1].text == ":" else None
    if colon is not None and k < len(sd) and sd[k].is_space and "\n" in sd[k].text:
        k += 1  # "He said:" closing its paragraph: the next paragraph is what is said
        if k < len(sd) and sd[k].text not in OPEN_QUOTES:
            par = PARAGRAPH.search(doc.text, sd[k].idx)
            end = par.start() if par else len(doc.text)
            return ((lo, colon), _char_span(doc, sd[k].idx, end)) if end - sd[k].idx > 10 else None
    if k < len(sd) and sd[k].text in OPEN_QUOTES:
        close = _close_quote_after(doc, sd[k].idx)
        if close is not None and not PARAGRAPH.search(doc.text[sd[k].idx : close]):
            return (lo, colon if colon is not None else hi), _char_span(doc, sd[k].idx, close)
    return None


def _nonrestrictive(sd: Any, idxs: set[int]) -> set[int]:
    """Non-restrictive relative clauses on names (", who is 70"): the writer's words, not the source's."""
    out: set[int] = set()
    for i in idxs:
        t = sd[i]
        if t.dep_ == "relcl" and t.head.pos_ == "PROPN" and t.left_edge.i > 0 and sd[t.left_edge.i - 1].text == ",":
            if t.head.i in idxs and not any(sd[k].text in OPEN_QUOTES + CLOSE_QUOTES for k in range(t.left_edge.i, t.right_edge.i + 1)):
                out |= {x.i for x in t.subtree} | {t.left_edge.i - 1}
    return out


def _set_source(doc: Document, a: Attribution, src: Any | None) -> None:
    """The attribution's source: the phrase headed by token `src` (nothing when there is none)."""
    if src is not None:
        a.source = _span(doc, *_source_range(src))
        a.source_head = src.i


def _finish(doc: Document, a: Attribution, tok: Any, subj: Any | None, bearer: Any, stance: str) -> Attribution:
    a.head = tok.i
    a.stance = stance
    _set_source(doc, a, subj)
    return a


def _according(doc: Document, tok: Any) -> tuple[Any, Attribution] | None:
    sd = doc.spacy
    to = next((c for c in tok.children if c.lower_ == "to"), None)
    if to is None and tok.i + 1 < len(sd) and sd[tok.i + 1].lower_ == "to":
        to = sd[tok.i + 1]
    if to is None:
        return None
    pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
    if pobj is None:
        return None
    phrase = _subtree(tok) | _subtree(to)
    top = tok.head if tok.head is not tok else tok
    content = _subtree(top) - phrase if top is not tok else {t.i for t in tok.sent} - phrase
    # clauses joined by "but" are not what the source said
    for c in top.children:
        if c.dep_ == "conj" and any(x.dep_ == "cc" and x.lower_ in ("but", "while", "whereas") for x in top.children):
            if (c.i > tok.i) != (top.i > tok.i):
                content -= _subtree(c)
    content = {i for i in content if sd[i].sent == tok.sent}
    spans = _spans_of(sd, content)
    if not spans:
        return None
    a = Attribution(cue=_span(doc, tok.i, to.i), content=[_span(doc, x, y) for x, y in spans], stance="asserts")
    _set_source(doc, a, pobj)
    a.head = tok.i
    return pobj, a


def _impersonal(tok: Any) -> bool:
    """ "It was reported that ...", "is expected to": a passive cue that leaves the source implicit."""
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in tok.children)


def _noun_cue(doc: Document, tok: Any, lex: dict[str, Any]) -> tuple[Any, Attribution] | None:
    sd = doc.spacy
    stance = lex["noun_cues"].get(tok.lemma_.lower())
    if stance is None or tok.pos_ not in ("NOUN",):
        return None
    # "the claim that ...": a content clause opened by the complementizer "that" (a relative clause
    # has "that" as its subject or object, never as `mark`)
    clause = [c for c in tok.children if c.dep_ in ("acl", "ccomp", "relcl") and c.i > tok.i
              and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)]
    if not clause:
        return None
    content: set[int] = set()
    for c in clause:
        content |= _subtree(c)
    spans = _spans_of(sd, content)
    if not spans:
        return None
    src = next((c for c in tok.children if c.dep_ == "poss"), None)
    if src is None:
        for p in tok.children:
            if p.dep_ == "prep" and p.lower_ in ("by", "from"):
                src = next((c for c in p.children if c.dep_ == "pobj"), None)
    if src is None and tok.dep_ in ("dobj",):
        s2, _ = _subject_of(tok.head)
        if s2 is not None and tok.head.lemma_.lower() in ("make", "issue", "release", "repeat", "publish", "voice"):
            src = s2
    a = Attribution(cue=_span(doc, tok.i, tok.i), content=[_span(doc, x, y) for x, y in spans], stance=stance)
    a.head = tok.i
    _set_source(doc, a, src)
    return src, a


def _responsibility(doc: Document, tok: Any) -> tuple[Any, Attribution] | None:
    """ "X claimed responsibility for Y": cue "claimed responsibility", content the object of "for"."""
    sd = doc.spacy
    if tok.lemma_.lower() not in ("claim", "accept", "take", "assume", "admit", "deny", "reject", "disclaim"):
        return None
    dobj = next((c for c in tok.children if c.dep_ == "dobj" and c.lemma_.lower() in ("responsibility", "credit")), None)
    if dobj is None:
        return None
    content: set[int] = set()
    for holder in (dobj, tok):
        for p in holder.children:
            if p.dep_ == "prep" and p.lower_ in ("for", "of", "over", "behind"):
                content |= _subtree(p) - {p.i}
    subj, _ = _subject_of(tok)
    stance = "denies" if tok.lemma_.lower() in ("deny", "reject", "disclaim") or any(
        c.dep_ == "neg" for c in tok.children) else "asserts"
    spans = _spans_of(sd, content)
    lo, hi = _cue_range(sd, tok, tok)
    a = Attribution(cue=_span(doc, lo, dobj.i), content=[_span(doc, x, y) for x, y in spans], stance=stance)
    a.head = tok.i
    _set_source(doc, a, subj)
    return subj, a


# ---------------------------------------------------------------------------------------- main
def extract_attributions(doc: Document) -> list[Attribution]:
    """Every attribution in `doc` (needs the nlp stage; the actors stage gives parties)."""
    from .attribution_lines import _colon_attributions, _document_sources, _resolve_pronouns, _signed_quotes
    sd = doc.spacy
    if sd is None:
        return []

    lex = attribution_lexicon()
    found: list[tuple[Any, Attribution]] = []
    verbs = lex["verbs"]
    for tok in sd:
        low, lemma = tok.lower_, verb_lemma(tok, verbs)
        got = None
        if low in lex["according"]:
            got = _according(doc, tok)
        elif tok.pos_ in ("VERB", "AUX") and any(c.dep_ == "dobj" and c.lemma_.lower() in ("responsibility", "credit")
                                                for c in tok.children):
            got = _responsibility(doc, tok)
        elif lemma in verbs and tok.pos_ in ("VERB", "AUX"):
            got = _verb_attribution(doc, tok, lex)
        elif lemma in lex["noun_cues"]:
            got = _noun_cue(doc, tok, lex)
        if got is not None:
            found.append(got)
    found += [(s, a) for s, a in adjective_attributions(doc, lex) + passive_attributions(doc, lex)
              if a.head not in {b.head for _, b in found}]
    verb_heads = {a.head for _, a in found if sd[a.head].pos_ in ("VERB", "AUX")}
    found = [(s, a) for s, a in found if not (
        sd[a.head].pos_ == "NOUN" and sd[a.head].dep_ == "pobj" and sd[a.head].head.head.i in verb_heads)]
    atts: list[Attribution] = []
    for subj, a in found:
        if subj is not None and subj.lower_ in FIRST_SECOND:
            continue  # "I think", "you know": the speaker's own words inside a quotation
        if SKIP_SUBJECTLESS and subj is None and a.head >= 0 and sd[a.head].pos_ in ("VERB", "AUX") and not _impersonal(sd[a.head]):
            continue  # "to talk about it", "hoping to win": an infinitive or participle with no one named
        if subj is not None:
            a.party, a.source_kind, a.anonymous = party_and_kind(doc, subj)
        else:
            a.stance = "reports" if a.stance == "asserts" else a.stance
        a.content = _extend_quote(doc, a.content)
        tighten_light_verb(doc, a, lex)
        atts.append(a)
    atts += cited_attributions(doc, atts)
    colon = _colon_attributions(doc, lex)
    taken = {(a.cue.start, a.cue.end) for a in atts}
    for a in colon:
        if (a.cue.start, a.cue.end) not in taken and not any(
                b.cue.start >= a.content[0].start and b.cue.end <= a.content[0].end for b in atts[:0]):
            tok = sd[a.source_head]
            a.source_kind, a.anonymous = ("party" if tok.ent_type_ != "ORG" else "other"), False
            atts.append(a)
    signed = _signed_quotes(doc)
    if signed:
        # cues inside a signed quotation are the signer's own words
        atts = [b for b in atts if not any(a.content[0].start <= b.cue.start < a.content[0].end for a in signed)]
        atts += signed
    atts = _dedupe(atts)
    for a in atts:
        _continued_quote(doc, a)
    if DROP_NESTED_IN_QUOTES:
        quotes = [c for a in atts for c in a.content if c.text[:1] in OPEN_QUOTES and len(c.text) > 40]
        atts = [a for a in atts if not any(q.start < a.cue.start and a.cue.end < q.end for q in quotes)]
    atts.sort(key=lambda a: (a.cue.start, a.cue.end))
    _resolve_pronouns(doc, atts)
    _document_sources(doc, atts, lex)
    return atts
