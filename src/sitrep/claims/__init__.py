"""claims stage: who asserts, who denies, through which channel, and the status of every event.

Runs last (nlp -> actors -> places -> times -> events -> claims). From the dependency parse it reads
reporting frames (`frames.detect_frames`: "said", "announced", "denies", "according to", "claimed
responsibility for", "images showed", "there are reports that", "reportedly", "it is believed"),
then links each frame to the events it is about:

1. an event whose trigger lies in the frame's scope (the complement of "said", the object of
   "responsibility for", the rest of the sentence for "according to") takes a claim; nested frames
   of one party ("X announced that ..., said X's spokesman Y") are merged into one claim;
2. a frame of the sentence's main clause that reports no event of its own is given to the other
   events of its sentence ("Five soldiers were killed in the blast, the governor said in a statement");
3. denials, responsibility claims and images/video that report no event of their own, or only an
   event of the same type as one told earlier ("The FNR denies taking the place"), attach to the
   nearest earlier compatible event (within `BACK_SENTENCES`), and the duplicate event is folded into
   it (removed from `doc.events`, its evidence kept). A responsibility claim makes its party the
   event's actor when it has none.

A party's channel is shared with its other claims in the adjacent sentences of the same paragraph
("... denies taking the place. ..., the FNR said on its Twitter account."). An event under a frame
whose own clause is negated ("X said it did not attack") gets a denial instead of an assertion.

Finally each event's `status` is set by `recompute_status` from its claims, its negation and its
modality. Modality cues are read here from the parse around the trigger ("could be held", "ready to
negotiate", "plans to", "if ...", "proposals for", "an agreement to be negotiated"); the events stage's
`event.modality` is counted when these cues support it or the trigger is a verb complement, since its
wider climbs ("discusses the blast", "try to escape a takeover") are not proposals. `event.modality` is
filled from the cues here when the events stage left it empty.

`recompute_status` (and `status_from_records`, for several articles' records of one event) are what
the store uses to recompute a merged event's status from contract claim dicts.
"""

from __future__ import annotations

from typing import Any

from ..document import Claim, Document, Event
from ..pipeline import register
from .attributions import extract_attributions
from .frames import Frame, detect_frames
from .lexicon import lexicon
from .linking import link_claims
from .status import purpose_cue, recompute_status, status_from_records

__all__ = ["ClaimsStage", "annotate", "recompute_status", "status_from_records", "detect_frames", "modality_cue"]

BACK_SENTENCES = 3  # how far back a denial / responsibility claim may look for its event
VIOLENT_ACLED = ("Battles", "Explosions/Remote violence", "Violence against civilians")
VIOLENT_PLOVER = ("ASSAULT", "COERCE")


@register("claims")
class ClaimsStage:
    name = "claims"

    def __call__(self, doc: Document) -> Document:
        try:
            doc.attributions = extract_attributions(doc)
        except Exception as exc:  # noqa: BLE001 - the events and their claims do not depend on it
            doc.meta.setdefault("warnings", []).append(f"attributions: {type(exc).__name__}: {exc}")
            doc.attributions = []
        try:
            annotate(doc)
        except Exception as exc:  # noqa: BLE001 - keep the document's events; statuses from what is known
            doc.meta.setdefault("warnings", []).append(f"claims stage: {type(exc).__name__}: {exc}")
            for e in doc.events:
                e.status = recompute_status(e.claims, e.modality, e.negated, stated=not e.claims)
        return doc


