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
    if any(c.dep_ in ("mark", "advmod") and c.i < tok.i for c in tok.children):
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
