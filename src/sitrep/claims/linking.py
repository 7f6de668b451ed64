"""Event claims built on the document's attributions.

Runs inside the claims stage, after the reporting frames have given each event its claims and before
its status is set:

1. each claim points at the attribution whose cue it was read from (`claim.attribution`, an index into
   `doc.attributions`), or else at the attribution whose content holds the event's trigger; it takes
   the attribution's `source_kind` and `anonymous`, and its party when the frame found none. A typed
   source ("a military source", "residents", "state television", "the observatory", "rights
   activists") is an identified source: its claim `asserts` (the event is `claimed`), while unsourced
   reports ("reportedly", "there are reports") stay `reports`;
2. an event whose trigger lies in an attribution's content and that has no claim from it gets one
   (the frames may have missed the cue: "told reporters", a quotation, a colon);
3. a claim's `magnitude` is the toll of the event it was read from, when that event lies in the
   attribution's content: the toll is the source's claim;
4. two events of one kind told by two different identified sources, close together, with different
   tolls ("The army said it killed 30 fighters. The group said three of its men died") are one event
   whose tolls are disputed: the later is folded into the earlier, and `status.recompute_status`
   makes it `contested`.
"""

from __future__ import annotations

import bisect
import re
from typing import Any

from ..document import Actor, Attribution, Claim, Document, Event, Span
from .cited import cited_claims, citing_attributions
from .judgement import drop_judged_events
from .markers import own_voice_markers
from .status import conflict_marker

NEAR_SENTENCES = 2
PRONOUNS = {"he", "she", "they", "it", "we", "i", "you"}


def _trigger_token(doc: Document, e: Event) -> Any | None:
    sd = doc.spacy
    span = sd.char_span(e.trigger.start, e.trigger.end, alignment_mode="expand") if sd is not None else None
    return span.root if span is not None and len(span) else None


def _trigger_index(doc: Document, e: Event) -> int | None:
    sd = doc.spacy
    span = sd.char_span(e.trigger.start, e.trigger.end, alignment_mode="expand") if sd is not None else None
    return span.root.i if span is not None and len(span) else None


def _in_content(a: Attribution, start: int, end: int) -> bool:
    return any(c.start <= start and end <= c.end for c in a.content)


class _ContentIndex:
    """The content spans of a document's attributions sorted by start, so that finding the attributions
    whose content holds a span looks only at the spans that start before it within the longest span's
    reach (a scan of every attribution per event made long documents quadratic)."""

    def __init__(self, atts: list[Attribution]) -> None:
        rows = sorted((c.start, c.end, k) for k, a in enumerate(atts) for c in a.content)
        self.starts = [r[0] for r in rows]
        self.rows = rows
        self.longest = max((r[1] - r[0] for r in rows), default=0)

    def holding(self, start: int, end: int) -> list[int]:
        """Indices (in attribution order, each once) of the attributions with a content span holding [start, end)."""
        lo = bisect.bisect_left(self.starts, start - self.longest)
        hi = bisect.bisect_right(self.starts, start)
        return sorted({k for s, e, k in self.rows[lo:hi] if s <= start and end <= e})


def _cue_overlaps(a: Attribution, c: Claim) -> bool:
    return a.cue.start < c.end and c.start < a.cue.end


class _CueIndex:
    """The attributions' cues sorted by start, so that finding the cues a claim overlaps looks only at
    those starting within the longest cue's reach before it (a scan of every attribution per claim made
    long documents quadratic)."""

    def __init__(self, atts: list[Attribution]) -> None:
        self.atts = atts
        rows = sorted((a.cue.start, k) for k, a in enumerate(atts))
        self.starts = [r[0] for r in rows]
        self.ks = [r[1] for r in rows]
        self.longest = max((a.cue.end - a.cue.start for a in atts), default=0)

    def overlapping(self, c: Claim) -> list[int]:
        """Indices, in attribution order, of the attributions whose cue overlaps the claim."""
        lo = bisect.bisect_left(self.starts, c.start - self.longest)
        hi = bisect.bisect_left(self.starts, c.end)
        return sorted(k for k in self.ks[lo:hi] if _cue_overlaps(self.atts[k], c))


