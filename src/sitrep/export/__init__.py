"""Exports over contract documents (`sitrep.document/1` dicts): PLOVER JSON, ACLED-style CSV, GeoJSON.

Every function takes an iterable of contract document dicts (as written by `sitrep extract`, or as
returned by the store) so that the CLI, the store and the API share one implementation.

One module per format: `acled_csv.py`, `plover.py`, `geojson.py`, `summary.py` (one line per event); `common.py` holds what they share.
"""

from __future__ import annotations

from .acled_csv import (
    ACLED_COLUMNS,
    DEFAULT_STATUSES,
    DISORDER,
    INCLUDABLE,
    INTER,
    KIND_INTER,
    AcledExport,
    _safe_cell,
    acled_event_date,
    acled_rows,
    export_acled_csv,
    parse_include,
    write_acled_csv,
)
from .common import iter_events
from .geojson import geojson
from .plover import QUAD, plover_dates, plover_records
from .summary import summary_line, summary_lines

__all__ = [
    "ACLED_COLUMNS", "DEFAULT_STATUSES", "DISORDER", "INCLUDABLE", "INTER", "KIND_INTER", "QUAD", "AcledExport",
    "_safe_cell", "acled_event_date", "acled_rows", "export_acled_csv", "geojson", "iter_events", "parse_include",
    "plover_dates", "plover_records", "summary_line", "summary_lines", "write_acled_csv",
]
