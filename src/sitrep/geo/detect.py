"""Toponym detection (the first half of the places stage; see `places.py` for the overview)."""

from __future__ import annotations

import unicodedata
from typing import Any

from ..document import Document
from .actor_context import named_actor_spans
from .gazetteer import Candidate, Gazetteer
from .words import (
    _APOS_NAME,
    _INITIALS,
    _INNER_CAPITAL,
    CONNECTORS,
    CUES_AFTER,
    CUES_BEFORE,
    FEATURE_WORDS,
    INSTITUTION_WORDS,
    LOCATIVE,
    MAX_NGRAM,
    PERSON_BREAKERS,
    PLACE_LABELS,
    PLACE_PREPOSITIONS,
    SPEECH_VERBS,
    STREET_WORDS,
    UNKNOWN_CUES,
    Mention,
    _DocView,
    _joiner,
    common_words,
    language_names,
)


def _lossy(name: str) -> bool:
    """Whether ASCII folding drops a letter of the name ("ø", "ł", "ß", "đ")."""
    return any(ch.isalpha() and not unicodedata.normalize("NFKD", ch).encode("ascii", "ignore") for ch in name)


def dateline_name(sd: Any, i: int, j: int) -> bool:
    """Tokens [i, j) of a parsed text are a dateline's place ("NIAMEY, Niger (Reuters) -", "OUAGADOUGOU -"):
    an upper-case name opening a line before a comma, a bracket or a dash that the gazetteer knows as a
    country, a division or a town of 1,000 or more. Datelines are places, never actors."""
    if not Detector._dateline(sd, i, j):
        return False
    from .gazetteer import load_gazetteer

    last = sd[j - 1]
    cands = load_gazetteer().lookup(sd.text[sd[i].idx : last.idx + len(last.text)])
    return any(c.src in ("name", "alias") and (c.kind in ("country", "admin1") or c.pop >= 1000) for c in cands)


