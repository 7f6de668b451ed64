"""Toponym resolution (the second half of the places stage; see `places.py` for the overview)."""

from __future__ import annotations

import dataclasses
import math
import re
from collections import Counter

from ..document import Document
from .actor_context import actor_countries
from .gazetteer import Candidate
from .words import AREA_WORDS, SCOPED_CUES, Mention, _km, _prior, cue_base, division_levels

_AREA = "|".join(sorted((re.escape(w) for w in AREA_WORDS), key=len, reverse=True))
# the words between a place and the place containing it: "X, Y", "X (Y", "X district, Y", "X area of the Y",
# "X village in Y"
_CONTAINED = re.compile(rf"\s*(?P<word>(?:{_AREA})\b)?\s*(?:[,(]|(?P<prep>of|in)\s+(?:the\s+)?)\s*", re.I)


# area words that name a part of a town ("the Shauri area of Nakuru"), not a division around it
TOWN_PARTS = {"area", "neighbourhood", "neighborhood", "suburb", "estate", "ward", "district", "township",
              "settlement", "camp", "market", "location", "locality", "village"}


class Resolver:
    """Chooses a reading for each mention (mixed into `PlaceFinder`)."""

    # ------------------------------------------------------------------ resolution
    def resolve(self, doc: Document, mentions: list[Mention]) -> str | None:
        text = doc.text
        # adjacency: "Kabul, Afghanistan", "Andar district, Ghazni province", "Ghazni province of Afghanistan",
        # "the Tarlo area of Karsen", "Ventis village in Dorma County"
        for a, b in zip(mentions, mentions[1:], strict=False):
            gap = text[a.end : b.start]
            hit = _CONTAINED.fullmatch(gap)
            if hit:
                a.near.extend(c for c in b.cands if c.kind in ("country", "admin1", "region"))
                a.holder = b
                a.explicit = bool(hit.group("word") or hit.group("prep"))
                a.area = (hit.group("word") or "").lower()
                a.bracket = "(" in gap
        # "Tacoma, Washington": a division or country after a town and a comma contains it
        for a, b in zip(mentions, mentions[1:], strict=False):
            if re.fullmatch(r"\s*,\s*", text[a.end : b.start]):
                for c in b.cands:
                    if c.kind in ("admin1", "country") and any(
                            x.kind in ("populated_place", "admin2") and x.src in ("name", "alias")
                            and x.cc == c.cc and (c.kind == "country" or x.admin1 == c.admin1) for x in a.cands):
                        b.container.append(c)
        # "London's Heathrow", "Kandahar's Zhari district": the place after a possessive lies in the one before
        for a, b in zip(mentions, mentions[1:], strict=False):
            if re.fullmatch(r"['\u2019]s\s+", text[a.end : b.start]):
                b.owner = a
        # pass 1: focus country from priors
        for m in mentions:
            m.best = max(m.cands, key=lambda c: self._score(c, m, None, set())) if m.cands else None
        # "California or Washington": names listed together are of one kind
        for a, b in zip(mentions, mentions[1:], strict=False):
            if re.fullmatch(r"\s*(?:,|,? and|,? or|&)\s*", text[a.end : b.start]):
                if a.best is not None:
                    b.listed.append(a.best.kind)
                if b.best is not None:
                    a.listed.append(b.best.kind)
        focus = self._focus(doc, mentions)
        # pass 2: with the focus, the divisions named in the document and the places near each other
        anchors = [m for m in mentions if m.best and m.best.kind in ("populated_place", "admin1", "admin2")
                   and m.best.src in ("name", "alias")]
        fields = actor_countries(doc)  # where the document's actors act ("Kenyan police", "KDF")
        for m in mentions:
            key = m.text.lower()
            admins = {(a.best.cc, a.best.admin1) for a in anchors
                      if a.best and a.best.kind == "admin1" and a.text.lower() != key}
            others = [a.best for a in anchors if a.best and a.text.lower() != key and a.best.kind != "admin1"]
            inside = {(o.cc, o.admin1) for o in others if o.kind == "populated_place"}
            if not m.cands:
                continue
            own_focus = self._focus(doc, mentions, without=key)
            if own_focus is None:
                # no other name places the document: its actors' countries do, before this name's own
                own_focus = focus if not fields or focus in fields else None
            strong = any(c.kind in ("country", "admin1", "region") and c.src in ("name", "alias")
                         for c in m.cands)
            scored = []
            for c in m.cands:
                # a small namesake of a country or division gets no help from the context, and neither does
                # a town named inside an organisation's name ("Dundee Asset Partners"): the
                # organisation's home is the best-known town of the name, wherever the story is
                small = strong and c.kind in ("populated_place", "admin2") and c.pop < 100_000 or (
                    m.embedded and not strong)
                sc = self._score(c, m, None if small else own_focus, set() if small else admins, inside)
                if own_focus is None and not small and c.cc in fields:
                    sc += 2.0
                scored.append((sc + (0.0 if small else self._near_others(c, others)), c))
            scored.sort(key=lambda p: -p[0])
            m.best = scored[0][1]
            margin = scored[0][0] - scored[1][0] if len(scored) > 1 else 3.0
            m.score = round(1 / (1 + math.exp(-margin)), 3)
        for m in mentions:
            self._inside_owner(m)
            self._inside_holder(m)
        self._one_sense(mentions)
        self._place_districts(mentions)
        return self._focus(doc, mentions)

    @staticmethod
    def _place_districts(mentions: list[Mention]) -> None:
        """A district whose gazetteer point is only its province's ("ADM2A") is put at the town of the same
        province the document names nearest to it ("Miami-Dade County" ... "Miami")."""
        towns = [m for m in mentions if m.best and m.best.kind == "populated_place" and m.best.src != "demonym"]
        for m in mentions:
            c = m.best
            if c is None or c.fcode != "ADM2A":
                continue
            same = [t for t in towns if t.best and t.best.cc == c.cc and t.best.admin1 == c.admin1]
            if same:
                t = min(same, key=lambda t: abs(t.start - m.start))
                assert t.best is not None
                m.best = dataclasses.replace(c, lat=t.best.lat, lon=t.best.lon)

    @staticmethod
    def _inside_owner(m: Mention) -> None:
        """ "London's Heathrow": the reading of X in "Y's X" that lies in Y (a town's: within 100 km; a
        division's: within 400 km); when X has none, X is a place of Y the gazetteer lacks (an airport, a
        suburb, a township), located at Y's point."""
        o = m.owner.best if m.owner is not None else None
        if o is None or o.kind not in ("populated_place", "admin1", "admin2") or o.src == "demonym":
            return
        radius = 100.0 if o.kind == "populated_place" else 400.0
        inside = [c for c in m.cands if c.kind in ("populated_place", "admin2", "region", "landmark")
                  and _km(c.lat, c.lon, o.lat, o.lon) <= radius]
        if m.best is not None and m.best in inside:
            return
        if m.best is not None and m.best.kind in ("country", "admin1"):
            return  # "Kabul's Afghanistan" is not a place of Kabul
        if inside:
            m.best = max(inside, key=_prior)
        else:
            kind = "landmark" if o.kind == "populated_place" else "populated_place"
            m.best = Candidate(0, m.text, o.lat, o.lon, o.cc, o.admin1, o.iso1, o.admin1_name, kind, 0, "name")
        m.score = 0.5

    @staticmethod
    def _inside_holder(m: Mention) -> None:
        """ "X, Y", "X district of Y", "X village in Y" (Y a division, or a town after an area word or "in"):
        the reading of X that lies in Y; when there is none and the text says X lies in Y (an area word, a
        place cue, "in"), or the gazetteer has no X anywhere in Y's country, X is a place of Y the gazetteer
        lacks (a village, a district, a neighbourhood), located at Y's point. A list of divisions ("in
        Kandahar, Helmand and Zabul") is left alone: each of its names is known in that country."""
        h = m.holder.best if m.holder is not None else None
        if h is None or h.src == "demonym" or (m.best is not None and m.best.kind == "country"):
            return
        # "X (Y, Z)": a town Y named in a bracket with its own division Z after X holds X
        hh = m.holder.holder.best if m.holder is not None and m.holder.holder is not None else None
        bracketed = m.bracket and hh is not None and hh.kind == "admin1" and (hh.cc, hh.admin1) == (h.cc, h.admin1)
        if h.kind == "populated_place" and m.area not in TOWN_PARTS and not bracketed and not (
                "populated_place" in m.cue and m.explicit):
            return  # "Kabul, Kandahar": a list of towns; "Rendu sub-county (Marsabit": not a part of the town
        if h.kind not in ("admin1", "admin2", "populated_place"):
            return

        def inside(c: Candidate) -> bool:
            if c.cc != h.cc:
                return False
            if h.kind == "admin1":
                return c.admin1 == h.admin1 and c.kind != "admin1"
            radius = 30.0 if h.kind == "populated_place" else 100.0
            return c.admin1 == h.admin1 and c.id != h.id and _km(c.lat, c.lon, h.lat, h.lon) <= radius

        if m.best is not None and inside(m.best):
            return
        within = [c for c in m.cands if inside(c)]
        if within:
            m.best = max(within, key=_prior)
            m.score = 0.6
            return
        explicit = m.explicit or bool(m.cue)
        if m.best is not None and m.best.kind == "admin1" and not explicit:
            return
        if not explicit and any(c.cc == h.cc for c in m.cands):
            return
        assert m.holder is not None
        if m.cands and len({c.cc for c in m.holder.cands if c.kind in ("admin1", "admin2") or c.pop >= 1000}) > 1:
            return  # "X town in Eastern Province": a holder of many countries says too little
        kind = "admin2" if "admin2" in m.cue and h.kind == "admin1" else "populated_place"
        m.best = Candidate(0, m.text, h.lat, h.lon, h.cc, h.admin1, h.iso1, h.admin1_name, kind, 0, "name")
        m.score = 0.5

    @staticmethod
    def _one_sense(mentions: list[Mention]) -> None:
        """One sense per document: a name placed by the place named next to it ("Tovi, Lamu") keeps that
        reading where it recurs without one ("convoys to Tovi")."""
        placed: dict[str, Candidate] = {}
        for m in mentions:
            if m.holder is not None and m.best is not None and m.best.kind != "country":
                placed.setdefault(m.text.lower(), m.best)
        for m in mentions:
            c = placed.get(m.text.lower())
            if c is not None and m.holder is None and m.best is not None and m.best.cc != c.cc:
                m.best = c
                m.score = 0.5

    def _score(self, c: Candidate, m: Mention, focus: str | None, admins: set[tuple[str | None, str | None]],
               inside: set[tuple[str | None, str | None]] | None = None) -> float:
        s = _prior(c)
        if m.cue:
            cue = m.cue
            base = cue_base(m.cue_word)
            level = division_levels().get((base, c.cc or ""))
            if level:  # "Kilifi County": a county is a first-level division in Kenya
                cue = (level, *(k for k in cue if k != level))
            elif base in SCOPED_CUES:
                cue = ()  # "X commune": no help for a namesake in a country with no communes
            if c.kind in cue:
                s += 4.0 - cue.index(c.kind) * 0.5
            elif c.kind == "country":
                s -= 2.0
        if focus and c.cc == focus:
            s += 2.0
        elif focus and not c.cc:
            s += 1.0  # seas, continents: neither for nor against the focus
        if c.kind != "admin1" and c.src in ("name", "alias") and (c.cc, c.admin1) in admins:
            s += 2.0

        if c in m.container:
            s += 3.0
        if c.kind == "admin1" and inside and (c.cc, c.admin1) in inside and any(x.kind == "country" for x in m.cands):
            s += 3.0  # "Georgia" in a story about Atlanta: the state, not the country
        if c.kind in ("admin1", "country") and c.kind in m.listed:
            s += 1.5
        for n in m.near:
            if n.cc == c.cc and (n.kind == "country" or (n.admin1 and n.admin1 == c.admin1)):
                s += 3.0 if n.kind != "country" else 2.0
                break
        return s

    @staticmethod
    def _near_others(c: Candidate, others: list[Candidate]) -> float:
        """Places named together lie together: a reading within 150 km of another mention's reading."""
        if c.kind not in ("populated_place", "admin2", "landmark") or c.src not in ("name", "alias"):
            return 0.0
        for o in others[:50]:
            if o.id != c.id and _km(c.lat, c.lon, o.lat, o.lon) <= 150:
                return 1.5
        return 0.0

    def _focus(self, doc: Document, mentions: list[Mention], without: str | None = None) -> str | None:
        """The country the document's readings point to most (`without`: leaving out one name's mentions,
        so that a name is not its own context)."""
        votes: Counter[str] = Counter()
        for m in mentions:
            c = m.best
            if c is None or not c.cc or (without is not None and m.text.lower() == without):
                continue
            w: float = {"country": 2.0, "admin1": 1.5}.get(c.kind, 1.0)
            if c.src == "demonym":
                w = 0.75
            votes[c.cc] += w  # type: ignore[assignment]  # the Counter holds float weights
        if not votes:
            return None
        return votes.most_common(1)[0][0]

    @staticmethod
    def _drop_stray(mentions: list[Mention], focus: str | None) -> list[Mention]:
        """Drop a weak reading (a division or a town of under 100,000) in a country nothing else in the
        document points to, unless a place cue or a locative preposition backs it: "West Coast" read as a
        New Zealand region in an American story is noise. A country is pointed to by another name in it,
        by its own name or its demonym, or by being the document's focus."""
        texts: dict[str, set[str]] = {}
        strong: set[str] = set()
        named: set[str] = set()  # countries named, not only by a demonym ("an Italian volunteer")
        for m in mentions:
            c = m.best
            if c is None or not c.cc:
                continue
            texts.setdefault(c.cc, set()).add(m.text.lower())
            if c.kind in ("country", "region") and c.src in ("name", "alias", "demonym"):
                strong.add(c.cc)
                if c.src != "demonym":
                    named.add(c.cc)

        def elsewhere(cc: str | None) -> bool:
            """Whether the document points to some other country (else there is nothing to go by); a
            nationality alone does not ("gunmen abducted an Italian volunteer in Kilifi")."""
            return any(o != cc for o in named) or any(o != cc and len(t) > 1 for o, t in texts.items())

        listed = {m.text.lower() for m in mentions if m.listed}  # names listed with others somewhere
        keep = []
        for m in mentions:
            c = m.best
            if c is None:
                continue
            weak = c.kind in ("admin1", "admin2") or (c.kind == "populated_place" and c.pop < 100_000)
            supported = c.cc in strong or len(texts.get(c.cc or "", ())) > 1 or not elsewhere(c.cc)
            if weak and c.cc and not supported and not m.cue and not m.near and c.src != "demonym":
                if not (m.locative and (c.kind == "admin1" or c.kind == "populated_place" and c.pop >= 20_000)):
                    continue
                if c.kind == "populated_place" and focus and focus != c.cc and m.text.lower() not in listed:
                    Resolver._local_namesake(m, mentions, focus)
            keep.append(m)
        return keep

    @staticmethod
    def _local_namesake(m: Mention, mentions: list[Mention], focus: str) -> None:
        """ "went from Tembisa to settle in Alexandra" in a story whose places all lie in South Africa: a
        town abroad that nothing else in the document points to is read as a place of the document's
        country the gazetteer lacks (a township, a suburb), located at the town of that country the
        document names nearest to it; with no such town, or in a list of places ("trips to Tonga, Fiji,
        Alaska"), the foreign reading stays."""
        towns = [t for t in mentions if t is not m and t.best is not None and t.best.cc == focus
                 and t.best.kind == "populated_place" and t.best.src in ("name", "alias") and t.best.id > 0]
        if not towns:
            return
        t = min(towns, key=lambda t: abs(t.start - m.start))
        b = t.best
        assert b is not None
        m.best = Candidate(0, m.text, b.lat, b.lon, b.cc, b.admin1, b.iso1, b.admin1_name, "populated_place", 0,
                           "name")
        m.score = 0.3
