"""Passes 3-4 of the recogniser: noun phrases built on named actors, generic actors by head noun,
demonym modifiers and group names."""

from __future__ import annotations

from typing import Any

from spacy.symbols import NOUN, PROPN

from .lexicon import country_id, demonym_country, slug
from .state import (
    _PEOPLE_NOUNS,
    ANAPHORIC_GENERIC,
    ARMED_KINDS,
    DEFINITE,
    EXTENSION_HEADS,
    HYPHENS,
    ORG_HEADS,
    SECTOR_KINDS,
    _antecedent,
    _dominant_country,
    _drop_mention,
    _generic_key,
    _government,
    _headline,
    _named_person_near,
    _np_left,
    _State,
)


def _generic_modifier_of_other(st: _State, tok: Any) -> bool:
    """ "Riot police charge students": a people noun mis-parsed as a modifier of another people noun."""
    if tok.lemma_.lower() not in _PEOPLE_NOUNS or (tok.tag_ != "NNS" and tok.lemma_.lower() != "police"):
        return False
    head = tok.head
    while head.dep_ == "compound" and head.head.i > head.i:
        head = head.head
    mine, other = _generic_key(st, tok), _generic_key(st, head)
    return bool(mine and other and mine[0] != other[0])


def _qualifier_country(st: _State, tok: Any) -> tuple[str | None, list[int]]:
    """Country of a head noun from its demonym / country-name / possessive modifiers."""
    for c in tok.lefts:
        if c.dep_ not in ("amod", "compound", "nmod", "poss", "npadvmod"):
            continue
        m = st.mention_at(c.i)
        if m is not None:
            a = st.actors[m.actor_id]
            if a.kind in ("country", "government") and a.country:
                return a.country, list(range(m.start, m.end))
        is_dem, iso = demonym_country(c.text)
        if is_dem and c.text[:1].isupper():
            return iso, [c.i]
        if c.dep_ == "compound":
            sub_iso, toks = _qualifier_country(st, c)
            if sub_iso:
                return sub_iso, toks
    return None, []


def _noun_phrases(st: _State) -> None:
    """Noun phrases whose head is modified by a named actor, a country or a demonym."""
    sd = st.sdoc
    for m in sorted(list(st.mentions), key=lambda m: m.start):
        a = st.actors[m.actor_id]
        last = sd[m.end - 1]
        head = last.head if last.dep_ in ("compound", "amod", "nmod") and last.head.i > last.i else None
        if head is None or head.pos_ not in ("NOUN", "PROPN") or head.i in st.owner:
            continue
        if any(sd[k].is_punct and sd[k].text not in HYPHENS for k in range(m.end, head.i)):
            continue
        lemma = head.lemma_.lower()
        if a.kind in ("country", "government"):
            gk = _generic_key(st, head)
            if gk is None or lemma in st.lex.titles and head.tag_ in ("NN", "NNP"):
                continue
            sec, kind, _ = gk
            start = _np_left(head)
            _drop_mention(st, m)
            if sec == "government":
                _government(st, head, a.country or "", start)
            else:
                st.add(
                    start,
                    head.i + 1,
                    f"generic:{sec}:{a.country}",
                    kind=kind,
                    country=a.country,
                    sector=sec,
                    how="np",
                )
        elif lemma in EXTENSION_HEADS or lemma in st.lex.titles or _generic_key(st, head) is not None:
            if lemma in st.lex.titles and _named_person_near(head):
                continue
            st.add(_np_left(head), head.i + 1, a.id, how="np")