def _magnitude(e: Event) -> dict[str, int | None] | None:
    if e.killed is None and e.injured is None and e.arrested is None:
        return None
    return {"killed": e.killed, "injured": e.injured, "arrested": e.arrested}


def _identified(a: Attribution) -> bool:
    return a.source is not None and a.source_kind is not None


def link_claims(doc: Document) -> None:
    """Point every event claim at its attribution and fill `source_kind`, `anonymous`, `magnitude`."""
    unsourced_markers(doc)
    own_voice_markers(doc)
    atts = doc.attributions
    if not atts:
        _reduced_passives(doc)
        return
    holders = _ContentIndex(atts)
    cues = _CueIndex(atts)
    for e in doc.events:
        t_start, t_end = e.trigger.start, e.trigger.end
        holding = holders.holding(t_start, t_end)
        for c in e.claims:
            k = _match(cues, c, holding)
            if k is None:
                continue
            _fill(doc, c, atts[k], k, e)
        linked = {c.attribution for c in e.claims if c.attribution is not None}
        # an attribution whose content holds the event and gave it no claim: the innermost one
        if holding and not linked:
            k = min(holding, key=lambda k: sum(x.end - x.start for x in atts[k].content))
            a = atts[k]
            if _in_background(doc, a, e):
                continue  # "the attack came despite a ceasefire declared by X, according to Y"
            if _identified(a) or a.stance in ("denies", "hedges"):
                c = Claim(stance=a.stance, start=a.cue.start, end=a.cue.end, text=a.cue.text)
                _fill(doc, c, a, k, e)
                e.claims.append(c)
    citing = citing_attributions(doc)
    for e in doc.events:
        _coordinated_sources(doc, e)
        cited_claims(doc, e, citing)
        _hedged_contents(doc, e)
    _reduced_passives(doc)
    _negative_sources(doc)
    _fold_disputed_tolls(doc)
    from .attributions import attribution_lexicon

    drop_judged_events(doc, frozenset(attribution_lexicon().get("judgement_verbs", ())))
    _fold_anaphoric_mentions(doc)
    _accused_acts(doc)
    _drop_unused_sources(doc)


def _in_background(doc: Document, a: Attribution, e: Event) -> bool:
    """Is the event told in a background phrase of the content ("despite a ceasefire declared last
    week", "following the takeover"), which the source of "according to" does not vouch for?"""
    from .lexicon import lexicon

    t = _trigger_token(doc, e)
    if t is None or doc.spacy is None or a.head is None or a.head < 0 or doc.spacy[a.head].lower_ != "according":
        return False
    bg = lexicon().background_preps
    x = t
    for _ in range(8):
        if x.dep_ in ("prep", "acl", "advcl") and x.lower_ in bg:
            return True
        if x.head is x:
            return False
        x = x.head
    return False


def _fold_anaphoric_mentions(doc: Document) -> None:
    """ "A bomb killed seven people, police said. Doctors confirmed the deaths.": an event told again
    by a definite noun ("the deaths", "the killings", "the attack") under another source, within two
    sentences and of the same kind, is the earlier event: its claims (the second source) are folded
    into it, so that each source the text credits the event to is a claim of that event."""
    sd = doc.spacy
    if sd is None:
        return
    sent_of = {t.i: k for k, s in enumerate(sd.sents) for t in s}
    removed: set[int] = set()
    for j, e2 in enumerate(doc.events):
        t2 = _trigger_token(doc, e2)
        if t2 is None or t2.pos_ != "NOUN" or not any(
                c.dep_ == "det" and c.lower_ in ("the", "this", "these", "those") for c in t2.children):
            continue
        if not e2.claims or not all(c.attribution is not None and (c.source or c.source_kind) for c in e2.claims):
            continue
        for e1 in reversed(doc.events[:j]):
            if id(e1) in removed:
                continue
            t1 = _trigger_token(doc, e1)
            if t1 is None or not 0 < sent_of[t2.i] - sent_of[t1.i] <= NEAR_SENTENCES:
                continue
            if (e1.plover or {}).get("event") != (e2.plover or {}).get("event") or not e1.claims:
                continue
            if {c.source for c in e1.claims} & {c.source for c in e2.claims}:
                continue
            if not _same_place(e1, e2):
                continue
            _fold(e1, e2, removed)
            break
    if removed:
        doc.events = [e for e in doc.events if id(e) not in removed]


