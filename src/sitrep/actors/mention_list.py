"""The recogniser's list of token mentions with an index by token (issue 20: `mention_at` and the
filter in `_State.add` scanned every mention per call, which made long documents quadratic).

`MentionList` is a plain list that counts the changes other than appends. Its index is brought up to
date on demand: appended mentions are taken in incrementally; any other change (remove, assignment,
sort, ...) rebuilds it. Mentions' token offsets are never changed in place (only `actor_id` is), so
the index, which stores the mention objects, stays valid under such changes.
"""

from __future__ import annotations

from typing import Any, SupportsIndex


class MentionList(list[Any]):
    """A list of mentions (objects with token `start` and `end`) with `first_at` and `contained`."""

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self._edits = 0  # changes other than appends
        self._seen_edits = -1  # `_edits` when the index was built (-1: never)
        self._n = 0  # mentions taken into the index
        self._by_tok: dict[int, Any] = {}  # token -> first mention (list order) holding it
        self._by_start: dict[int, list[Any]] = {}  # token start -> mentions (list order)
        self._back = 0  # the most a mention's start lies past its end (0 when none does)

    # ------------------------------------------------------------ the index
    def _sync(self) -> None:
        if self._seen_edits != self._edits or self._n > len(self):
            self._by_tok = {}
            self._by_start = {}
            self._back = 0
            self._n = 0
            self._seen_edits = self._edits
        by_tok, by_start = self._by_tok, self._by_start
        for n in range(self._n, len(self)):
            m = self[n]
            for k in range(m.start, m.end):
                by_tok.setdefault(k, m)
            by_start.setdefault(m.start, []).append(m)
            self._back = max(self._back, m.start - m.end)
        self._n = len(self)

    def first_at(self, k: int) -> Any:
        """The first mention in list order with start <= k < end, or None."""
        self._sync()
        return self._by_tok.get(k)

    def contained(self, i: int, j: int) -> bool:
        """Whether some mention lies within [i, j) (start >= i and end <= j)."""
        self._sync()
        for s in range(i, j + 1 + self._back):  # start <= end + back <= j + back
            for m in self._by_start.get(s, ()):
                if m.end <= j:
                    return True
        return False

    # ------------------------------------------------------------ changes other than appends
    def _edit(self) -> None:
        self._edits += 1

    def insert(self, index: SupportsIndex, obj: Any) -> None:
        self._edit()
        super().insert(index, obj)

    def remove(self, value: Any) -> None:
        self._edit()
        super().remove(value)

    def pop(self, index: SupportsIndex = -1) -> Any:
        self._edit()
        return super().pop(index)

    def clear(self) -> None:
        self._edit()
        super().clear()

    def sort(self, *args: Any, **kwargs: Any) -> None:
        self._edit()
        super().sort(*args, **kwargs)

    def reverse(self) -> None:
        self._edit()
        super().reverse()

    def __setitem__(self, key: Any, value: Any) -> None:
        self._edit()
        super().__setitem__(key, value)

    def __delitem__(self, key: Any) -> None:
        self._edit()
        super().__delitem__(key)

    def __imul__(self, n: SupportsIndex) -> MentionList:
        self._edit()
        return super().__imul__(n)
