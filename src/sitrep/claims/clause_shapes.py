"""Shapes of reporting clauses that the parse gets wrong or that need more than a verb's children: a
reporting clause set off by commas inside the clause it reports, a sentence-final reporting verb whose
speakers the parser joined to the reported clause (helpers of `attributions`)."""

from __future__ import annotations

from typing import Any

OPEN_QUOTES = ("\u201c", '"', "``")
CLOSE_QUOTES = ("\u201d", '"', "''")


def _subtree(tok: Any) -> set[int]:
    return {t.i for t in tok.subtree}


def parenthetical_content(sd: Any, tok: Any, subj: Any) -> set[int]:
    """ "The bridge, the mayor said, would reopen": a reporting clause set off by commas inside the clause
    it reports (which the parser makes its head): the content is that clause without the parenthesis."""
    head = tok.head
    if tok.dep_ not in ("parataxis", "ccomp", "advcl") or head.i <= tok.i or head.pos_ not in ("VERB", "AUX"):
        return set()
    if opens_adverbial(tok):
        return set()  # "when he said", "as she said": an adverbial clause, not a parenthesis
    first, last = min(tok.i, subj.left_edge.i), tok.right_edge.i
    if last > tok.i and sd[last].text == ",":
        last -= 1
    if first <= tok.sent.start or sd[first - 1].text != "," or last + 1 >= len(sd) or sd[last + 1].text != ",":
        return set()
    if last + 1 >= head.i:
        return set()  # nothing of the reported clause is left after the parenthesis
    return {i for i in _subtree(head) if not first - 1 <= i <= last + 1}


def misparsed_final_subject(sd: Any, tok: Any, content: set[int]) -> Any | None:
    """ "..., killing six people, residents and a monitoring group said": a sentence-final reporting verb
    with no subject, whose speakers the parser joined to the reported clause's last noun (as a conjunct
    or apposition after a comma): the noun phrase between that comma and the verb is the subject."""
    if tok.i - 1 not in content or tok.i < 3:
        return None
    k = tok.i - 1
    while k > tok.sent.start and tok.i - k <= 10 and sd[k].text != ",":
        if sd[k].pos_ in ("VERB", "AUX") or sd[k].text in OPEN_QUOTES + CLOSE_QUOTES:
            return None
        k -= 1
    if sd[k].text != "," or k + 1 >= tok.i:
        return None
    heads = [t for t in sd[k + 1 : tok.i] if t.head.i < k + 1 and t.dep_ in ("conj", "appos")
             and t.pos_ in ("NOUN", "PROPN")]
    if len(heads) != 1 or heads[0].left_edge.i != k + 1 or heads[0].right_edge.i != tok.i - 1:
        return None
    return heads[0]


# adverbs that make a reporting clause adverbial ("when he said", "as she said"), not a parenthesis
ADVERBIAL_OPENERS = {"as", "when", "while", "where", "whereas", "because", "since", "if", "though", "although"}


def opens_adverbial(tok: Any) -> bool:
    """Does the clause of verb `tok` open with a subordinator ("when he said", "as she said")? Manner,
    time and frequency adverbs ("often says", "later said") leave it a parenthesis."""
    return any(c.i < tok.i and (c.dep_ == "mark" or (c.dep_ == "advmod" and (
        c.tag_ == "WRB" or c.lower_ in ADVERBIAL_OPENERS))) for c in tok.children)


def verb_lemma(tok: Any, verbs: dict[str, str]) -> str:
    """The token's lemma, or the lexicon verb it inflects when the lemmatizer strips too much
    ("hoped", "hopes" -> "hop"): a regular -s, -d, -ing form of a lexicon verb ending in -e."""
    lemma: str = tok.lemma_.lower()
    if lemma in verbs or not tok.tag_.startswith("VB"):
        return lemma
    low: str = tok.lower_
    for suffix, add in (("es", "e"), ("s", ""), ("ed", "e"), ("d", ""), ("ing", "e")):
        if low.endswith(suffix) and low[: -len(suffix)] + add in verbs and (low[: -len(suffix)] + add).endswith("e"):
            return low[: -len(suffix)] + add
    return lemma


