"""HTTP API over the event store, and the map page.

GET  /api/events                   merged events, a page of them and how many match in all (filters:
                                   country, admin1, since, until, type, status, timeframe, actor, q,
                                   min_fatalities, min_confidence; paging: limit, offset)
GET  /api/events.csv               the same filter, every matching event, ACLED columns (sitrep.export)
GET  /api/events.geojson           the same filter, Point features with flat properties
GET  /api/points                   the same filter, one compact row per event (id, lat, lon, status, ...)
GET  /api/control                  control periods of every province with territorial events
GET  /api/events/{id}              one event with its evidence, claims and the article texts to highlight them in
GET  /api/regions/{admin1}/timeline  control timeline of a province
GET  /api/facets                   values the page's filters can take
POST /api/articles                 extract and store one article (bearer token from env SITREP_API_TOKEN)
POST /api/recluster                re-merge all stored article events in a content-fixed order (same token)
GET  /docs                         OpenAPI docs;  GET /  the map page

The app is built in `app.py` (routes and middleware), from the request models of `inputs.py` and the
response models of `models.py`; `guard.py` holds the request guard.
"""

from __future__ import annotations

from .app import LOOPBACK_HOSTS, POINT_COLUMNS, create_app, flat_properties
from .inputs import MAX_ARTICLE_BYTES, ArticleIn, ArticleOut, EventFilter, ReclusterOut
from .models import EventOut

__all__ = [
    "LOOPBACK_HOSTS",
    "MAX_ARTICLE_BYTES",
    "POINT_COLUMNS",
    "ArticleIn",
    "ArticleOut",
    "EventFilter",
    "EventOut",
    "ReclusterOut",
    "create_app",
    "flat_properties",
]
