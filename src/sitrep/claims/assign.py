"""Which events each reporting frame's claims go to (the passes 1-4 of the claims stage's docstring).

`annotate(doc)` runs the passes in order over one `_Linking` state: frames in scope of an event,
backward frames (denials, responsibility claims, images) that fold duplicates, main-clause frames for
the other events of their sentence, quoted sentences, shared channels, the attribution links, and last
each event's status.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..document import Claim, Document, Event
from .cues import QUOTES, _negated, _quoted, _sent_index, _trigger_token, modality_cue
from .frames import Frame, detect_frames
from .lexicon import lexicon
from .linking import link_claims
from .status import purpose_cue, recompute_status

BACK_SENTENCES = 3  # how far back a denial / responsibility claim may look for its event
VIOLENT_ACLED = ("Battles", "Explosions/Remote violence", "Violence against civilians")
VIOLENT_PLOVER = ("ASSAULT", "COERCE")


# ---------------------------------------------------------------------------------------- claims
def _claim(doc: Document, f: Frame) -> Claim:
    return Claim(
        stance=f.stance,
        start=f.start,
        end=f.end,
        text=doc.text[f.start : f.end],
        source=f.source,
        speaker=f.speaker,
        channel=f.channel,
    )


def _mergeable(cur: Claim, cur_frame: Frame, f: Frame) -> bool:
    if f.kind not in ("verb", "according") or f.stance not in ("asserts", "denies"):
        return False
    if cur_frame.kind in ("hedge", "evidence", "noun", "passive") or f.unnamed != cur_frame.unnamed:
        return False
    if cur.source and f.source and cur.source != f.source:
        return False
    if cur.speaker and f.speaker and cur.speaker != f.speaker and cur.source != f.source:
        return False
    return True


def chain_claims(doc: Document, chain: list[Frame]) -> list[Claim]:
    """Claims from frames nested around one event, innermost first; one party's frames merge."""
    out: list[tuple[Claim, Frame]] = []
    for f in chain:
        if out and _mergeable(out[-1][0], out[-1][1], f):
            cur = out[-1][0]
            if f.stance == "denies":
                cur.stance = "denies"
            if cur.source is None:
                cur.source = f.source
            if cur.speaker is None and f.speaker:
                cur.speaker = f.speaker
                cur.start, cur.end, cur.text = f.start, f.end, doc.text[f.start : f.end]
            if cur.channel is None:
                cur.channel = f.channel
            continue
        out.append((_claim(doc, f), f))
    claims: list[Claim] = []
    for c, f in out:
        claims.append(c)
        for src in f.extra_sources:
            if src != c.source:
                claims.append(Claim(c.stance, c.start, c.end, c.text, source=src, channel=c.channel))
    return claims


def _add_claims(e: Event, claims: list[Claim]) -> None:
    seen = {(c.start, c.end, c.stance, c.source) for c in e.claims}
    for c in claims:
        key = (c.start, c.end, c.stance, c.source)
        if key not in seen:
            e.claims.append(c)
            seen.add(key)


def _etype(e: Event) -> tuple[str | None, str | None, str | None]:
    a = e.acled or {}
    p = e.plover or {}
    return a.get("event_type"), a.get("sub_event_type"), p.get("event")


def compatible(e1: Event, e2: Event, speaker: str | None = None) -> bool:
    """Could `e2` (read from a denial / responsibility sentence by `speaker`) be the same event as `e1`?"""
    a1, a2 = set(e1.actor), set(e2.actor) - ({speaker} if speaker else set())
    if a1 and a2 and not (a1 & a2):
        return False  # "rebels attacked the town ... the army denied its troops attacked civilians"
    t1, s1, p1 = _etype(e1)
    t2, s2, p2 = _etype(e2)
    if s1 and s2:
        if s1 != s2 and t1 != t2:
            return False
    elif p1 and p2:
        if p1 != p2:
            return False
    elif (t1 or p1) and (t2 or p2) and not ((t1 and t1 == t2) or (p1 and p1 == p2)):
        return False
    if e1.place is not None and e2.place is not None:
        same = e1.place.name == e2.place.name or (
            e1.place.admin1_code is not None and e1.place.admin1_code == e2.place.admin1_code
        )
        if not same:
            return False
    return True


def _violent(e: Event) -> bool:
    t, _, p = _etype(e)
    return t in VIOLENT_ACLED or p in VIOLENT_PLOVER or (t is None and p is None)