def _reduced_passive(tok: Any) -> bool:
    """ "Rebel group said to be arming youths", "women reported to have been attacked", "the unit accused of
    shelling": a headline's passive participle with its auxiliary left out; its subject is what is said
    (or who is accused), not who speaks."""
    lemma = tok.lemma_.lower()
    raising = lemma in ("say", "report", "believe", "think", "fear", "rumour", "rumor", "allege", "suspect",
                        "understand")
    # "gunmen suspected to be rebels attacked ...": the parser may hang the main clause on the participle
    blocking = ("auxpass", "aux", "dobj", "agent") if raising else ("auxpass", "aux", "dobj", "ccomp", "agent")
    if tok.tag_ not in ("VBN", "VBD") or any(c.dep_ in blocking for c in tok.children):
        return False
    if not any(c.dep_ in ("nsubj", "nsubjpass") and c.i < tok.i for c in tok.children):
        return False
    if lemma in ("report", "say") and any(c.dep_ in ("oprd", "acomp") and c.i == tok.i + 1 and c.pos_ in (
            "ADJ", "VERB") for c in tok.children):
        return True  # "two others reported missing", "a guard reported dead": who is reported on, not a speaker
    if raising:
        return any(c.dep_ == "xcomp" and c.i > tok.i and any(d.dep_ in ("aux", "auxpass") and d.lower_ == "to"
                                                           for d in c.children) for c in tok.children)
    if lemma in ("accuse", "suspect", "blame"):
        return any(c.dep_ == "prep" and c.lower_ in ("of", "for") and c.i == tok.i + 1 for c in tok.children)
    return False


REDUCED_STANCE = {"say": "reports", "report": "reports"}
NO_ONE = {"nobody", "none", "noone", "no-one"}


def _no_one(tok: Any) -> bool:
    """ "No group", "no one", "nobody", "none of the groups": a subject that says nobody did it."""
    return tok.lower_ in NO_ONE or any(c.dep_ == "det" and c.lower_ == "no" for c in tok.children)


def _negative_sources(doc: Document) -> None:
    """ "No group has claimed responsibility for the blast": nobody claims it, so it is no claim (and
    its attribution names no source)."""
    sd = doc.spacy
    if sd is None:
        return
    for k, a in enumerate(doc.attributions):
        if a.source_head is None or not _no_one(sd[a.source_head]):
            continue
        a.party, a.source_kind = None, None
        for e in doc.events:
            e.claims = [c for c in e.claims if c.attribution != k]


def _reduced_passives(doc: Document) -> None:
    sd = doc.spacy
    if sd is None:
        return
    for e in doc.events:
        for c in e.claims:
            span = sd.char_span(c.start, c.end, alignment_mode="expand")
            if span is None or len(span) != 1 or not _reduced_passive(span[0]):
                continue
            c.source, c.speaker, c.source_kind, c.anonymous = None, None, None, False
            c.stance = REDUCED_STANCE.get(span[0].lemma_.lower(), "hedges")
            if c.attribution is not None:
                a = doc.attributions[c.attribution]
                a.source, a.party, a.source_kind, a.stance = None, None, None, c.stance


