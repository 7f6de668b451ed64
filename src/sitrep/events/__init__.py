"""events stage (TEMPORARY development placeholder: replaced by the real stage)."""

from ..document import Document  # noqa: F401
from ..pipeline import register


@register("events")
class _Placeholder:
    name = "events"

    def __call__(self, doc: Document) -> Document:
        return doc
