"""Word lists moved out of code into data files (issue 19): the stage reads the same words from its data
file (or the shared modality file), and the module no longer spells them out."""

from __future__ import annotations

import inspect
import json
from importlib import resources

from sitrep.claims import attributions
from sitrep.nlp import modality
from sitrep.time import tense


def _data(pkg: str, name: str) -> dict[str, object]:
    return json.loads(resources.files(pkg).joinpath("data", name).read_text(encoding="utf-8"))


def test_time_auxiliaries_come_from_the_shared_modality_file() -> None:
    shared = modality.lexicon().modal_aux
    own = _data("sitrep.time", "tense.json")["modal_aux_overrides"]
    assert tense.FUTURE_AUX == {"will", "shall", "'ll", "ll", "wo"}
    assert tense.MODAL_AUX == {"could", "might", "may", "would", "should", "must", "can"}
    assert all(shared[w] == "future" for w in tense.FUTURE_AUX)
    assert all(shared[w] != "future" for w in tense.MODAL_AUX)
    assert tense.FUTURE_AUX | tense.MODAL_AUX | {w for w, lab in own.items() if lab is None} == set(shared)  # type: ignore[union-attr]
    src = inspect.getsource(tense)
    assert '"might"' not in src and '"shall"' not in src


def test_modal_auxiliaries_of_events_and_claims() -> None:
    from sitrep.claims.lexicon import lexicon
    from sitrep.events.features import _modality_tables

    assert "ll" in modality.lexicon().modal_aux
    assert "ll" not in lexicon().modal_aux  # claims leaves out the bare clitic, as before
    # events reads the shared table whole (its overrides were dropped, session 8): the clitics too
    assert _modality_tables()["modal_aux"] == dict(modality.lexicon().modal_aux)
    assert _modality_tables()["modal_aux"]["'ll"] == "future" and _modality_tables()["modal_aux"]["ca"] == "possible"


def test_attribution_word_lists_are_read_from_the_data_file() -> None:
    lex = _data("sitrep.claims", "attributions.json")
    pairs = {"CUE_ADVERBS": "cue_adverbs", "NOT_CUE_ADVERBS": "not_cue_adverbs",
             "OBJECT_CONTROL": "object_control_verbs", "JUDGEMENT_WITH_OBJECT": "judgement_with_object_verbs",
             "REASON_ONLY": "reason_only_verbs", "NAMING_VERBS": "naming_verbs"}
    for attr, key in pairs.items():
        assert getattr(attributions, attr) == frozenset(lex[key]), attr  # type: ignore[arg-type]
        assert isinstance(lex["_" + key], str)  # each list says what it is
    assert attributions.REASON_ONLY <= attributions.JUDGEMENT_WITH_OBJECT
    assert not attributions.CUE_ADVERBS & attributions.NOT_CUE_ADVERBS
    src = inspect.getsource(attributions)
    assert '"flatly"' not in src and '"implore"' not in src and '"characterise"' not in src
