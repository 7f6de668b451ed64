"""`InputError`: an input item that could not be read, naming where it is."""

from __future__ import annotations

from dataclasses import dataclass

from ..document import error_record
from ..records import ErrorRecord


@dataclass
class InputError:
    """An input item that could not be read. `where` is "path" or "path:line"."""

    id: str | None
    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"

    def record(self) -> ErrorRecord:
        return error_record(self.id, str(self))