# ---------------------------------------------------------------------------------------- tokens
def _trigger_token(doc: Document, e: Event) -> Any | None:
    sd = doc.spacy
    if sd is None:
        return None
    span = sd.char_span(e.trigger.start, e.trigger.end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    return span.root


def _sent_index(sd: Any) -> dict[int, int]:
    out: dict[int, int] = {}
    for k, s in enumerate(sd.sents):
        for t in s:
            out[t.i] = k
    return out


# ---------------------------------------------------------------------------------------- modality
def modality_cue(tok: Any, stop: set[int] | None = None) -> str | None:
    """A non-factual modality read from the parse around an event's trigger token, or None.

    Walks from the trigger up its heads (through subjects, objects, xcomp, conj) and looks for modal
    auxiliaries ("could be held"), control heads ("ready to negotiate", "plans to"), modifiers
    ("proposed talks"), governing nouns ("proposals for an agreement") and conditional markers ("if").
    Stops at a reporting verb (`stop`), the root, or an adverbial clause.
    """
    lex = lexicon()
    stop = stop or set()
    x = tok
    for step in range(6):
        for c in x.children:
            lw = c.lower_
            if c.dep_ == "aux" and c.tag_ == "MD" and lw in lex.modal_aux:
                return lex.modal_aux[lw]
            if c.dep_ == "mark" and lw in lex.conditional_marks:
                return "conditional"
            if c.dep_ in ("amod", "compound") and lw in lex.modifier_words:
                return lex.modifier_words[lw]
        h = x.head
        if h is x or h.i in stop:
            return None
        hl = h.lemma_.lower()
        infinitive_or_that = any(
            (c.dep_ == "aux" and c.lower_ == "to") or (c.dep_ == "mark" and c.lower_ == "that") for c in x.children
        )
        if x.dep_ in ("xcomp", "acl", "dobj", "ccomp") and hl in lex.control_heads and h.pos_ in ("VERB", "ADJ", "AUX", "NOUN"):
            if (x.dep_ != "ccomp" or hl in ("propose", "demand", "call", "urge", "ask")) and (
                x.dep_ != "acl" or infinitive_or_that
            ):
                return lex.control_heads[hl]
        if x.dep_ in ("acl",) and hl in lex.governing_nouns and infinitive_or_that:
            return lex.governing_nouns[hl]  # "plans to attack", "demands that troops leave"
        if x.dep_ in ("acl", "relcl") and h.pos_ in ("NOUN", "PROPN") and any(
            c.dep_ in ("aux", "auxpass") and c.lower_ == "to" for c in x.children
        ):
            # "an agreement to be negotiated", but not "the first major city to fall"
            if not any(c.lower_ in ("first", "last", "only", "second", "third") or c.tag_ == "JJS" for c in h.children):
                return "proposed"
        if x.dep_ == "pobj" and h.dep_ == "prep" and h.head.lemma_.lower() in lex.governing_nouns and h.lower_ in ("for", "of", "to"):
            return lex.governing_nouns[h.head.lemma_.lower()]
        if x.dep_ == "pobj" and h.lower_ == "for" and h.head.pos_ == "VERB" and h.head.lemma_.lower() in lex.control_heads:
            return lex.control_heads[h.head.lemma_.lower()]  # "prepares for the withdrawal", "called for talks"
        # climb a verbal chain ("ready to negotiate", "could then be held"); a noun's own clause only
        # from the trigger itself ("the meeting could be held", not "the consequences of the
        # withdrawal will be bad")
        climb = ("xcomp", "conj", "acomp", "oprd")
        if step == 0:
            climb += ("nsubj", "nsubjpass", "dobj", "attr")
        if x.dep_ not in climb:
            return None
        x = h
    return None


def negation_cue(tok: Any) -> bool:
    if any(c.dep_ == "neg" for c in tok.children):
        return True
    if tok.pos_ in ("VERB", "AUX"):
        # "no civilians had been injured", "nobody was killed"
        for c in tok.children:
            if c.dep_ in ("nsubj", "nsubjpass") and (
                c.lower_ in ("nobody", "none", "noone") or any(d.dep_ == "det" and d.lower_ == "no" for d in c.children)
            ):
                return True
    if tok.pos_ in ("NOUN", "PROPN"):
        if any(c.dep_ == "det" and c.lower_ == "no" for c in tok.children):
            return True
        h = tok.head
        if tok.dep_ in ("dobj", "nsubj", "nsubjpass", "attr") and any(c.dep_ == "neg" for c in h.children):
            return h.pos_ in ("VERB", "AUX") and h.lemma_.lower() in lexicon().light_verbs
    return False


QUOTES = ("\u201c", "\u201d", '"', "\u2018", "\u2019", "``", "''")


def _quoted(sent: Any) -> bool:
    """A sentence that is wholly a quotation."""
    toks = [t for t in sent if not t.is_space]
    if len(toks) < 3 or toks[0].text not in QUOTES:
        return False
    closing = [i for i, t in enumerate(toks) if i > 0 and t.text in QUOTES]
    return bool(closing) and closing[-1] >= len(toks) - 2


def _negated(e: Event, t: Any | None) -> bool:
    """Is the event said not to have happened? Negation cues read here ("did not attack", "no civilians
    were injured"), or the events stage's `event.negated` where it rests on the trigger's own verb
    complement ("it was not related with the clashes" does not negate the clashes)."""
    if t is not None and negation_cue(t):
        return True
    # the events stage's own reading when the trigger is the complement of its negating head ("failed
    # to conquer", "refused to attack"); not its climbs through coordination ("failed to submit the
    # documents and asked ..." does not negate "asked")
    return e.negated and (t is None or t.dep_ == "xcomp")


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


def annotate(doc: Document) -> Document:
    """Fill `event.claims` and `event.status` for every event of `doc` (see the module docstring)."""
    sd = doc.spacy
    events = list(doc.events)
    if sd is None or not events:
        for e in events:
            e.status = recompute_status(e.claims, e.modality, e.negated, stated=not e.claims)
        return doc
    frames = detect_frames(doc)
    sidx = _sent_index(sd)
    frame_heads = {f.head for f in frames}
    frame_text_toks = {t.i for f in frames for t in sd.char_span(f.start, f.end, alignment_mode="expand") or []}
    trig: dict[int, Any] = {}
    for e in events:
        t = _trigger_token(doc, e)
        if t is not None:
            trig[id(e)] = t

    def in_scope(f: Frame, e: Event) -> bool:
        t = trig.get(id(e))
        return t is not None and t.i in f.scope and t.i != f.head and t.i not in frame_heads

    def chain_for_token(i: int, first: Frame | None = None) -> list[Frame]:
        ch = [f for f in frames if i in f.scope and f is not first]
        ch.sort(key=lambda f: len(f.scope))
        return ([first] if first is not None else []) + ch

    stated: dict[int, bool] = {}
    used: set[int] = set()  # ids of frames that found an event
    scope_claimed: dict[int, bool] = {}
    # 1. events in the scope of frames
    for e in events:
        t = trig.get(id(e))
        if t is None or t.i in frame_heads or t.i in frame_text_toks:
            stated[id(e)] = True
            continue
        chain = [f for f in frames if in_scope(f, e)]
        chain.sort(key=lambda f: len(f.scope))
        for f in chain:
            used.add(id(f))
        stated[id(e)] = not chain
        scope_claimed[id(e)] = bool(chain)
        claims = chain_claims(doc, chain)
        if claims and _negated(e, t) and claims[0].stance == "asserts":
            claims[0].stance = "denies"  # "X said it did not attack"
        _add_claims(e, claims)
        # "the alleged attack": a hedge on the event noun itself
        for c in t.children:
            if c.dep_ == "amod" and c.lower_ in lexicon().hedge_modifiers and t.pos_ in ("NOUN", "PROPN"):
                _add_claims(e, [Claim("hedges", c.idx, c.idx + len(c.text), c.text)])
                stated[id(e)] = False

    # 2. backward frames: denials, responsibility claims, images; fold duplicates
    removed: set[int] = set()
    for f in frames:
        if not f.backward or f.stance not in ("denies", "asserts", "reports"):
            continue
        k = sidx.get(f.head, 0)
        # events told before the frame: earlier sentences, or earlier in its own sentence and outside
        # its scope ("The Taliban said they took Sarn, but the NRF denied it")
        earlier = [
            e for e in events
            if id(e) in trig and id(e) not in removed and 0 <= k - sidx[trig[id(e)].i] <= BACK_SENTENCES
            and (sidx[trig[id(e)].i] < k or (trig[id(e)].i < f.head and trig[id(e)].i not in f.scope and len(f.scope) <= 2))
        ]
        earlier.sort(key=lambda e: (-sidx[trig[id(e)].i], -e.confidence))
        inner = [e for e in events if id(e) not in removed and in_scope(f, e)]
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
        if id(f) in used or not earlier:
            continue
        if f.kind == "verb" and f.stance == "denies" and not f.anaphoric and k - sidx[trig[id(earlier[0])].i] > 2:
            continue
        e1 = earlier[0]
        used.add(id(f))
        _add_claims(e1, chain_claims(doc, chain_for_token(f.head, first=f)))
        if f.kind == "responsibility" and f.source and not e1.actor:
            e1.actor.append(f.source)
    if removed:
        doc.events = [e for e in doc.events if id(e) not in removed]
        events = list(doc.events)

    # 3. a main-clause frame with no complement of its own goes to the other events of its sentence
    for f in frames:
        if id(f) in used or f.backward or f.kind in ("hedge", "noun") or f.scope:
            continue
        head = sd[f.head]
        if not (head.dep_ == "ROOT" or (head.head.dep_ == "ROOT" and head.dep_ in ("conj", "parataxis"))):
            continue
        if any(in_scope(f, e) for e in events):
            continue
        k = sidx[f.head]
        subj_toks = {t.i for c in sd[f.head].children if c.dep_ in ("nsubj", "nsubjpass") for t in c.subtree}
        for e in events:
            t = trig.get(id(e))
            if t is None or sidx[t.i] != k or t.i in frame_heads or scope_claimed.get(id(e)) or t.i in subj_toks:
                continue
            used.add(id(f))
            stated[id(e)] = False
            _add_claims(e, chain_claims(doc, chain_for_token(f.head, first=f)))

    # 3b. a sentence wholly in quotation marks, with no frame of its own, is the words of the speaker
    # quoted in the sentence next to it ("“We hold the valley.” Mujahid told reporters ...")
    sents = list(sd.sents)
    framed_sents = {sidx[f.head] for f in frames}
    for e in events:
        t = trig.get(id(e))
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
                stated[id(e)] = False
                break

    _share_channels(doc, frames, sidx)
    # 3c. claims point at the document's attributions; typed sources; tolls disputed between sources
    link_claims(doc)
    events = list(doc.events)
    for e in events:
        if any(c.attribution is not None and _holds(doc.attributions[c.attribution], e) for c in e.claims):
            stated[id(e)] = False
    # 4. status
    for e in events:
        t = trig.get(id(e))
        mod = e.modality
        if t is not None:
            cue = modality_cue(t, stop=frame_heads) or purpose_cue(t)
            if cue is not None and mod is None:
                e.modality = cue
            # the events stage's modality counts when the parse here supports it or the trigger is
            # the complement of a verb ("told to attack"); its wider climbs ("discusses the blast",
            # "try to escape a takeover") are not taken as proposals
            if not (cue is not None or t.dep_ == "xcomp"):
                mod = None
            mod = cue if mod is None else mod
        negated = _negated(e, t)
        own_negation = negated and not scope_claimed.get(id(e))
        is_stated = stated.get(id(e), True) and not own_negation
        e.status = recompute_status(e.claims, mod, own_negation, stated=is_stated)
    return doc


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
