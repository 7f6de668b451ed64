"""Passes 6-7 of the recogniser: definite descriptions ("the group") and titles ("Taliban spokesman
Zabihullah Mujahid", "Chile's defence minister")."""

from __future__ import annotations

from typing import Any

from spacy.symbols import NOUN, PROPN

from ..document import Actor
from .lexicon import country_id, demonym_country, slug
from .state import (
    ARMED_KINDS,
    ARMED_MODIFIERS,
    DEFINITE,
    GROUP_KINDS,
    HEAD_TITLES,
    ORG_HEADS,
    _antecedent,
    _dominant_country,
    _government_of,
    _np_left,
    _sentence_floor,
    _State,
    _title_key,
    person_start,
)


def _descriptions(st: _State) -> None:
    """ "the group", "the extremist group", "the movement" -> the last salient organisation."""
    sd = st.sdoc
    for k in st.where_pos(NOUN):
        if k in st.owner:
            continue
        tok = sd[k]
        if tok.lemma_.lower() not in ORG_HEADS:
            continue
        if tok.dep_ == "compound":
            continue
        lefts = list(tok.lefts)
        det = [c for c in lefts if c.dep_ == "det" and c.lower_ in DEFINITE]
        poss_pron = [c for c in lefts if c.dep_ == "poss" and c.lower_ in ("its", "their")]
        if not det or poss_pron or tok.tag_ != "NN":
            continue
        if any(c.pos_ == "PROPN" for c in lefts) or any(
            c.dep_ == "prep" and c.lower_ == "of" for c in tok.rights
        ):
            continue
        mods = {c.lemma_.lower() for c in lefts if c.dep_ in ("amod", "compound")}
        armed = bool(mods & ARMED_MODIFIERS) or tok.lemma_.lower() in ("militia", "insurgency")
        # a description is not the actor it is coordinated with: "the resistance and the extremist group"
        conj_ids = set()
        for c in [*tok.conjuncts]:
            m = st.mention_at(c.i)
            if m is not None:
                conj_ids.add(m.actor_id)
        ante = None
        if mods:  # "the extremist group": an actor the dictionary describes that way
            ante = _antecedent(
                st,
                tok.i,
                lambda a, mods=mods, conj_ids=conj_ids: (
                    a.id not in conj_ids and bool(st.lex.descriptors.get(a.id, set()) & mods)
                ),
                max_sents=6,
                skip_quotes=True,
            )
        if ante is None:
            ante = _antecedent(
                st,
                tok.i,
                lambda a, armed=armed, conj_ids=conj_ids: (
                    not a.id.startswith("generic:")
                    and a.id not in conj_ids
                    and (a.kind in ARMED_KINDS if armed else a.kind in GROUP_KINDS - {"government"})
                ),
                max_sents=6,
                skip_quotes=True,
            )
        if ante is not None:
            st.add(_np_left(tok) if not det else det[0].i + 1, tok.i + 1, ante.id, how="desc")


def _person_of_title(st: _State, tok: Any) -> Actor | None:
    sd = st.sdoc

    def person_at(k: int) -> Actor | None:
        m = st.mention_at(k)
        if m is not None and st.actors[m.actor_id].kind == "person":
            return st.actors[m.actor_id]
        return None

    # "President Ashraf Ghani", "Taliban spokesman Zabihullah Mujahid"
    if tok.dep_ == "compound" and tok.head.i > tok.i:
        p = person_at(tok.head.i)
        if p:
            return p
    if tok.i + 1 < len(sd):
        p = person_at(tok.i + 1)
        if p:
            return p
    # "the group's spokesman, Zabihullah Mujahid", "the Taliban leader, Abdul Karim"
    for c in tok.rights:
        if c.dep_ == "appos":
            p = person_at(c.i)
            if p:
                return p
            if c.pos_ == "PROPN" and c.text[:1].isupper() and c.i not in st.owner:
                i = c.i
                while (
                    i > tok.i + 1
                    and sd[i - 1].pos_ == "PROPN"
                    and sd[i - 1].head == c
                    and sd[i - 1].i not in st.owner
                ):
                    i -= 1
                if st.free(i, c.i + 1) and c.ent_type_ not in ("ORG", "NORP"):
                    text = sd[i : c.i + 1].text
                    return st.add(i, c.i + 1, f"person:{slug(text)}", name=text, kind="person", how="title")
    # "Ahmad Massoud, head of the NRF"
    if tok.dep_ == "appos":
        p = person_at(tok.head.i)
        if p:
            return p
    # "Leader of the Southern Liberation Front, Karim Dahal made ..."
    end = tok.right_edge.i + 1
    if end + 1 < len(sd) and sd[end].text == ",":
        p = person_at(end + 1)
        if p:
            return p
    return None


