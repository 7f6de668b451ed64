"""Pass 5 of the recogniser: spaCy PERSON / ORG entities not in the dictionary; surnames joined to the
full name."""

from __future__ import annotations

from typing import Any

from spacy.symbols import PROPN

from ..document import Actor
from ..geo.detect import dateline_name
from .lexicon import slug
from .state import (
    NAME_PREFIXES,
    NAME_SUFFIXES,
    ORG_HEADS,
    PLACE_HEADS,
    PLATFORMS,
    _generic_key,
    _headline,
    _State,
    _title_key,
)


def _clean_person(span: Any) -> tuple[int, int]:
    i, j = span.start, span.end
    sd = span.doc
    while i < j - 1 and (sd[i].lower_ in NAME_PREFIXES or sd[i].is_punct):
        i += 1
    while j > i + 1 and (sd[j - 1].lower_ in NAME_SUFFIXES or sd[j - 1].is_punct or sd[j - 1].is_space):
        j -= 1
    return i, j


def _entities(st: _State) -> None:
    sd = st.sdoc
    persons: list[Actor] = [a for a in st.actors.values() if a.kind == "person"]
    place_words = {t.text for e in sd.ents if e.label_ in ("GPE", "LOC", "FAC") for t in e}
    surnames = {e[-1].text for e in sd.ents if e.label_ == "PERSON" and len(e) > 1}
    for ent in sd.ents:
        if ent.label_ not in ("PERSON", "ORG"):
            continue
        i, j = _clean_person(ent) if ent.label_ == "PERSON" else (ent.start, ent.end)
        while i < j and sd[i].lower_ in ("the", "a", "an"):
            i += 1
        while j > i and (sd[j - 1].is_punct or sd[j - 1].is_space or sd[j - 1].text in ("'s", "’s")):
            j -= 1
        if j <= i or not st.free(i, j) or "\n" in sd[i:j].text:
            continue
        text = sd[i:j].text
        if _headline(sd, i, st.text):
            continue  # "Troops Target Militia Chief": title case confuses the entity recogniser
        label = ent.label_
        if label == "PERSON" and i > 0 and sd[i - 1].lemma_.lower() in ORG_HEADS:
            label = "ORG"  # "the militant group Jund al-Haqq"
        if label == "PERSON" and sd[j - 1].lower_.endswith(st.lex.place_suffixes) and j - i <= 2:
            continue  # "Yusof Kheyl", "Lashkar Gah": places
        if label == "ORG" and j - i == 1 and text in surnames:
            same = _person_by_part(st, text, persons, last_only=True)
            if same is not None:
                st.add(i, j, same.id, how="surname")
                continue
        if label == "ORG":
            if text.lower() in PLATFORMS or not any(c.isalpha() for c in text) or len(text) < 2:
                continue
            if text.lower() in st.lex.generic:  # "the Ulema", "Police"
                sec, kind = st.lex.generic[text.lower()]
                if sec != "none":
                    st.add(i, j, f"generic:{sec}", kind=kind, sector=sec, how="generic")
                continue
            root = sd[i:j].root
            if root.dep_ == "compound" and _title_key(st, root.head) is not None and j - i == 1:
                continue  # "Interior Minister Anna Berg", "Labour Minister"
            if "/" in sd[j - 1 : j + 1].text or any(
                t.lower_ in ("photo", "credit") for t in sd[max(0, i - 3) : i]
            ):
                continue  # a photo credit
            if any(s <= sd[i].idx and sd[j - 1].idx < e and e - s < 40 for s, e in st.quotes):
                continue  # a nickname in quotes ("Lion of Panjshir")
            if j < len(sd) and sd[j].lemma_.lower() in PLACE_HEADS or text.lower() in st.lex.not_actors:
                continue  # "Paktiya province", "AK-47s"
            if j - i == 1 and text.upper() == text and text.title() in st.lex.capitals or dateline_name(sd, i, j):
                continue  # "GHAZNI, Afghanistan (Oct. 8)", "NIAMEY -": a dateline
            if j - i == 1 and (
                text in place_words
                or sd[i].head.lower_ in ("in", "of", "to", "from", "near")
                and sd[i].dep_ == "pobj"
            ):
                continue  # a place the entity recogniser took for an organisation ("province of Panjshir")
            if all(sd[k].pos_ not in ("PROPN", "NOUN") for k in range(i, j)):
                continue
            st.add(i, j, f"org:{slug(text)}", name=text, kind="organization", how="ner")
            continue
        if not sd[i].text[:1].isupper() or any(sd[k].pos_ != "PROPN" for k in range(i, j)):
            continue
        if j - i == 1 and (text.lower() in st.lex.generic or text.lower() in st.lex.titles):
            continue  # "Intelligence reports"
        root = sd[i:j].root
        if root.dep_ in ("compound", "amod") and _generic_key(st, root.head) is not None:
            continue  # "a Kachin rebel outpost"
        place_root = root
        while place_root.dep_ in ("appos", "conj") and place_root.head.i < place_root.i:
            place_root = place_root.head
        if place_root.dep_ == "pobj" and place_root.head.lower_ in (
            "in",
            "near",
            "at",
            "across",
            "throughout",
            "into",
        ):
            continue  # "in Sivas", "in Nashik, Maharashtra": places
        if j < len(sd) and sd[j].lemma_.lower() in PLACE_HEADS or text in place_words:
            continue  # "Baraki Barak district"
        # a surname (or first name) of a person already named in the document
        if j - i == 1:
            same = _person_by_part(st, sd[i].text, persons)
            if same is not None:
                st.add(i, j, same.id, how="surname")
                continue
        a = st.add(i, j, f"person:{slug(text)}", name=text, kind="person", how="ner")
        if a not in persons:
            persons.append(a)
    # bare surnames the entity recogniser missed ("Massoud said")
    for k in st.where_pos(PROPN):
        if k in st.owner:
            continue
        tok = sd[k]
        if not tok.text[:1].isupper():
            continue
        if tok.dep_ == "compound" or (tok.i + 1 < len(sd) and sd[tok.i + 1].pos_ == "PROPN"):
            continue
        same = _person_by_part(st, tok.text, persons, last_only=True)
        if same is not None:
            st.add(tok.i, tok.i + 1, same.id, how="surname")


def _person_by_part(st: _State, word: str, persons: list[Actor], last_only: bool = False) -> Actor | None:
    best = None
    best_pos = -1
    for p in persons:
        parts = p.name.split()
        if len(parts) < 2:
            continue
        if word == parts[-1] or (not last_only and word == parts[0] and len(parts) == 2):
            pos = max((m.start for m in st.mentions if m.actor_id == p.id), default=-1)
            if pos > best_pos:
                best, best_pos = p, pos
    return best
