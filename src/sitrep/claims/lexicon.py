"""The claims stage's word lists, read once from the JSON files in `data/`.

- `sitrep.nlp.modality` (shared with events and time): reporting verbs and their stance, modal
  auxiliaries, modal heads ("ready to", "plans to", "proposals for"), conditional markers.
- `frames.json`: claim-like object nouns, responsibility phrases,
  "according to", evidence nouns ("images", "video"), unnamed-source nouns ("reports", "media"),
  speaker role nouns ("spokesman"), noun frames ("reports that"), hedge adverbs, passive frames.
- `channels.json`: token patterns of channels ("social media", "Twitter", "a statement", "Amaq").
- `modality.json`: this stage's labels of the shared modal heads where they differ, modifiers
  ("proposed"), light verbs, purpose heads, and which modalities are hypothetical.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from importlib import resources
from typing import Any

from ..nlp import modality as shared_modality


def _load(name: str) -> dict[str, Any]:
    with resources.files("sitrep.claims").joinpath("data", name).open(encoding="utf-8") as fh:
        return json.load(fh)


@dataclass(frozen=True)
class Lexicon:
    verbs: dict[str, str]
    verbs_needing_claim_object: frozenset[str]
    claim_object_nouns: frozenset[str]
    clausal_deps: frozenset[str]
    accuse_preps: dict[str, list[str]]
    resp_verbs: frozenset[str]
    resp_nouns: frozenset[str]
    resp_deny_verbs: frozenset[str]
    according: frozenset[str]
    evidence_nouns: dict[str, str]
    evidence_verbs: frozenset[str]
    unnamed_source_nouns: frozenset[str]
    role_nouns: frozenset[str]
    state_media_modifiers: frozenset[str]
    noun_frames: dict[str, str]
    hedge_adverbs: frozenset[str]
    hedge_adverb_stances: dict[str, str]
    hedge_modifiers: frozenset[str]
    noun_frame_preps: frozenset[str]
    background_preps: frozenset[str]
    negating_heads: frozenset[str]
    passive_frames: dict[str, str]
    pronouns: frozenset[str]
    channel_patterns: tuple[tuple[tuple[str, ...], str], ...]
    generic_channels: frozenset[str]
    modal_aux: dict[str, str]
    control_heads: dict[str, str]  # the shared modal heads as this stage reads them over a verb: "ready to"
    modifier_words: dict[str, str]
    governing_nouns: dict[str, str]  # ... and over a noun: "proposals for"
    conditional_marks: frozenset[str]
    light_verbs: frozenset[str]
    hypothetical_modalities: frozenset[str]
    purpose_heads: frozenset[str] = frozenset()


@functools.lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    fr = _load("frames.json")
    ch = _load("channels.json")
    mo = _load("modality.json")
    shared = shared_modality.lexicon()
    patterns = tuple(
        sorted(((tuple(p), name) for p, name in ch["patterns"]), key=lambda pn: -len(pn[0]))
    )
    return Lexicon(
        verbs=shared_modality.relabelled(shared.reporting_verbs, mo["reporting_verb_overrides"]),
        verbs_needing_claim_object=frozenset(fr["verbs_needing_claim_object"]),
        claim_object_nouns=frozenset(fr["claim_object_nouns"]),
        clausal_deps=frozenset(fr["clausal_deps"]),
        accuse_preps={k: list(v) for k, v in fr["accuse_preps"].items()},
        resp_verbs=frozenset(fr["responsibility"]["verbs"]),
        resp_nouns=frozenset(fr["responsibility"]["nouns"]),
        resp_deny_verbs=frozenset(fr["responsibility"]["deny_verbs"]),
        according=frozenset(fr["according_to"]),
        evidence_nouns=dict(fr["evidence_nouns"]),
        evidence_verbs=frozenset(fr["evidence_verbs"]),
        unnamed_source_nouns=frozenset(fr["unnamed_source_nouns"]),
        role_nouns=frozenset(fr["role_nouns"]),
        state_media_modifiers=frozenset(fr["state_media_modifiers"]),
        noun_frames=dict(fr["noun_frames"]),
        hedge_adverbs=frozenset(fr["hedge_adverbs"]),
        hedge_adverb_stances=dict(fr.get("hedge_adverb_stances", {})),
        hedge_modifiers=frozenset(fr.get("hedge_modifiers", [])),
        noun_frame_preps=frozenset(fr.get("noun_frame_preps", [])),
        background_preps=frozenset(fr.get("background_preps", [])),
        negating_heads=frozenset(fr.get("negating_heads", [])),
        passive_frames=dict(fr["passive_frames"]),
        pronouns=frozenset(fr["pronouns"]),
        channel_patterns=patterns,
        generic_channels=frozenset(ch.get("generic", [])),
        modal_aux=shared_modality.relabelled(shared.modal_aux, mo["modal_aux_overrides"]),
        control_heads=shared_modality.relabelled(shared.heads, mo["control_head_overrides"]),
        modifier_words=dict(mo["modifier_words"]),
        governing_nouns=shared_modality.relabelled(shared.heads, mo["governing_noun_overrides"]),
        conditional_marks=shared_modality.adjusted(shared.conditional_marks, mo["conditional_marks_overrides"]),
        light_verbs=frozenset(mo.get("light_verbs", [])),
        hypothetical_modalities=frozenset(mo["hypothetical_modalities"]),
        purpose_heads=frozenset(mo.get("purpose_heads", [])),
    )