def unsourced_markers(doc: Document) -> None:
    """ "Three deaths were reported", "two bodies reported found": an event told under an agentless
    passive reporting verb (or its participle) with no claim yet gets an unattributed one (source
    null; stance `reports` for verbs of reporting, `hedges` for belief and allegation), so that the
    status stays `reported` and the marker is kept. Runs for every document, attributions or not."""
    from .attributions import attribution_lexicon

    lex = attribution_lexicon()
    for e in doc.events:
        if e.claims:
            continue
        t = _trigger_token(doc, e)
        if t is None:
            continue
        m = _passive_marker(t, lex)
        if m is not None:
            stance = lex["unsourced_passives"][m.lemma_.lower()]
            e.claims.append(Claim(stance=stance, start=m.idx, end=m.idx + len(m.text), text=m.text))


def _passive_marker(t: Any, lex: dict[str, Any]) -> Any | None:
    """The agentless passive reporting verb the event token `t` (or the noun phrase it heads) is the
    subject or participle-modified noun of, or None."""
    passives = lex["unsourced_passives"]

    def agentless(v: Any) -> bool:
        return v.lemma_.lower() in passives and not any(d.dep_ == "agent" for d in v.children)

    x = t
    for _ in range(4):
        for c in x.children:  # "three deaths reported": a participle on the noun
            if c.dep_ in ("acl", "amod") and c.tag_ == "VBN" and c.i > x.i and agentless(c):
                return c
        h = x.head
        if h is x:
            return None
        if agentless(h) and (x.dep_ == "nsubjpass" or (x.dep_ == "prep" and any(
                d.dep_ == "nsubjpass" for d in h.children))):
            return h  # "deaths were reported", "three deaths were reported after clashes in ..."
        if x.dep_ not in ("compound", "nummod", "amod", "pobj", "prep"):
            return None
        x = h
    return None


def _own_range(tok: Any) -> tuple[int, int]:
    """A conjunct's own words: its subtree without the coordinated phrases and their conjunctions."""
    skip: set[int] = set()
    for c in tok.children:
        if c.dep_ in ("conj", "cc") or (c.dep_ == "punct" and c.i > tok.i):
            skip |= {x.i for x in c.subtree}
    idx = sorted(x.i for x in tok.subtree if x.i not in skip)
    lo = idx[0]
    hi = max(i for i in idx if all(j in idx for j in range(lo, i + 1)))
    return lo, hi


def _coordinated_sources(doc: Document, e: Event) -> None:
    """ "army and hospital sources said", "according to villagers and a rights group": each
    coordinated source is a source of its own, with its own kind (the contract: every source the text
    credits the event to is a claim)."""
    from .attributions import party_and_kind, source_kind_of

    sd = doc.spacy
    if sd is None:
        return
    for k in sorted({c.attribution for c in e.claims if c.attribution is not None}):
        a = doc.attributions[k]
        if a.source is None or a.source_head is None:
            continue
        head = sd[a.source_head]
        conjs = [x for x in head.conjuncts if x.i > head.i and x.pos_ in ("NOUN", "PROPN")]
        if not conjs:
            _coordinated_modifiers(doc, e, k, head)
            continue
        if _one_speaker(head, conjs):
            continue
        mine = [c for c in e.claims if c.attribution == k]
        first = mine[0]
        lo, hi = _own_range(head)
        own = Span(sd[lo].idx, sd[hi].idx + len(sd[hi].text), doc.text[sd[lo].idx : sd[hi].idx + len(sd[hi].text)])
        src_actor = doc.actor_by_id(first.source) if first.source else None
        if src_actor is not None and not src_actor.id.startswith("source:") and not any(
                m.start < own.end and own.start < m.end for m in src_actor.mentions):
            continue  # "evidence and testimony gathered by Amnesty": one source, named outside the conjuncts
        whole = first.source is not None and first.source.startswith("source:") and " and " in (
            (doc.actor_by_id(first.source) or Actor(id="", name="")).name)
        if whole or first.source is None:
            first.source = _party_of(doc, head) or _source_actor_span(doc, own, first.source_kind)
        if first.speaker and " and " in first.speaker:
            first.speaker = own.text if own.text.lower() not in PRONOUNS else None
        first.source_kind, first.anonymous = source_kind_of(doc, head, _party_of(doc, head))
        have = {c.source for c in e.claims if c.source}
        for x in conjs:
            party, kind, anon = party_and_kind(doc, x)
            lo, hi = _own_range(x)
            span = Span(sd[lo].idx, sd[hi].idx + len(sd[hi].text), doc.text[sd[lo].idx : sd[hi].idx + len(sd[hi].text)])
            if party is not None and party.startswith("source:"):
                party = None  # the typed source made of the whole coordinated phrase
            src = party or _source_actor_span(doc, span, kind)
            if src is None or src in have:
                continue
            have.add(src)
            e.claims.insert(e.claims.index(first) + 1 + conjs.index(x), _sibling(first, src, kind, anon))