def _org_of_title(st: _State, tok: Any, person: Actor | None) -> tuple[Actor | None, list[int]]:
    """The organisation/state a title belongs to, from its modifiers or an "of" phrase."""
    sd = st.sdoc
    cands: list[int] = []
    for c in tok.lefts:
        if c.dep_ in ("compound", "amod", "nmod", "poss", "npadvmod"):
            cands.extend(range(c.left_edge.i, c.i + 1))
    for c in tok.rights:
        if c.dep_ == "prep" and c.lower_ in ("of", "for", "at"):
            for pobj in c.children:
                if pobj.dep_ == "pobj":
                    cands.extend(range(pobj.left_edge.i, pobj.i + 1))
    if (
        tok.dep_ == "compound" and tok.head.i > tok.i
    ):  # modifiers of the name: "Peruvian President Ana Rojas"
        for c in tok.head.lefts:
            if c.i < tok.i and c.dep_ in ("compound", "amod", "nmod", "poss"):
                cands.extend(range(c.left_edge.i, c.i + 1))
    for k in sorted(set(cands)):
        m = st.mention_at(k)
        if m is not None:
            a = st.actors[m.actor_id]
            if a.kind != "person" and a is not person:
                return a, list(range(m.start, m.end))
        is_dem, iso = demonym_country(sd[k].text)
        if is_dem and iso and sd[k].text[:1].isupper():
            name = st.lex.country_names.get(iso, iso)
            return st.ensure(country_id(iso), name, "country", iso), [k]
    return None, []


def _titles(st: _State) -> None:
    sd = st.sdoc
    for k in st.where_pos(NOUN, PROPN):  # _title_key needs a noun
        tok = sd[k]
        key = _title_key(st, tok)
        if key is None:
            continue
        role = st.lex.titles[key]
        person = _person_of_title(st, tok)
        org, org_toks = _org_of_title(st, tok, person)
        if person is not None:
            st.titles.setdefault(person.id, key)
            if org is not None and not person.affiliation:
                if org.kind == "country" and role in ("gov", "mil"):
                    person.affiliation = _government_of(st, org.country or "").id
                else:
                    person.affiliation = org.id
                if person.country is None:
                    person.country = org.country
            elif (
                org is None
                and key in HEAD_TITLES
                and tok.i < person_start(st, person, tok)
                and not person.affiliation
            ):
                iso = _dominant_country(st)
                if iso:
                    person.affiliation = _government_of(st, iso).id
                    person.country = person.country or iso
            continue
        if tok.i in st.owner:
            owner = st.actors[st.owner[tok.i]]
            if owner.kind != "person" and tok.tag_ in ("NN", "NNP"):
                st.blockers.append(tok.i)  # "a Taliban commander": "he" is not an earlier person
                st.unnamed.append((tok.i, key, owner.id))
            continue
        if tok.tag_ not in ("NN", "NNP"):
            continue
        start = min([tok.i, *org_toks]) if org_toks else _np_left(tok)
        start = min(start, _np_left(tok))
        if org is not None and org.kind == "country":
            # "Chile's defence minister", "a Russian official": an official of that state
            iso = org.country or ""
            gov = _government_of(st, iso)
            a = st.add(
                start,
                tok.i + 1,
                f"official:{iso}:{slug(key)}",
                name=sd[start : tok.i + 1].text,
                kind="person",
                country=iso,
                how="title",
                affiliation=gov.id,
            )
            a.sector = "government"
            st.blockers.append(start)
            continue
        if org is not None:
            # "the leader of the opposition group", "a Taliban commander": no person named
            st.blockers.append(start)
            if org_toks and org_toks[0] < tok.i:
                st.add(start, tok.i + 1, org.id, how="np")
            continue
        det = {c.lower_ for c in tok.lefts if c.dep_ == "det"}
        if det & DEFINITE:
            # "the president" -> the last person introduced with that title
            ante = _antecedent(
                st, tok.i, lambda a, key=key: a.kind == "person" and st.titles.get(a.id) == key, max_sents=8
            )
            if ante is not None:
                st.add(tok.i, tok.i + 1, ante.id, how="desc")
                continue
            # "a Taliban leader ... the leader": the organisation of that unnamed leader
            floor = _sentence_floor(st, tok.i, 8)
            prior = [(k, oid) for k, key2, oid in st.unnamed if key2 == key and floor <= k < tok.i]
            if prior:
                st.add(tok.i, tok.i + 1, prior[-1][1], how="desc")
                st.blockers.append(tok.i)
                continue
        st.blockers.append(tok.i)
