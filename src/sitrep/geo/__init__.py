"""places stage (TEMPORARY development placeholder: replaced by the real stage)."""

from ..document import Document  # noqa: F401
from ..pipeline import register


@register("places")
class _Placeholder:
    name = "places"

    def __call__(self, doc: Document) -> Document:
        return doc