def _fold(e1: Event, e2: Event) -> None:
    for s in e2.evidence:
        if not any(s.start == x.start and s.end == x.end for x in e1.evidence):
            e1.evidence.append(s)
    _add_claims(e1, e2.claims)
    for a in e2.recipient:
        if a not in e1.recipient and a not in e1.actor:
            e1.recipient.append(a)
    for attr in ("killed", "injured", "arrested"):
        if getattr(e1, attr) is None and getattr(e2, attr) is not None:
            setattr(e1, attr, getattr(e2, attr))
    e1.confidence = max(e1.confidence, e2.confidence)


@dataclass
class _Linking:
    """What the passes of `annotate` share: the frames, the trigger token of each event (by `id`), each
    token's sentence index, and what the passes found so far."""

    doc: Document
    sd: Any
    events: list[Event]
    frames: list[Frame]
    sidx: dict[int, int]
    trig: dict[int, Any]
    frame_heads: set[int]
    frame_text_toks: set[int]
    stated: dict[int, bool] = field(default_factory=dict)
    used: set[int] = field(default_factory=set)  # ids of frames that found an event
    scope_claimed: dict[int, bool] = field(default_factory=dict)
    _idx_key: Any = None
    _frames_at: dict[int, list[Frame]] = field(default_factory=dict)
    _events_at: dict[int, list[Event]] = field(default_factory=dict)
    _event_pos: dict[int, int] = field(default_factory=dict)

    def in_scope(self, f: Frame, e: Event) -> bool:
        t = self.trig.get(id(e))
        return t is not None and t.i in f.scope and t.i != f.head and t.i not in self.frame_heads

    def _index(self) -> None:
        """Frames by the tokens of their scope and events by their trigger token, so that the passes look
        up what is in scope instead of testing every frame against every event (quadratic on long texts).
        Rebuilt when the list of events or of frames changes."""
        key = (id(self.events), len(self.events), id(self.frames), len(self.frames))
        if key == self._idx_key:
            return
        self._frames_at, self._events_at, self._event_pos = {}, {}, {}
        for f in self.frames:
            for i in f.scope:
                self._frames_at.setdefault(i, []).append(f)
        for n, e in enumerate(self.events):
            self._event_pos[id(e)] = n
            t = self.trig.get(id(e))
            if t is not None:
                self._events_at.setdefault(t.i, []).append(e)
        self._idx_key = key

    def frames_over(self, e: Event) -> list[Frame]:
        """The frames whose scope holds event `e` (`in_scope`), in frame order."""
        self._index()
        t = self.trig.get(id(e))
        if t is None or t.i in self.frame_heads:
            return []
        return [f for f in self._frames_at.get(t.i, ()) if t.i != f.head]

    def events_under(self, f: Frame) -> list[Event]:
        """The events in the scope of frame `f` (`in_scope`), in event order."""
        self._index()
        found = [e for i in f.scope if i != f.head and i not in self.frame_heads for e in self._events_at.get(i, ())]
        return sorted(found, key=lambda e: self._event_pos[id(e)])

    def chain_for_token(self, i: int, first: Frame | None = None) -> list[Frame]:
        ch = [f for f in self.frames if i in f.scope and f is not first]
        ch.sort(key=lambda f: len(f.scope))
        return ([first] if first is not None else []) + ch


def annotate(doc: Document) -> Document:
    """Fill `event.claims` and `event.status` for every event of `doc` (see the module docstring)."""
    sd = doc.spacy
    events = list(doc.events)
    if sd is None or not events:
        for e in events:
            e.status = recompute_status(e.claims, e.modality, e.negated, stated=not e.claims)
        return doc
    frames = detect_frames(doc)
    trig: dict[int, Any] = {}
    for e in events:
        t = _trigger_token(doc, e)
        if t is not None:
            trig[id(e)] = t
    lk = _Linking(
        doc=doc,
        sd=sd,
        events=events,
        frames=frames,
        sidx=_sent_index(sd),
        trig=trig,
        frame_heads={f.head for f in frames},
        frame_text_toks={t.i for f in frames for t in sd.char_span(f.start, f.end, alignment_mode="expand") or []},
    )
    _scope_frames(lk)
    _backward_frames(lk)
    _main_clause_frames(lk)
    _quoted_sentences(lk)
    _share_channels(doc, frames, lk.sidx)
    # 3c. claims point at the document's attributions; typed sources; tolls disputed between sources
    link_claims(doc)
    lk.events = list(doc.events)
    for e in lk.events:
        if any(c.attribution is not None and _holds(doc.attributions[c.attribution], e) for c in e.claims):
            lk.stated[id(e)] = False
    _statuses(lk)
    return doc


