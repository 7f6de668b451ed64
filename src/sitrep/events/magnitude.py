"""Counts of people killed, injured and arrested, read from the dependency parse.

Numbers may be digits ("26", "2,200"), number words ("two", "a dozen", "twenty-one") or vague amounts
coded as in ACLED's codebook ("dozens" -> 12, "hundreds" -> 100, "several" -> 3; see data/numbers.json).
"""

from __future__ import annotations

import re
from collections.abc import Set as AbstractSet
from typing import Any

from .lexicon import load, words

Token = Any  # spacy.tokens.Token


def _nums() -> dict[str, Any]:
    return load("numbers.json")


def word_value(text: str) -> int | None:
    """Value of one number token: "26", "2,200", "two", "twenty-one", "dozen", "dozens"."""
    t = text.lower().strip()
    if not t:
        return None
    d = t.replace(",", "")
    if re.fullmatch(r"\d+", d):
        return int(d)
    if re.fullmatch(r"\d+\.\d+", d):
        return None
    n = _nums()
    if t in n["units"]:
        return int(n["units"][t])
    if t in n["vague"]:
        return int(n["vague"][t])
    if t in n["scales"]:
        return int(n["scales"][t])
    if "-" in t:  # twenty-one
        parts = t.split("-")
        if all(p in n["units"] for p in parts):
            return sum(int(n["units"][p]) for p in parts)
    return None


def _number_phrase(tok: Token) -> int | None:
    """Value of a number token together with its own number modifiers ("two thousand", "a dozen")."""
    sd = tok.doc
    if tok.i >= 2 and sd[tok.i - 1].text == "-" and not sd[tok.i - 2].whitespace_:  # "twenty-one"
        v = word_value(f"{sd[tok.i - 2].lower_}-{tok.lower_}")
        if v is not None:
            return v
    base = word_value(tok.text)
    if base is None:
        return None
    scales = _nums()["scales"]
    mult = None
    for c in tok.children:
        if c.dep_ in ("compound", "nummod", "quantmod") and c.i < tok.i:
            v = word_value(c.text)
            if v is not None and c.lower_ not in ("a", "an"):
                mult = v
    if mult is not None and (tok.lower_ in scales or tok.lower_ in ("dozen", "score")):
        base = mult * base
    elif mult is not None and mult >= 20 and base < 10:  # "twenty one" parsed as two tokens
        base = mult + base
    # "more than five" / "over 200": at least one more than the figure given
    mods = [c.lower_ for c in tok.children if c.dep_ in ("quantmod", "advmod", "amod")]
    if ("more" in mods and "than" in mods) or "over" in mods:
        base += 1
    return base


def count_of(head: Token) -> int | None:
    """How many people the noun phrase headed by `head` denotes (conjuncts summed)."""
    total = 0
    found = False
    # "One dead and three injured", "two killed and five wounded": a number with its own state is its own
    # group; the one conjoined to it is another, not added to it
    own_state = any(c.dep_ in ("amod", "acl") and c.lower_ in words("count_states") for c in head.children)
    for t in [head] if own_state else [head, *_conjuncts(head)]:
        v = _count_one(t)
        if v is not None:
            total += v
            found = True
    return total if found else None


def _conjuncts(tok: Token) -> list[Token]:
    """Conjoined people: "a leader and two fighters", "a smuggler along with one accomplice"."""
    out = []
    n = _nums()
    for c in tok.children:
        if c.dep_ == "conj" and (
            c.pos_ in ("NOUN", "PROPN", "NUM", "PRON") or c.lower_ in n["vague"] or c.lower_ in n["units"]
        ):  # "a recruiter and several of his followers": the quantifier heads the conjunct
            if not _same_referent(tok, c):
                out.append(c)
            out.extend(_conjuncts(c))
        elif c.dep_ == "appos" and any(
            p.dep_ == "poss" and p.lower_ in ("his", "her", "their") for p in c.children
        ):  # "an insurgent leader, his deputy and ...": the deputy is another man
            out.append(c)
            out.extend(_conjuncts(c))
        elif (
            c.dep_ == "prep"
            and c.lower_ == "with"
            and any(a.lower_ in ("along", "together") for a in c.children)
        ):
            for p in c.children:
                if p.dep_ == "pobj":
                    out.append(p)
                    out.extend(_conjuncts(p))
    return out


def _same_referent(head: Token, conj: Token) -> bool:
    """ "a bomb maker and facilitator": two singular nouns under one determiner name one person."""
    return (
        head.tag_ == "NN"
        and conj.tag_ == "NN"
        and any(c.dep_ == "det" for c in head.children)
        and not any(c.dep_ in ("det", "poss", "nummod", "quantmod") or c.like_num for c in conj.children)
    )