def _sibling(first: Claim, source: str, kind: str | None, anonymous: bool) -> Claim:
    """A claim of another source of the same attribution as `first` (a coordinated source: same cue,
    stance, channel and toll)."""
    return Claim(stance=first.stance, start=first.start, end=first.end, text=first.text, source=source,
                 channel=first.channel, attribution=first.attribution, source_kind=kind, anonymous=anonymous,
                 magnitude=first.magnitude)


def _coordinated_modifiers(doc: Document, e: Event, k: int, head: Any) -> None:
    """ "according to police and hospital officials": officials of two bodies, two sources. The first
    is the first modifier's party when it names one ("police"); the others are "hospital officials"."""
    from .attributions import attribution_lexicon, source_kind_of

    lex = attribution_lexicon()
    mods = [m for m in head.children if m.dep_ in ("nmod", "compound", "amod") and m.i < head.i
            and any(c.dep_ == "conj" and c.i < head.i for c in m.children)]
    if len(mods) != 1 or head.lemma_.lower() not in lex["party_heads"] | lex["generic_source_heads"] | lex[
            "anonymous_heads"]:
        return
    m = mods[0]
    conjs = [c for c in m.conjuncts if m.i < c.i < head.i]
    if not conjs or any(x.ent_type_ == "PERSON" for x in (m, *conjs)):
        return
    mine = [c for c in e.claims if c.attribution == k]
    first = mine[0]
    party = _party_of_token(doc, m)
    if party is None:
        return
    first.source = party
    if first.speaker and " and " in first.speaker:
        first.speaker = None
    have = {c.source for c in e.claims if c.source}
    kind, anon = source_kind_of(doc, head, None)
    for x in conjs:
        span = Span(x.idx, head.idx + len(head.text), doc.text[x.idx : head.idx + len(head.text)])
        xkind = "witness" if x.lower_ in lex["witness_modifiers"] | {"doctor", "hospital"} else kind
        src = _source_actor_span(doc, span, xkind)
        if src is None or src in have:
            continue
        have.add(src)
        e.claims.insert(e.claims.index(first) + 1, _sibling(first, src, xkind, anon))


def _party_of_token(doc: Document, tok: Any) -> str | None:
    from .frames import _actor_in_chars, _party_actor

    actor = _actor_in_chars(doc, tok.idx, tok.idx + len(tok.text), tok.idx)
    if actor is None or actor.id.startswith("source:"):
        return None
    return _party_actor(doc, actor)


def _one_speaker(head: Any, conjs: list[Any]) -> bool:
    """ "footage and testimony gathered by the monitor", "images and videos": the conjuncts are what one
    speaker offers (evidence nouns, or a participle with an agent on them), not speakers of their own."""
    from .lexicon import lexicon

    ev = lexicon().evidence_nouns
    if any(x.lemma_.lower() in ev or x.lemma_.lower() in ("testimony", "evidence", "account", "statement")
           for x in (head, *conjs)):
        return True
    return any(c.dep_ in ("acl", "relcl") and any(d.dep_ == "agent" for d in c.children)
               for x in (head, *conjs) for c in x.children)