def _scope_frames(lk: _Linking) -> None:
    """1. events in the scope of frames."""
    doc = lk.doc
    for e in lk.events:
        t = lk.trig.get(id(e))
        if t is None or t.i in lk.frame_heads or t.i in lk.frame_text_toks:
            lk.stated[id(e)] = True
            continue
        chain = lk.frames_over(e)
        chain.sort(key=lambda f: len(f.scope))
        for f in chain:
            lk.used.add(id(f))
        lk.stated[id(e)] = not chain
        lk.scope_claimed[id(e)] = bool(chain)
        claims = chain_claims(doc, chain)
        if claims and _negated(e, t) and claims[0].stance == "asserts":
            claims[0].stance = "denies"  # "X said it did not attack"
        _add_claims(e, claims)
        # "the alleged attack": a hedge on the event noun itself
        for c in t.children:
            if c.dep_ == "amod" and c.lower_ in lexicon().hedge_modifiers and t.pos_ in ("NOUN", "PROPN"):
                _add_claims(e, [Claim("hedges", c.idx, c.idx + len(c.text), c.text)])
                lk.stated[id(e)] = False


def _backward_frames(lk: _Linking) -> None:
    """2. backward frames: denials, responsibility claims, images; fold duplicates."""
    doc, events, trig, sidx = lk.doc, lk.events, lk.trig, lk.sidx
    removed: set[int] = set()
    # the events by the sentence of their trigger, each with its place in `events`: a frame looks only at
    # the sentences it may reach back to, in the events' order (not at every event of the document)
    by_sent: dict[int, list[tuple[int, Event]]] = {}
    for pos, e in enumerate(events):
        if id(e) in trig:
            by_sent.setdefault(sidx[trig[id(e)].i], []).append((pos, e))
    for f in lk.frames:
        if not f.backward or f.stance not in ("denies", "asserts", "reports"):
            continue
        k = sidx.get(f.head, 0)
        window = sorted((p for s in range(k - BACK_SENTENCES, k + 1) for p in by_sent.get(s, ())),
                        key=lambda p: p[0])
        # events told before the frame: earlier sentences, or earlier in its own sentence and outside
        # its scope ("The Taliban said they took Sarn, but the NRF denied it")
        earlier = [
            e for _, e in window
            if id(e) not in removed and 0 <= k - sidx[trig[id(e)].i] <= BACK_SENTENCES
            and (sidx[trig[id(e)].i] < k or (trig[id(e)].i < f.head and trig[id(e)].i not in f.scope and len(f.scope) <= 2))
        ]
        earlier.sort(key=lambda e: (-sidx[trig[id(e)].i], -e.confidence))
        inner = [e for e in lk.events_under(f) if id(e) not in removed]
        if f.kind == "responsibility":
            earlier = [e for e in earlier if _violent(e)]
        if inner:
            if f.kind == "evidence":
                continue  # images of an event are claims about it, not a duplicate of an earlier one
            for e2 in inner:
                e1 = next(
                    (e for e in earlier if sidx[trig[id(e)].i] < k and compatible(e, e2, f.source)), None
                )
                if e1 is None:
                    if f.kind == "responsibility" and f.source and not e2.actor:
                        e2.actor.append(f.source)
                    continue
                _fold(e1, e2)
                removed.add(id(e2))
                if f.kind == "responsibility" and f.source and not e1.actor:
                    e1.actor.append(f.source)
            continue
        if id(f) in lk.used or not earlier:
            continue
        if f.kind == "verb" and f.stance == "denies" and not f.anaphoric and k - sidx[trig[id(earlier[0])].i] > 2:
            continue
        e1 = earlier[0]
        lk.used.add(id(f))
        _add_claims(e1, chain_claims(doc, lk.chain_for_token(f.head, first=f)))
        if f.kind == "responsibility" and f.source and not e1.actor:
            e1.actor.append(f.source)
    if removed:
        doc.events = [e for e in doc.events if id(e) not in removed]
        lk.events = list(doc.events)