def clause_under_object(tok: Any) -> set[int]:
    """ "told a gathering of pilots that the harbour was closed": a "that" clause the parser hung on the
    object's noun as a relative clause. In a relative clause "that" is the pronoun (subject or object);
    as a complementizer (`mark`) it opens a content clause, the complement of the verb of telling."""
    dobj = next((c for c in tok.children if c.dep_ == "dobj"), None)
    if dobj is None:
        return set()
    for t in dobj.subtree:
        if t.dep_ in ("relcl", "acl") and t.i > dobj.i and any(
                m.dep_ == "mark" and m.lower_ == "that" and m.i < t.i for m in t.children) and any(
                d.dep_ in ("nsubj", "nsubjpass", "expl") for d in t.children):
            return _subtree(t)
    return set()


def final_reporting_clause(sd: Any, tok: Any, subj: Any) -> set[int]:
    """ "Roads like this one, she said.": a sentence-final reporting verb (the parse's root) after a comma,
    whose report the parser left as a fragment hung on it: the content is all before that comma."""
    if tok.dep_ != "ROOT" or subj is None or subj.i > tok.i:
        return set()
    if any(c.dep_ in ("ccomp", "dobj", "xcomp", "parataxis", "attr", "oprd") and c.i > tok.i for c in tok.children):
        return set()
    first = min(tok.i, subj.left_edge.i)
    if first - 1 <= tok.sent.start or sd[first - 1].text != ",":
        return set()
    after = [t for t in sd[tok.i + 1 : tok.sent.end] if not (t.is_punct or t.is_space)]
    adjuncts = {i for c in tok.rights if c.dep_ in ("prep", "npadvmod", "advmod") for i in _subtree(c)}
    if len(after) > 8 or any(t.i not in adjuncts for t in after):
        return set()  # the verb does not end the sentence: what follows it is not an adjunct
    if any(t.pos_ in ("VERB", "AUX") or t.dep_ in ("nsubj", "aux") for t in sd[first : tok.i] if t.i not in _subtree(subj)):
        return set()
    if any(t.head.i == tok.i and t.dep_ in ("prep", "advmod", "npadvmod", "advcl", "mark", "agent")
           for t in sd[tok.sent.start : first - 1]):
        return set()  # "During the raid, troops discovered": an adjunct of the verb, not what is said
    opener = next((t for t in sd[tok.sent.start : first] if not (t.is_punct or t.dep_ == "cc")), None)
    if opener is None or opener.dep_ == "mark" or opener.tag_ == "WRB":
        return set()  # "When the army arrived, she said.": an adverbial clause of the verb
    return set(range(tok.sent.start, first - 1))


def has_complementizer(clause: Any) -> bool:
    """Does the clause headed by `clause` open with "that", "whether", "if" or a wh-word ("realized that
    ...", "remembers how ...")?"""
    return any(c.i < clause.i and (c.dep_ == "mark" and c.lower_ in ("that", "whether", "if") or c.tag_ in (
        "WRB", "WP", "WDT")) for c in clause.children)


def as_clause_content(sd: Any, tok: Any, subj: Any | None) -> set[int]:
    """ "The ferry, as the harbour master said, will stay in port", "as the memo put it": a reporting
    verb with no complement of its own in a clause opened by "as" (Quirk et al. 1985, 15.53, comment
    clauses): the clause it hangs on is what is said."""
    if subj is None or tok.dep_ not in ("advcl", "parataxis") or tok.head is tok:
        return set()
    mark = next((c for c in tok.children if c.dep_ == "mark" and c.lower_ == "as" and c.i < tok.i), None)
    if mark is None or any(c.dep_ in ("ccomp", "xcomp", "parataxis") for c in tok.children):
        return set()
    if any(c.dep_ == "dobj" and c.lower_ not in ("it", "so") for c in tok.children):
        return set()  # "as he signed the deal": an act at the time of another
    own = _subtree(tok)
    return {t.i for t in tok.head.subtree if t.i not in own and t.sent == tok.sent}


def _straight_quote_opens(text: str, k: int) -> bool:
    """Does the straight quotation mark at `k` open a quotation (an even number of them before it in its
    paragraph), rather than close the one before ('... "without delay." The mayor ...')?"""
    par = max(text.rfind("\n\n", 0, k), 0)
    return text[par:k].count('"') % 2 == 0
