"""Language check: sitrep's models read English only, so an article in another language is skipped with
a message that says so ("not English: fr, skipped") instead of giving an empty result.

py3langid (the langid.py model, shipped in its wheel: nothing is downloaded) names the language. The
check is conservative, because a false "not English" drops an article: short texts (headlines, one-line
snippets) are not judged, the identifier must be confident, and a text in which English function words
are common is kept whatever the identifier says (English reports full of foreign names).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

MIN_WORDS = 12  # shorter texts are not judged (too little evidence; headlines and snippets pass)
MIN_PROBABILITY = 0.95  # the identifier's normalised probability for the other language
MAX_ENGLISH_SHARE = 0.08  # a text whose words are this often English function words is English
JUDGED_CHARS = 5000  # the first characters are enough to tell

# closed-class English words (articles, prepositions, pronouns, auxiliaries, conjunctions) that other
# languages written in Latin script rarely use as words of their own
_ENGLISH_FUNCTION_WORDS = frozenset(
    "the of and to in is was that for with on by from at as are were have has had been this which who "
    "their they it its not or but be will would said an after also than into over about".split()
)
_WORD = re.compile(r"[^\W\d_]+")


@lru_cache(maxsize=1)
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def english_share(words: list[str]) -> float:
    """Share of `words` (lower-cased) that are English function words."""
    if not words:
        return 0.0
    return sum(w in _ENGLISH_FUNCTION_WORDS for w in words) / len(words)


def detect_language(text: str) -> tuple[str, float] | None:
    """(ISO 639-1 code, probability) from the identifier, or None when the text is too short to judge."""
    head = text[:JUDGED_CHARS]
    if len(_WORD.findall(head)) < MIN_WORDS:
        return None
    lang, prob = _identifier().classify(head)
    return str(lang), float(prob)


def non_english(text: str) -> str | None:
    """The language code when `text` is confidently not English, else None (English, or undecided)."""
    head = text[:JUDGED_CHARS]
    words = [w.lower() for w in _WORD.findall(head)]
    if len(words) < MIN_WORDS or english_share(words) >= MAX_ENGLISH_SHARE:
        return None
    found = detect_language(head)
    if found is None:
        return None
    lang, prob = found
    if lang == "en" or prob < MIN_PROBABILITY:
        return None
    return lang


def language_message(lang: str) -> str:
    return f"not English: {lang}, skipped (sitrep reads English news only)"
