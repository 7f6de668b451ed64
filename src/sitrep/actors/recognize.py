"""Actor recognition over a spaCy-parsed `Document`.

Passes, in order (each one only claims tokens no earlier pass claimed):

0. state actors as ACLED names them ("Police Forces of Kenya (2013-)", "Government of Niger";
   `acled_names_pass.py`);
1. acronyms defined in the text ("National Resistance Front (FNR)", "the Kurdistan Workers' Party, or PKK");
2. dictionary names and acronyms (named actors, well-known people with their affiliation, countries,
   capitals used as subjects);
3. noun phrases built on them: "Taliban forces" / "The Taliban extremist group" (the named actor),
   "Syrian troops" / "U.S. soldiers" (a generic actor with a country), "the Afghan government" (gov:AFG);
4. generic actors by head noun ("insurgents", "gunmen", "protesters", "religious scholars");
5. spaCy PERSON / ORG entities not in the dictionary; surnames ("Massoud") joined to the full name;
6. definite descriptions ("the extremist group", "the group", "the militants", "the armed resistance",
   "the forces") -> the last salient actor of compatible type (dictionary `descriptors` first);
7. titles: "Taliban spokesman Zabihullah Mujahid", "the group's spokesman, Zabihullah Mujahid",
   "Leader of the Southern Liberation Front, Karim Dahal" -> person with `affiliation`;
   "Chile's defence minister" -> an official of the government of Chile; "the president" -> last president;
8. pronouns: he/his -> last person (unless an unnamed person came between), they/their and it/its -> the
   subject noun phrase of this or the previous sentence when it is an actor (else left unresolved);
9. unnamed fighters ("insurgents") get `affiliation` = the one armed group the article names (or names far
   more than any other); one-word person names join the full name ("Biden" -> "Joe Biden").

The passes live in `dictionary.py` (1-2), `phrases.py` (3-4), `entities.py` (5), `titles.py` (6-7)
and `coref.py` (8-9); their shared state and helpers in `state.py`.
"""

from __future__ import annotations

import re
from typing import Any

from spacy.attrs import DEP, POS, TAG

from ..document import Actor, Document
from .acled_names_pass import _acled_state_names
from .coref import _finish, _pronouns
from .dictionary import _acronym_definitions, _alias_index, _dictionary, acronym_definitions
from .entities import _entities
from .lexicon import load
from .phrases import _demonym_modifiers, _generic, _group_names, _noun_phrases
from .state import _State
from .titles import _descriptions, _titles


# --------------------------------------------------------------------------- the passes
def recognize(doc: Document, sdoc: Any, tokenizer: Any) -> list[Actor]:
    st = _State(doc=doc, sdoc=sdoc, lex=load())
    if len(sdoc):
        st.pos, st.tags, st.deps = sdoc.to_array([POS, TAG, DEP]).T.tolist()
    st.quotes = [(m.start(), m.end()) for m in re.finditer(r"[“\"«][^“”\"«»\n]{1,800}[”\"»]", doc.text)]
    index = _alias_index(st.lex, tokenizer)
    _acled_state_names(st)
    _acronym_definitions(st, index, tokenizer)
    _dictionary(st, index)
    _noun_phrases(st)
    _generic(st)
    _entities(st)
    _group_names(st)
    _demonym_modifiers(st)
    _descriptions(st)
    _titles(st)
    _pronouns(st)
    return _finish(st)


__all__ = ["acronym_definitions", "recognize"]