def _party_of(doc: Document, tok: Any) -> str | None:
    """The party named by a conjunct's own words ("police" in "police and medical sources")."""
    from .frames import _actor_in_chars, _party_actor

    sd = doc.spacy
    lo, hi = _own_range(tok)
    actor = _actor_in_chars(doc, sd[lo].idx, sd[hi].idx + len(sd[hi].text), tok.idx)
    if actor is None or actor.id.startswith("source:"):
        return None
    return _party_actor(doc, actor)


def _drop_unused_sources(doc: Document) -> None:
    """Typed-source actors ("source:...") that no claim names any more (a coordinated phrase split)."""
    used = {c.source for e in doc.events for c in e.claims if c.source}
    used |= {x for e in doc.events for x in (*e.actor, *e.recipient)}
    doc.actors = [a for a in doc.actors if not a.id.startswith("source:") or a.id in used]


def _hedged_contents(doc: Document, e: Event) -> None:
    """ "Officers said the victims seemed to have been stabbed", "the body said the shells were likely fired":
    an identified source's statement hedged inside its content is the source's hedge (stance
    `hedges`); the hedge word is then no unattributed claim of its own."""
    from .attributions import attribution_lexicon

    lex = attribution_lexicon()
    t = _trigger_token(doc, e)
    if t is None:
        return
    hedge: Any | None = None
    x = t
    for _ in range(5):
        for c in x.children:
            if c.dep_ == "advmod" and c.lower_ in lex["content_hedge_adverbs"]:
                hedge = c
        if hedge is not None:
            break
        h = x.head
        if h is x:
            break
        if x.dep_ == "xcomp" and h.lemma_.lower() in lex["content_hedge_verbs"]:
            hedge = h
            break
        if x.dep_ not in ("xcomp", "conj", "auxpass", "nsubj", "nsubjpass", "dobj", "pobj", "prep", "acomp"):
            break
        x = h
    if hedge is None:
        return
    owners = [c for c in e.claims if c.attribution is not None and (c.source or c.source_kind)
              and _in_content(doc.attributions[c.attribution], hedge.idx, hedge.idx + len(hedge.text))]
    if not owners:
        return
    for c in owners:
        if c.stance == "asserts":
            c.stance = "hedges"
    e.claims = [c for c in e.claims if not (c.attribution is None and c.source is None and c.stance == "hedges"
                                            and c.start == hedge.idx)]


def _source_actor_span(doc: Document, span: Span, kind: str | None) -> str | None:
    a = Attribution(cue=span, content=[], source=span, source_kind=kind)
    return _source_actor(doc, a)


def _accused_acts(doc: Document) -> None:
    """ "X accused the army of killing civilians": the act is the accused's; the accuser is not its actor."""
    from .frames import _actor_in_chars

    for a in doc.attributions:
        if a.target is None:
            continue
        accused = _actor_in_chars(doc, a.target.start, a.target.end)
        accuser = a.party
        for e in doc.events:
            if not _in_content(a, e.trigger.start, e.trigger.end):
                continue
            if accuser is not None and accuser in e.actor:
                e.actor = [x for x in e.actor if x != accuser]
            if accused is not None and accused.id not in e.actor:
                e.actor.insert(0, accused.id)
                e.recipient = [x for x in e.recipient if x != accused.id]


def _match(cues: _CueIndex, c: Claim, holding: list[int]) -> int | None:
    cands = cues.overlapping(c)
    if not cands:
        return None
    inner = [k for k in cands if k in holding]
    return (inner or cands)[0]