def _bad_number(tok: Token) -> bool:
    """Years, dates, codes ("2013-02-CA-291") and measures are not head counts."""
    if tok.ent_type_ in ("DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "ORDINAL"):
        return True
    d = tok.text.replace(",", "")
    if d.isdigit() and len(d) == 4 and 1800 <= int(d) <= 2100:
        return True
    if not d.isdigit():
        return False  # number words: "twenty-one"
    sd = tok.doc
    return (tok.i > 0 and sd[tok.i - 1].text == "-") or (
        tok.i + 1 < len(sd) and sd[tok.i + 1].text == "-" and tok.like_num
    )


def _count_one(tok: Token) -> int | None:
    n = _nums()
    low = tok.lower_
    if tok.like_num and _bad_number(tok):
        return None
    # the head itself is a number: "killing 6", "dozens (of people)", "a dozen"
    if tok.like_num or low in n["units"] or low in n["vague"]:
        if low in ("a", "an", "no", "one") and tok.pos_ == "DET":
            return None
        v = _number_phrase(tok)
        if v is not None:
            return v
    for c in tok.children:
        if c.dep_ in ("nummod", "quantmod") or (c.dep_ == "amod" and c.lower_ in n["vague"]):
            if c.like_num and _bad_number(c):
                continue
            v = _number_phrase(c)
            if v is not None:
                return v
    for c in tok.children:  # "at least two of them", "11 out of 15 passengers"
        if c.dep_ == "det" and c.lower_ in ("several", "many", "few", "some", "numerous"):
            return int(n["vague"][c.lower_])
    for c in tok.children:
        if c.dep_ == "det" and c.lower_ in ("no",):
            return 0
    if tok.pos_ == "PRON" and low in ("him", "her", "he", "she"):
        return 1  # "killing him"
    if tok.pos_ == "PRON" and low in ("who", "that") and tok.head.dep_ == "relcl" and tok.head.head != tok.head:
        ante = tok.head.head  # "the suspected courier, who was held together with ...": the antecedent
        if ante.pos_ in ("NOUN", "PROPN"):
            return _count_one(ante)
    if tok.pos_ == "NOUN" and tok.lemma_.lower() in words("collective_counts"):  # "a group of five herders"
        for p in tok.children:  # "a group of five herders", "a family of four": the members
            if p.dep_ == "prep" and p.lower_ == "of":
                for o in p.children:
                    if o.dep_ == "pobj":
                        return count_of(o)
    if tok.pos_ in ("NOUN", "PROPN"):
        if tok.tag_ in ("NN", "NNP") and tok.lemma_.lower() not in (
            "people",
            "police",
            "personnel",
            "staff",
            "family",
            "crew",
            "group",
            "force",
            "taliban",
        ):
            return 1  # "the Taliban leader", "a soldier", "Abdul Karim"
        if tok.tag_ == "NNPS" and tok.ent_type_ in ("PERSON", "ORG") and not tok.lower_.endswith("s"):
            return 1  # a name mis-tagged as a plural: "killing Mullah Sahib"
        if tok.tag_ in ("NNS", "NNPS"):
            return None
    return None


def victims_of(trigger: Token) -> list[Token]:
    """The noun(s) for the people a kill/wound/arrest verb or noun applies to."""
    out: list[Token] = []
    if trigger.pos_ == "VERB" or trigger.pos_ == "AUX":
        for c in trigger.children:
            if c.dep_ in ("dobj", "nsubjpass", "obj"):
                out.append(c)
        for c in trigger.children:  # "detained a smuggler along with one accomplice"
            if c.dep_ == "prep" and c.lower_ in ("along", "together") and out:
                out.extend(
                    p for w in c.children if w.lower_ == "with" for p in w.children if p.dep_ == "pobj"
                )
        if not out and (
            trigger.tag_ == "VBN" or (trigger.text[:1].isupper() and trigger.i > trigger.sent.start)
        ):
            # headline reduced passive: "Nine Killed, Two Held In Raid"
            out.extend(c for c in trigger.children if c.dep_ == "nsubj")
            if not out:  # the count parsed as a modifier of the participle: "Nine Killed, Two Held"
                out.extend(
                    c
                    for c in trigger.children
                    if c.dep_ in ("compound", "nummod", "npadvmod") and c.i < trigger.i and c.like_num
                )
        if not out and trigger.dep_ in ("acl", "amod") and trigger.tag_ == "VBN":  # "six people killed"
            out.append(trigger.head)
        if not out and (
            trigger.lemma_.lower() in words("death_intransitive") or (trigger.dep_ == "conj" and trigger.tag_ == "VBN")
        ):
            # "X died"; "26 were killed and dozens injured" (elided auxiliary)
            out.extend(c for c in trigger.children if c.dep_ == "nsubj")
        if not out and _objectless_kill(trigger):  # headline "three militants killed" parsed as active
            out.extend(c for c in trigger.children if c.dep_ == "nsubj" and c.tag_ not in ("WP", "WDT", "PRP"))
        if not out:  # "killed or injured at least 14 villagers": object on the conjunct
            for c in trigger.children:
                if c.dep_ == "conj" and c.pos_ == "VERB":
                    out.extend(x for x in c.children if x.dep_ in ("dobj", "nsubjpass"))
        if not out and trigger.dep_ == "conj":
            out.extend(c for c in trigger.head.children if c.dep_ in ("dobj", "nsubjpass"))
    else:
        for c in trigger.children:  # "the killing of X", "the arrest of 20 people"
            if c.dep_ == "prep" and c.lower_ == "of":
                out.extend(x for x in c.children if x.dep_ == "pobj")
    return out


def _objectless_kill(verb: Token) -> bool:
    """ "Army battles rebels; two rebels killed": a verb that must take an object ("kill", "murder") read
    without one, with no agent and no auxiliary, is a reduced passive; its subject is the victim."""
    if verb.dep_ not in ("ROOT", "conj") or (
            verb.lemma_.lower() not in words("kill_transitive") and not lethal_result(verb)):
        return False  # "One speared to death in clash": a harm whose stated result is death, as a headline
    # a clause before the verb that the parse hangs on it as a complement ("Herders fight farmers, 12 killed")
    # is a clause of its own: a verb of killing takes no clausal complement
    deps = {c.dep_ for c in verb.children if not (c.dep_ == "ccomp" and c.i < verb.i) and c.lower_ != "dead"}
    if deps & {"dobj", "obj", "ccomp", "xcomp", "aux", "agent", "dative", "attr"}:
        return False
    return not any(c.dep_ == "conj" and any(x.dep_ == "dobj" for x in c.children) for c in verb.children)


def or_conjoined(trigger: Token, other_lemmas: AbstractSet[str]) -> bool:
    """True for "killed or wounded", "killing and wounding 14": the count covers both, so the number killed
    is unknown."""
    rel = [c for c in trigger.children if c.dep_ == "conj"]
    if trigger.dep_ == "conj":
        rel.append(trigger.head)
    for r in rel:
        if r.lemma_.lower() in other_lemmas:
            ccs = [c for c in (list(trigger.children) + list(r.children)) if c.dep_ == "cc"]
            if any(c.lower_ in ("or", "and/or") for c in ccs):
                return True
            # "killing and wounding 14 passengers": one object for both verbs, so the number killed is unknown
            objs = [any(c.dep_ in ("dobj", "obj") for c in v.children) for v in (trigger, r)]
            if any(c.lower_ == "and" for c in ccs) and objs.count(True) == 1:
                return True
    return False


def lethal_result(verb: Token) -> bool:
    """A verb whose stated result is the victim's death: "shot dead", "found dead", "hacked to death",
    "beaten to death" (not "sentenced to death": only verbs of a manner of harming take "to death")."""
    lem = verb.lemma_.lower()
    for c in verb.children:
        if c.lower_ == "dead" and c.dep_ in ("oprd", "acomp", "advmod", "xcomp", "ccomp", "conj"):
            if lem in words("dead_result_verbs"):
                return True
        if c.dep_ == "prep" and c.lower_ == "to" and lem in words("to_death_verbs"):
            if any(
                p.dep_ == "pobj" and p.lemma_.lower() == "death" and not any(d.dep_ in ("det", "poss") for d in p.children)
                for p in c.children
            ):
                return True
    return False


def lives_taken(verb: Token) -> int | None:
    """ "claimed the lives of three people", "took two lives", "cost a farmer his life": the people who died."""
    if verb.lemma_.lower() not in words("life_taking_verbs"):
        return None
    for c in verb.children:
        if c.dep_ == "dobj" and c.lemma_.lower() == "life":
            for p in c.children:
                if p.dep_ == "prep" and p.lower_ == "of":
                    for o in p.children:
                        if o.dep_ == "pobj":
                            return count_of(o)
            return count_of(c) if any(x.dep_ == "nummod" for x in c.children) else None
    return None


def bodies_found(noun: Token) -> int | None:
    """ "the bodies of four men were found", "two bodies were recovered", "his body was found": one death
    for each body found (the body is the object or passive subject of a verb of finding)."""
    if noun.lemma_.lower() not in ("body", "corpse") or noun.pos_ != "NOUN":
        return None
    if noun.dep_ not in ("dobj", "nsubjpass") or noun.head.lemma_.lower() not in words("body_found_verbs"):
        return None
    for p in noun.children:
        if p.dep_ == "prep" and p.lower_ == "of":
            for o in p.children:
                if o.dep_ == "pobj":
                    v = count_of(o)
                    if v is not None:
                        return v
    if any(c.dep_ == "nummod" for c in noun.children):
        return count_of(noun)
    return 1 if noun.tag_ == "NN" else None


def over_a_killing(noun: Token) -> bool:
    """The killing is what a protest is about ("residents protested the killing of a boy", "a march over the
    death of a trader"): ACLED codes the protest with 0 fatalities."""
    h = noun.head
    if noun.dep_ == "pobj":
        h = h.head
    elif noun.dep_ != "dobj":
        return False
    return h.lemma_.lower() in words("protest_heads")