def _generic(st: _State) -> None:
    sd = st.sdoc
    for k in st.where_pos(NOUN, PROPN):
        if k in st.owner:
            continue
        tok = sd[k]
        if tok.dep_ in ("compound", "amod", "poss") and tok.head.pos_ in ("NOUN", "PROPN"):
            # a modifier, not the head of a noun phrase; but "riot police charge students" (a bad parse)
            if not _generic_modifier_of_other(st, tok):
                continue
        gk = _generic_key(st, tok)
        lemma = tok.lemma_.lower()
        is_dem, dem_iso = demonym_country(tok.text)
        if gk is None:
            # a demonym as a noun: "Palestinians", "Iraqi Kurds", "a Mexican"
            plural = tok.tag_ in ("NNPS", "NNS") or tok.text.lower() != tok.lemma_.lower()
            if is_dem and tok.text[:1].isupper() and plural and tok.text.endswith("s"):
                start = _np_left(tok)
                group = slug(tok.text.rstrip("s")) if dem_iso is None else dem_iso
                st.add(
                    start,
                    tok.i + 1,
                    f"generic:people:{group}",
                    kind="civilians",
                    country=dem_iso,
                    sector="nationals" if dem_iso else "ethnic",
                    how="generic",
                )
            continue
        if lemma in st.lex.titles and tok.tag_ in ("NN", "NNP"):
            continue  # a singular title ("official"): see _titles
        sec, kind, key = gk
        if key in st.lex.qualified and _qualifier_country(st, tok)[0] is None:
            continue  # "intelligence", "people", "media" are actors only with a country: "Israeli intelligence"
        if (
            tok.ent_type_ in ("ORG", "FAC", "WORK_OF_ART")
            and tok.ent_iob_ != "B"
            and tok.text[:1].isupper()
            and _qualifier_country(st, tok)[0] is None
            and not _headline(st.sdoc, tok.i, st.text)
        ):
            continue  # part of an organisation's name ("Iraqi Security Forces" is a state force, though)
        iso, _ = _qualifier_country(st, tok)
        start = _np_left(tok)
        if any(k in st.owner for k in range(start, tok.i)):
            start = tok.i
            while (
                start > 0
                and sd[start - 1].i not in st.owner
                and sd[start - 1].head == tok
                and sd[start - 1].dep_ in ("amod", "compound", "nmod")
            ):
                start -= 1
        det = {c.lower_ for c in tok.lefts if c.dep_ == "det"}
        # "the armed resistance" -> the named actor described that way earlier in the article (NRF)
        if det & DEFINITE and iso is None:
            words = {tok.lemma_.lower(), tok.lower_} | {
                c.lemma_.lower() for c in tok.lefts if c.dep_ in ("amod", "compound")
            }
            ante = _antecedent(
                st,
                tok.i,
                lambda a, words=words: bool(st.lex.descriptors.get(a.id, set()) & words),
                max_sents=30,
                skip_quotes=True,
            )
            if ante is not None:
                st.add(start, tok.i + 1, ante.id, how="desc")
                continue
        # "the militants" -> the armed group of the last sentences, when no generic group came between
        if lemma in ANAPHORIC_GENERIC and det & DEFINITE and tok.tag_ in ("NNS", "NNPS") and start == tok.i:
            ante = _antecedent(
                st,
                tok.i,
                lambda a: a.kind in ARMED_KINDS and not a.id.startswith("generic:"),
                max_sents=3,
                stop=lambda a: a.id.startswith("generic:") and a.kind == "armed_group",
            )
            if ante is not None:
                st.add(start, tok.i + 1, ante.id, how="desc")
                continue
        # "the forces", "the troops", "the police" -> the same kind of actor named just before
        if det & DEFINITE and start == tok.i and sec in SECTOR_KINDS:
            ante = _antecedent(
                st,
                tok.i,
                lambda a, sec=sec: (
                    (a.sector == sec and a.id.startswith("generic:") and a.country is not None)
                    or (not a.id.startswith("generic:") and a.kind in SECTOR_KINDS[sec])
                ),
                max_sents=3,
            )
            if ante is not None:
                st.add(start, tok.i + 1, ante.id, how="desc")
                continue
        if sec == "government":
            if iso:
                _government(st, tok, iso, start)
                continue
            if det & DEFINITE and lemma in ("government", "regime", "administration", "authority"):
                dom = _dominant_country(st)
                if dom:
                    _government(st, tok, dom, start)
                    continue
        aid = f"generic:{sec}:{iso}" if iso else f"generic:{sec}"
        st.add(start, tok.i + 1, aid, kind=kind, country=iso, sector=sec, how="generic")


def _demonym_modifiers(st: _State) -> None:
    """ "an Australian ultimatum", "German goods": the country acts through the thing it modifies."""
    sd = st.sdoc
    strings = sd.vocab.strings  # labels known to spaCy as symbols have small ids, not string hashes
    modifier_deps = {strings[d] for d in ("amod", "compound", "nmod")}
    for k in [k for k, d in enumerate(st.deps) if d in modifier_deps]:
        if k in st.owner:
            continue
        tok = sd[k]
        if not tok.text[:1].isupper():
            continue
        if tok.ent_type_ not in ("NORP", "GPE", ""):
            continue
        is_dem, iso = demonym_country(tok.text)
        if (
            not is_dem
            or not iso
            or tok.text.lower().endswith("s")
            and tok.text.lower()[:-1] in st.lex.demonyms
        ):
            continue
        st.add(tok.i, tok.i + 1, country_id(iso), kind="country", country=iso, how="demonym")


def _group_names(st: _State) -> None:
    """ "the Kifaya group", "the Mahdi movement": a proper noun naming a group the dictionary lacks."""
    sd = st.sdoc
    for k in st.where_pos(NOUN):
        tok = sd[k]
        if tok.lemma_.lower() not in ORG_HEADS:
            continue
        names = [c for c in tok.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"]
        if not names:
            continue
        i, j = names[0].left_edge.i, names[-1].i + 1
        while i < j and (sd[i].is_punct or sd[i].lower_ == "the"):
            i += 1
        if j <= i or not st.free(i, tok.i + 1) or demonym_country(sd[i].text)[0]:
            continue
        text = sd[i:j].text
        st.add(i, tok.i + 1, f"org:{slug(text)}", name=text, kind="organization", how="ner")