def _fill(doc: Document, c: Claim, a: Attribution, k: int, e: Event) -> None:
    c.attribution = k
    c.source_kind = a.source_kind
    c.anonymous = a.anonymous
    if c.source is None and a.party is not None:
        c.source = a.party
    if c.source is None and _identified(a):
        c.source = _source_actor(doc, a)
    if _identified(a) and c.stance == "reports":
        c.stance = "asserts"  # a typed source is a source: "residents said", "state television reported"
    if a.source is None and c.stance == "asserts" and c.source is None and not c.speaker:
        c.stance = "reports"
    if c.magnitude is None and _in_content(a, e.trigger.start, e.trigger.end):
        c.magnitude = _magnitude(e)


DETERMINERS = ("a ", "an ", "the ", "some ", "several ", "two ", "other ", "another ")


def _source_actor(doc: Document, a: Attribution) -> str | None:
    """An actor for a typed source with no party ("residents", "a military source", "state television"),
    so that the claim names its source as the contract asks; a pronoun takes its antecedent's words."""
    span = a.antecedent if a.source is not None and a.source.text.lower() in PRONOUNS and a.antecedent else a.source
    if span is None or span.text.lower() in PRONOUNS:
        return None
    name = " ".join(span.text.split())
    low = name.lower()
    for d in DETERMINERS:
        if low.startswith(d):
            name = name[len(d):]
            break
    slug = re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_")
    if not slug:
        return None
    aid = f"source:{slug}"
    actor = doc.actor_by_id(aid)
    if actor is None:
        actor = Actor(id=aid, name=name, kind=f"source:{a.source_kind}")
        doc.actors.append(actor)
    if not any(m.start == span.start for m in actor.mentions):
        actor.mentions.append(Span(span.start, span.end, span.text))
    return aid


def _kind(e: Event) -> tuple[Any, Any]:
    return (e.acled or {}).get("event_type"), (e.plover or {}).get("event")


def _sources(e: Event) -> set[str]:
    return {c.source or f"att:{c.attribution}" for c in e.claims if c.stance == "asserts" and (
        c.source or c.source_kind)}


def _fold_disputed_tolls(doc: Document) -> None:
    sd = doc.spacy
    if sd is None:
        return
    sent_of = {}
    for k, s in enumerate(sd.sents):
        for t in s:
            sent_of[t.i] = k
    events = doc.events
    removed: set[int] = set()
    for j, e2 in enumerate(events):
        if e2.killed is None or id(e2) in removed:
            continue
        t2 = _trigger_index(doc, e2)
        for e1 in events[:j]:
            if id(e1) in removed or e1.killed is None or e1.killed == e2.killed or _kind(e1) != _kind(e2):
                continue
            t1 = _trigger_index(doc, e1)
            if t1 is None or t2 is None or not 0 < sent_of[t2] - sent_of[t1] <= NEAR_SENTENCES:
                continue
            s1, s2 = _sources(e1), _sources(e2)
            if (not s1 or not s2 or s1 & s2) and not any(conflict_marker(c) for c in e2.claims):
                continue  # two identified sources, or the article's "conflicting reports" on the second
            if not _same_place(e1, e2):
                continue
            _fold(e1, e2, removed)
            break
    if removed:
        doc.events = [e for e in events if id(e) not in removed]


def _same_place(e1: Event, e2: Event) -> bool:
    """Can two events' places be one place: either unknown, the same, or one the country (or province)
    the other lies in ("near Harrow" and, told again with no place, the country)?"""
    p1, p2 = e1.place, e2.place
    if p1 is None or p2 is None or p1.name == p2.name:
        return True
    for wide, narrow in ((p1, p2), (p2, p1)):
        if wide.kind == "country" and wide.country_code and wide.country_code == narrow.country_code:
            return True
        if wide.kind == "admin1" and wide.admin1_code and wide.admin1_code == narrow.admin1_code:
            return True
    return False


def _fold(e1: Event, e2: Event, removed: set[int]) -> None:
    """One event told by two sources: e2's evidence and claims go to e1, and e2 is marked for removal."""
    for s in e2.evidence:
        if not any(s.start == x.start and s.end == x.end for x in e1.evidence):
            e1.evidence.append(s)
    e1.claims.extend(e2.claims)
    removed.add(id(e2))
