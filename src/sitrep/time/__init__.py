"""times stage (TEMPORARY development placeholder: replaced by the real stage)."""

from ..document import Document  # noqa: F401
from ..pipeline import register


@register("times")
class _Placeholder:
    name = "times"

    def __call__(self, doc: Document) -> Document:
        return doc