def _main_clause_frames(lk: _Linking) -> None:
    """3. a main-clause frame with no complement of its own goes to the other events of its sentence."""
    sd, sidx = lk.sd, lk.sidx
    for f in lk.frames:
        if id(f) in lk.used or f.backward or f.kind in ("hedge", "noun") or f.scope:
            continue
        head = sd[f.head]
        if not (head.dep_ == "ROOT" or (head.head.dep_ == "ROOT" and head.dep_ in ("conj", "parataxis"))):
            continue
        if lk.events_under(f):
            continue
        k = sidx[f.head]
        subj_toks = {t.i for c in sd[f.head].children if c.dep_ in ("nsubj", "nsubjpass") for t in c.subtree}
        for e in lk.events:
            t = lk.trig.get(id(e))
            if (t is None or sidx[t.i] != k or t.i in lk.frame_heads or lk.scope_claimed.get(id(e))
                    or t.i in subj_toks):
                continue
            lk.used.add(id(f))
            lk.stated[id(e)] = False
            _add_claims(e, chain_claims(lk.doc, lk.chain_for_token(f.head, first=f)))


def _quoted_sentences(lk: _Linking) -> None:
    """3b. a sentence wholly in quotation marks, with no frame of its own, is the words of the speaker
    quoted in the sentence next to it ("“We hold the valley.” Mujahid told reporters ...")."""
    doc, sidx, frames = lk.doc, lk.sidx, lk.frames
    sents = list(lk.sd.sents)
    framed_sents = {sidx[f.head] for f in frames}
    for e in lk.events:
        t = lk.trig.get(id(e))
        if t is None or e.claims or sidx[t.i] in framed_sents or not _quoted(sents[sidx[t.i]]):
            continue
        k = sidx[t.i]
        for k2 in (k + 1, k - 1):
            if not 0 <= k2 < len(sents):
                continue
            lo, hi = min(sents[k].start_char, sents[k2].start_char), max(sents[k].end_char, sents[k2].end_char)
            if "\n" in doc.text[lo:hi].strip():
                continue  # another paragraph
            cands = [f for f in frames if sidx[f.head] == k2 and f.kind == "verb" and (f.source or f.speaker)
                     and any(c.text in QUOTES for c in sents[k2])]
            if cands:
                f = cands[0]
                _add_claims(e, [_claim(doc, f)])
                lk.stated[id(e)] = False
                break


def _statuses(lk: _Linking) -> None:
    """4. each event's status from its claims, modality and negation."""
    for e in lk.events:
        t = lk.trig.get(id(e))
        mod = e.modality
        if t is not None:
            cue = modality_cue(t, stop=lk.frame_heads) or purpose_cue(t)
            if cue is not None and mod is None:
                e.modality = cue
            # the events stage's modality counts when the parse here supports it or the trigger is
            # the complement of a verb ("told to attack"); its wider climbs ("discusses the blast",
            # "try to escape a takeover") are not taken as proposals
            if not (cue is not None or t.dep_ == "xcomp"):
                mod = None
            mod = cue if mod is None else mod
        negated = _negated(e, t)
        own_negation = negated and not lk.scope_claimed.get(id(e))
        is_stated = lk.stated.get(id(e), True) and not own_negation
        e.status = recompute_status(e.claims, mod, own_negation, stated=is_stated)


def _holds(a: Any, e: Event) -> bool:
    return any(c.start <= e.trigger.start and e.trigger.end <= c.end for c in a.content)


def _share_channels(doc: Document, frames: list[Frame], sidx: dict[int, int]) -> None:
    """A party's channel ("the FNR said on its Twitter account") also holds for its claims in the
    adjacent sentences of the same paragraph."""
    with_channel = [f for f in frames if f.source and f.channel and f.kind == "verb"]
    if not with_channel:
        return
    for e in doc.events:
        for c in e.claims:
            if c.channel or not c.source:
                continue
            for f in with_channel:
                if f.source != c.source:
                    continue
                a, b = sorted((c.start, f.start))
                if "\n" in doc.text[a:b]:
                    continue
                ci = doc.spacy.char_span(c.start, c.end, alignment_mode="expand")
                if ci is None or len(ci) == 0:
                    continue
                if abs(sidx[ci[0].i] - sidx[f.head]) <= 1:
                    c.channel = f.channel
                    break