class Detector:
    """Finds place mentions in a parsed document (mixed into `PlaceFinder`)."""

    gaz: Gazetteer

    # ------------------------------------------------------------------ detection
    def _lookup_span(self, sd: Any, i: int, j: int) -> tuple[Candidate, ...]:
        last = sd[j - 1]
        text = sd.text[sd[i].idx : last.idx + len(last.text)]
        cands = self.gaz.lookup(text)
        if cands and not _lossy(text) and any(c.src == "name" and _lossy(c.name) for c in cands):
            # the lookup key drops letters with no ASCII form: "Christians" is not "Christiansø"
            cands = tuple(c for c in cands if not (c.src == "name" and _lossy(c.name)))
        return cands

    def _cue_word(self, sd: Any, i: int, j: int) -> tuple[tuple[str, ...], str]:
        """The kinds a cue word next to tokens [i, j) prefers, and the word ("county")."""
        if j - i > 1 and sd[j - 1].lower_ in CUES_AFTER:  # "Maricopa County", "Helmand Province"
            return CUES_AFTER[sd[j - 1].lower_], sd[j - 1].lower_
        if j < len(sd) and sd[j].lower_ in CUES_AFTER and not self._is_country(sd, i, j):
            return CUES_AFTER[sd[j].lower_], sd[j].lower_
        if (i >= 3 and sd[i - 1].lower_ == "of" and sd[i - 2].lower_ in CUES_BEFORE and sd[i - 3].lower_ == "the"
                and not self._is_country(sd, i, j)):  # "the province of X", not "the largest city of X"
            return CUES_BEFORE[sd[i - 2].lower_], sd[i - 2].lower_
        return (), ""

    def _cue(self, sd: Any, i: int, j: int) -> tuple[tuple[str, ...], bool]:
        cue, _word = self._cue_word(sd, i, j)
        k = i - 1
        while k >= 0 and sd[k].lower_ in {"the", "northern", "southern", "eastern", "western", "central",
                                           "north", "south", "east", "west", "neighboring", "neighbouring"}:
            k -= 1
        # "in Ashkelon and Sderot", "in Kharkiv, Izium and Lyman": the preposition before the list
        stop = max(-1, k - 8)
        while k > stop and (sd[k].lower_ in {"and", "or", ","} or self._nameish(sd[k])) and sd[k].lower_ not in LOCATIVE:
            k -= 1
        locative = k >= 0 and sd[k].lower_ in LOCATIVE
        # "X (Y)", "X (Y, Z)": the place in brackets after a name says where that name lies, as ACLED's notes
        # and wire copy write it ("a village (its commune, its department)")
        if i >= 2 and sd[i - 1].text == "(" and self._nameish(sd[i - 2]):
            locative = True
        elif i >= 4 and sd[i - 1].text == "," and self._nameish(sd[i - 2]) and sd[i - 3].text == "(" and (
                self._nameish(sd[i - 4])):
            locative = True
        return cue, locative

    def _is_country(self, sd: Any, i: int, j: int) -> bool:
        """"U.S. state", "Afghan province": a country name before a cue word qualifies it."""
        return any(c.kind == "country" and c.src in ("name", "alias", "demonym") for c in self._lookup_span(sd, i, j))

    def detect(self, doc: Document) -> list[Mention]:
        if doc.spacy is None:
            return []
        sd = _DocView(doc.spacy)
        person_words = self._person_words(sd)
        taken: set[int] = set()
        out: list[Mention] = []

        named = named_actor_spans(doc)

        def add(i: int, j: int, cands: tuple[Candidate, ...], source: str, embedded: bool) -> None:
            cue, loc = self._cue(sd, i, j)
            word = self._cue_word(sd, i, j)[1] if cue else ""
            start, end = sd[i].idx, sd[j - 1].idx + len(sd[j - 1].text)
            towns = bool(cands) and all(c.kind in ("populated_place", "admin2") for c in cands)
            if towns and any(a <= start and end <= b and not any(c.cc in f for c in cands) for a, b, f in named):
                return  # a town's name inside (or as) a known actor's name, of no town in the actor's field
            out.append(Mention(start, end, doc.text[start:end], cands, i, j, source, cue, loc,
                               embedded=embedded, cue_word=word))
            taken.update(range(i, j))

        # 0. "Mota Khan district": a run of two or more proper nouns right before a district/village cue that
        # the gazetteer lacks as a whole is one unknown place, before the NER can take a part of it as a
        # namesake elsewhere (placed later by the division named next to it)
        n = len(sd)
        for k in range(1, n):
            if sd[k].lower_ not in UNKNOWN_CUES:
                continue
            i = k
            while i > 0 and self._nameish(sd[i - 1]) and sd[i - 1].is_title and k - i < MAX_NGRAM:
                i -= 1
            if k - i >= 2 and not any(t in taken for t in range(i, k)) and not any(
                    t.ent_type_ in ("ORG", "NORP") for t in sd[i:k]) and not self._lookup_span(sd, i, k):
                add(i, k, (), "gaz", False)

        # 1. entities
        for e in sd.ents:
            if e.label_ not in PLACE_LABELS and e.label_ != "NORP":
                continue
            i, j = e.start, e.end
            while i < j and sd[i].lower_ in {"the", "a", "an"}:
                i += 1
            while j > i and (sd[j - 1].text in {"'s", "’s", "'", "’", ".", ",", "-"} or sd[j - 1].is_space):
                j -= 1
            if i >= j:
                continue
            i, j = self._extend(sd, i, j)
            j = self._grow_to_name(sd, i, j)
            if any(k in taken for k in range(i, j)):
                continue
            if self._other_feature(sd, i, j, e.label_):
                taken.update(range(i, j))
                continue
            self._match_inside(sd, i, j, add, person_words, from_ner=True, label=e.label_)

        # 2. gazetteer over proper-noun runs spaCy did not label as places
        i = 0
        n = len(sd)
        while i < n:
            t = sd[i]
            if i in taken or not self._nameish(t):
                i += 1
                continue
            j = i
            while j < n and j - i < MAX_NGRAM + 2 and j not in taken and (
                self._nameish(sd[j]) or (_joiner(sd[j]) and self._joins(sd, j))
            ):
                j += 1
            self._match_inside(sd, i, j, add, person_words, from_ner=False, label=sd[i].ent_type_)
            i = max(j, i + 1)
        self._listed_with(sd, out, taken, add, person_words)
        self._same_name(sd, out, taken, add)
        out.sort(key=lambda m: m.start)
        return out

    def _listed_with(self, sd: Any, found: list[Mention], taken: set[int], add: Any, person_words: set[str]) -> None:
        """Names listed with a place are places: "between Alston and Brampton" (spaCy's PERSON), "in
        Kharkiv, Izium or Lyman". The name next to a found place across ",", "and" or "or", when the whole
        proper-noun run is a gazetteer name of a town of 1,000 or more or a division in a country the
        place may be in."""
        n = len(sd)
        queue = [(m.tok_start, m.tok_end, m.cands) for m in found if not m.embedded and m.cands]
        while queue:
            start, end, mcands = queue.pop()
            countries = {c.cc for c in mcands if c.src in ("name", "alias") and c.cc}
            if not countries:
                continue
            for side in (1, -1):
                k = end if side == 1 else start - 1
                if not (0 <= k < n and sd[k].lower_ in ("and", "or", ",")):
                    continue
                k += side
                if side == 1 and k < n and sd[k].lower_ in ("and", "or"):  # "X, and Y"
                    k += 1
                a = b = k
                while 0 <= b < n and self._nameish(sd[b]) and side == 1:
                    b += 1
                while 0 <= a and a < n and self._nameish(sd[a]) and side == -1:
                    a -= 1
                i, j = (k, b) if side == 1 else (a + 1, k + 1)
                if j - i < 1 or j - i > 4 or any(t in taken for t in range(i, j)):
                    continue
                words = [t.lower_ for t in sd[i:j]]
                if (len(words) == 1 and (words[0] in person_words or words[0] in common_words())) or any(
                        not (t.is_title or t.is_upper) for t in sd[i:j]) or len(sd[i:j].text) <= 3:
                    continue  # persons, common words, acronyms ("the U.S. and EU")
                e = self._entity_of(sd, i, j)
                if (i > 0 and sd[i - 1].lower_ == "of") or (e is not None and any(
                        t.lower_ in INSTITUTION_WORDS for t in e)):
                    continue  # "University of California, Los Angeles"
                cands = self._lookup_span(sd, i, j)
                if any(c.cc in countries and c.src in ("name", "alias") and (
                        c.pop >= 1000 or c.kind in ("admin1", "admin2")) for c in cands):
                    add(i, j, cands, "gaz", False)
                    queue.append((i, j, cands))  # a listed name lists others in turn

    def _same_name(self, sd: Any, found: list[Mention], taken: set[int], add: Any) -> None:
        """One sense per document: a name read as a place somewhere is a place at its other occurrences
        that the detector left ("at Alston" beside "between Alston and Brampton", "Jos Chamber
        of Commerce" beside "in Jos"); as an embedded place where it begins a longer name. Not where
        spaCy calls that occurrence a person or it speaks ("Tyler said")."""
        names: dict[str, list[tuple[list[str], tuple[Candidate, ...]]]] = {}
        for m in found:
            if m.cands and not m.embedded and sd[m.tok_start].text[:1].isupper():
                words = [t.text for t in sd[m.tok_start : m.tok_end]]
                names.setdefault(words[0], []).append((words, m.cands))
        if not names:
            return
        ents = {}
        for e in sd.ents:
            for k in range(e.start, e.end):
                ents[k] = e
        n = len(sd)
        for i in range(n):
            opts = names.get(sd[i].text)
            if not opts or i in taken:
                continue
            for words, cands in sorted(opts, key=lambda o: -len(o[0])):
                j = i + len(words)
                if j > n or [t.text for t in sd[i:j]] != words or any(k in taken for k in range(i, j)):
                    continue
                if (i > 0 and self._nameish(sd[i - 1]) and sd[i - 1].ent_type_ not in ("GPE", "LOC")) or (
                        j < n and sd[j].text[:1].isupper() and sd[j].is_alpha and not self._nameish(sd[j])):
                    break  # the end of a longer name
                if j + 1 < n and sd[j].lower_ in ("and", "&") and sd[j + 1].is_title and (
                        j + 2 < n and sd[j + 2].is_title):
                    break  # "Kings and Queens Town": part of a longer name joined by "and"
                e = ents.get(i)
                if e is not None and e.label_ == "PERSON" and e.start <= i and j <= e.end and (
                        len(e) == j - i or e.start == i) and not any(t.lower_ in PERSON_BREAKERS for t in e):
                    break
                near = {sd[k].lower_ for k in (i - 1, j) if 0 <= k < n}
                if near & SPEECH_VERBS or self._language(sd, i, j):
                    break
                longer = (e is not None and e.label_ not in PLACE_LABELS and (e.start < i or e.end > j)) or (
                    j < n and self._nameish(sd[j]))
                if longer:
                    # "Oregon State University", "University of Manitoba": the campus is not at the
                    # division's point (as in _accept)
                    rest = list(sd[e.start : e.end]) if e is not None else []
                    rest += list(sd[max(0, i - 2) : i]) + list(sd[j : min(n, j + 4)])
                    if any(t.lower_ in INSTITUTION_WORDS for t in rest) and not any(
                            c.kind == "country" or c.src == "demonym" for c in cands):
                        break
                add(i, j, cands, "gaz", longer)
                break

    @staticmethod
    def _person_words(sd: Any) -> set[str]:
        """Words the document uses as a person's name: those of PERSON entities of two or more words
        ("Jon Haverly"), which are then never read as places on their own ("Haverly said"). Not from an
        entity that is no person's name ("Jos Chamber of Trade and Industry", spaCy's PERSON), nor a
        word the document also uses as a place by itself: alone after "in", "near", ... ("owns horses
        nearby in Fairview" beside "Fairview Ranch Supply"; spaCy's GPE label alone is no such evidence)."""
        words: set[str] = set()
        for e in sd.ents:
            if e.label_ == "PERSON" and len(e) >= 2 and not any(t.lower_ in PERSON_BREAKERS for t in e):
                words.update(t.lower_ for t in e if t.is_alpha and t.is_title)
        if not words:
            return words
        placed: set[str] = set()
        toks = sd.toks
        for k in range(1, len(toks)):
            t = toks[k]
            if t.lower_ in words and toks[k - 1].lower_ in PLACE_PREPOSITIONS and (
                    k + 1 == len(toks) or not (toks[k + 1].is_title or toks[k + 1].lower_ in ("'s", "’s"))):
                placed.add(t.lower_)
        return words - placed

    def _other_feature(self, sd: Any, i: int, j: int, label: str) -> bool:
        """ "the Nile Delta", "the Okavango Delta": a landform named after a river or sea (or after nothing
        the gazetteer knows), which the gazetteer lacks; neither the river nor the word "Delta" (a Nigerian
        state) is the place meant. Kept when the name before the landform word is a country, a division or
        a town ("Helmand valley", "Kharg Island")."""
        if label != "LOC" or j - i < 2 or sd[j - 1].lower_ not in FEATURE_WORDS or self._lookup_span(sd, i, j):
            return False
        head = self._lookup_span(sd, i, j - 1)
        if any(c.kind in ("country", "admin1", "admin2", "populated_place") for c in head):
            return False
        return not head or any(c.kind == "region" for c in head)

    def _grow_to_name(self, sd: Any, i: int, j: int) -> int:
        """An entity spaCy ended early ("U.S." of "U.S. Virgin Islands"): grown over up to three following
        proper nouns when the longer span is a gazetteer name."""
        k = j
        while k < len(sd) and k - j < 3 and self._nameish(sd[k]) and not sd[k - 1].whitespace_ == "":
            k += 1
        for m in range(k, j, -1):
            if self._lookup_span(sd, i, m):
                return m
        return j

    def _joins(self, sd: Any, j: int) -> bool:
        """Token j is a joiner ("-", "e", "ye", "'") followed, after at most two more, by a proper noun."""
        for k in range(j + 1, min(j + 4, len(sd))):
            if self._nameish(sd[k]):
                return True
            if not _joiner(sd[k]) or sd[k].whitespace_ and sd[k].lower_ in ("-",):
                return False
        return False

    def _extend(self, sd: Any, i: int, j: int) -> tuple[int, int]:
        """Grow an entity over joined name parts spaCy split off ("Nawah-ye" + "Barakzai")."""
        while i >= 2 and _joiner(sd[i - 1]) and not sd[i - 1].lower_ == "of":
            k = i - 1
            while k > 0 and _joiner(sd[k]) and sd[k].lower_ != "of":
                k -= 1
            if self._nameish(sd[k]) and i - k <= 3:
                i = k
            else:
                break
        while j < len(sd) - 1 and _joiner(sd[j]) and sd[j].lower_ != "of" and self._joins(sd, j):
            k = j
            while k < len(sd) and _joiner(sd[k]):
                k += 1
            j = k + 1
        return i, j

    @staticmethod
    def _nameish(t: Any) -> bool:
        if not t.is_alpha and not _INITIALS.fullmatch(t.text) and not _APOS_NAME.fullmatch(t.text):
            return False
        if not t.text[:1].isupper() or len(t.text) < 2:
            return False
        return t.pos_ in ("PROPN", "ADJ", "NOUN") or t.is_upper

    def _match_inside(self, sd: Any, i: int, j: int, add: Any, person_words: set[str], from_ner: bool,
                      label: str) -> None:
        """Greedy longest gazetteer names within tokens [i, j)."""
        # "Pul-e 'Alam district": a proper-noun run right before a district/village cue that the gazetteer
        # lacks as a whole is kept whole as an unknown place (placed by the division named next to it)
        # (a two-word run the NER calls a person is still a place before the cue: "Mota Khan district")
        if not from_ner and j < len(sd) and sd[j].lower_ in UNKNOWN_CUES and not self._lookup_span(sd, i, j) and (
                j - i > 1 or sd[i].is_title) and not any(
                t.ent_type_ == "ORG" or (t.ent_type_ == "PERSON" and j - i == 1) for t in sd[i:j]):
            add(i, j, (), "gaz", False)
            return
        k = i
        while k < j:
            if _joiner(sd[k]):
                k += 1
                continue
            found = None
            for m in range(min(j, k + MAX_NGRAM), k, -1):
                if _joiner(sd[m - 1]):
                    continue
                cands = self._lookup_span(sd, k, m)
                if cands:
                    found = (m, cands)
                    break
            if found is None:
                k += 1
                continue
            m, cands = found
            if m == k + 1 and k > i and sd[k].lower_ in FEATURE_WORDS and self._nameish(sd[k - 1]):
                k = m  # "Tolo Forest", "Sava Delta": the landform word of a longer name, not a town named so
                continue
            how = self._accept(sd, k, m, cands, person_words, from_ner, label)
            if how is not None:
                add(k, m, cands, "ner" if from_ner else "gaz", how == "embedded")
            k = m

    @staticmethod
    def _language(sd: Any, i: int, j: int) -> bool:
        """A language used as a noun ("speaks in Spanish", "Moroccan Arabic and French"), not a demonym
        qualifying a noun ("English town", "the Korean Peninsula")."""
        return j == i + 1 and sd[i].lower_ in language_names() and sd[i].pos_ == "PROPN" and (
            j >= len(sd) or sd[j].pos_ not in ("NOUN", "PROPN"))

    @staticmethod
    def _dateline(sd: Any, i: int, j: int) -> bool:
        """Tokens [i, j) are a dateline: an upper-case name opening the text or a line, followed by a comma,
        a bracket or a dash ("ATLANTA (AP) -", "CAIRO - ", "HELENA, Mont. (AP)")."""
        if j >= len(sd) or not all(t.is_upper or not t.is_alpha for t in sd[i:j]) or len(sd[i:j].text) < 4:
            return False
        if i > 0 and "\n" not in sd[i - 1].text and "\n" not in sd[i - 1].whitespace_:
            return False
        return sd[j].text in {",", "(", "-", "\u2013", "\u2014"}

    @staticmethod
    def _entity_of(sd: Any, i: int, j: int) -> Any:
        """The spaCy entity tokens [i, j) lie in, if they lie in one."""
        for e in sd.ents:
            if e.start <= i and j <= e.end:
                return e
        return None

    def _accept(self, sd: Any, i: int, j: int, cands: tuple[Candidate, ...], person_words: set[str],
                from_ner: bool, label: str) -> str | None:
        """None to reject the match, "literal", or "embedded" (a place named inside an organisation's
        name, "Pakistan Army", "Lung Trust of Canada": kept, but not as the literal place)."""
        words = [t.lower_ for t in sd[i:j] if t.is_alpha]
        single = len(words) == 1
        if any(t.is_alpha and len(t.text) > 1 and not (t.is_title or t.is_upper) and t.lower_ not in CONNECTORS
               and not _joiner(t) and not _INNER_CAPITAL.fullmatch(t.text) for t in sd[i:j]):
            return None  # "MoD", "iPhone", lower-case words (not "McLean", "DeKalb", "LaGrange")
        if single and words[0] in person_words:
            return None
        cue, loc = self._cue(sd, i, j)
        if j < len(sd) and sd[j].is_title and sd[j].lower_ in STREET_WORDS:
            return "embedded"  # "Mombasa Road", "Kilimani Gardens": a street or a park named after a place
        strong = any(c.kind in ("country", "admin1", "region", "landmark") and c.src in ("name", "alias", "demonym")
                     for c in cands)
        demonym = any(c.src == "demonym" for c in cands)
        if single and not from_ner and not cue and not demonym and not strong and sd[i].is_sent_start and (
                sd[i].pos_ == "NOUN" and (i == 0 or sd[i - 1].text in (".", "!", "?") or "\n" in sd[i - 1].text)):
            return None  # "Man held over theft": a common noun capitalised as a sentence's first word
        named = any(c.src in ("name", "alias") for c in cands)
        big = max((c.pop for c in cands if c.src in ("name", "alias")), default=0)
        if single and words[0] in common_words() and not cue:
            return None
        if self._language(sd, i, j):
            return None
        if named and (strong or big >= 1000) and self._dateline(sd, i, j):
            return "literal"  # "ATLANTA (AP) -", which spaCy often calls an organisation
        if all(t.is_upper for t in sd[i:j]) and len(sd[i:j].text) <= 3 and not strong:
            return None  # acronyms: only those that name a country ("US", "UK", "DPRK")
        ent = self._entity_of(sd, i, j)
        lead = 1 if ent is not None and sd[ent.start].lower_ == "the" else 0
        whole = ent is not None and ent.start + lead >= i and ent.end <= j
        if from_ner:
            if whole or strong or cue:
                pass
            elif ent is not None and ent.label_ in PLACE_LABELS and named and big >= 100_000:
                pass  # "Seattle" inside "Seattle, Washington"-like entities
            else:
                return None  # a small place named inside a longer place name ("Nile Delta", "Pearl Harbor")
            if demonym or label in PLACE_LABELS:
                return "literal"
            if label == "NORP":
                return "literal" if strong or (named and (big >= 100_000 or any(
                    c.kind in ("admin1", "admin2") for c in cands))) else None
            return None
        if ent is not None and ent.label_ in ("WORK_OF_ART", "EVENT", "PRODUCT") and not whole:
            ent = None  # spaCy's small model often calls a list of towns a work of art ("Kharkiv and Izium")
        if ent is not None and ent.label_ in ("ORG", "PERSON", "WORK_OF_ART", "EVENT", "PRODUCT", "LAW", "FAC",
                                              "NORP"):
            if not whole:
                # inside a longer name: a country or division ("Pakistan Army", "US Special Forces",
                # "Development Bank of Namibia") or a large city ("Leeds academy") names a place the
                # organisation belongs to; not a division after "University of" (the campus is elsewhere)
                if ent.label_ != "ORG":
                    return None
                inst = any(t.lower_ in INSTITUTION_WORDS for t in ent)
                admin_only = not any(c.kind == "country" for c in cands) and not demonym
                if strong and not (inst and admin_only):
                    return "embedded"
                if strong:
                    return None  # "Florida Atlantic University": the state's, not a town named Florida
                # a town of 40,000 or more ("the Leeds academy", "the Venice Commission", "Kendale Lakes
                # Elementary School"): the organisation's home
                city = max((c.pop for c in cands if c.kind == "populated_place" and c.src in ("name", "alias")),
                           default=0)
                return "embedded" if city >= 40_000 else None
            # a whole entity spaCy mislabelled ("Panjshir" as ORG, "Tamil Nadu" as PERSON)
            if demonym:
                return "literal"
            if ent.label_ not in ("ORG", "FAC"):
                ok = (strong and named and (not single or bool(cue) or loc)) or big >= 1_000_000 or bool(cue) or (
                    loc and named and big >= 5000)  # "in Moyale", whatever spaCy calls it (PERSON, PRODUCT)
                return "literal" if ok else None
            ok = strong or bool(cue) or (loc and named and big >= 5000) or big >= 1_000_000
            return "literal" if ok else None
        if demonym:
            return "literal" if sd[i].is_title or sd[i].is_upper else None
        if strong or cue:
            return "literal"
        if loc and named and (big >= 1000 or any(c.kind in ("admin2", "region") for c in cands)):
            return "literal"
        return "literal" if named and big >= 100_000 else None
