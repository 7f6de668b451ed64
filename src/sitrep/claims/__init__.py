"""claims stage (TEMPORARY development placeholder: replaced by the real stage)."""

from ..document import Document  # noqa: F401
from ..pipeline import register


@register("claims")
class _Placeholder:
    name = "claims"

    def __call__(self, doc: Document) -> Document:
        return doc
