"""Read access to the shipped gazetteer (`data/gazetteer.sqlite`, built by `sitrep.geo.build`).

The SQLite file is opened read-only and queried lazily, so loading is instant and memory stays small;
look-ups are cached per process.
"""

from __future__ import annotations

import dataclasses
import functools
import os
import sqlite3
import threading
from dataclasses import dataclass
from pathlib import Path

from ..document import Place
from .build import DEFAULT_DB, fold_doubles, normalize

ENV_VAR = "SITREP_GAZETTEER"  # path of another gazetteer file (e.g. one built from allCountries.zip)


def _variant(c: Candidate, key: str) -> Candidate:
    """A country's or a division's alternate name that only spells its name another way ("Atacora" for
    GeoNames' "Atakora", "Elgeyo-Marakwet" for "Elegeyo-Marakwet", "Couffo" for "Kouffo") is as good as the
    name: an "alias", not an "alt" (translations and abbreviations, which stay weak)."""
    if c.src != "alt" or c.kind not in ("country", "admin1"):
        return c
    import difflib

    name = normalize(c.name)
    if len(key) >= 5 and difflib.SequenceMatcher(None, key, name).ratio() >= 0.8:
        return dataclasses.replace(c, src="alias")
    return c


class GazetteerMissing(RuntimeError):
    pass


@dataclass(frozen=True)
class Candidate:
    id: int
    name: str
    lat: float
    lon: float
    cc: str | None
    admin1: str | None  # GeoNames admin1 code
    iso1: str | None  # ISO 3166-2
    admin1_name: str | None
    kind: str
    pop: int
    src: str  # how the looked-up name is attached: name, alias, alt, demonym
    fcode: str = ""  # GeoNames feature code; "ADM2A": a district whose point is its province's

    def place(self) -> Place:
        official = _official_names().get(self.iso1 or "")
        return Place(
            name=official if official and self.kind == "admin1" else self.name,
            lat=self.lat,
            lon=self.lon,
            geonameid=self.id if self.id > 0 else None,
            country_code=self.cc,
            admin1_code=self.iso1,
            admin1_name=official or self.admin1_name,
            kind=self.kind,
            population=self.pop,
        )


@functools.lru_cache(maxsize=1)
def _official_names() -> dict[str, str]:
    """ISO 3166-2 code -> the official spelling of a division GeoNames misspells (`data/admin1_names.tsv`)."""
    out: dict[str, str] = {}
    path = Path(__file__).with_name("data") / "admin1_names.tsv"
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            code, name = line.split("\t")[:2]
            out[code] = name
    return out


class Gazetteer:
    def __init__(self, path: str | Path | None = None):
        path = Path(path or os.environ.get(ENV_VAR) or DEFAULT_DB)
        if not path.exists():
            raise GazetteerMissing(f"gazetteer not found at {path}: run `sitrep gazetteer build`")
        self.path = path
        self._local = threading.local()
        self._cache: dict[str, tuple[Candidate, ...]] = {}  # by normalised key
        self._raw: dict[str, tuple[Candidate, ...]] = {}  # by the text as written
        self._countries: dict[str, Candidate] | None = None
        self._admin1: dict[tuple[str, str], Candidate] | None = None

    @property
    def db(self) -> sqlite3.Connection:
        con = getattr(self._local, "con", None)
        if con is None:
            con = sqlite3.connect(f"file:{self.path}?mode=ro&immutable=1", uri=True, check_same_thread=False)
            self._local.con = con
        return con

    def lookup(self, name: str) -> tuple[Candidate, ...]:
        """Every entry the name may refer to (by normalised key)."""
        hit = self._raw.get(name)
        if hit is not None:
            return hit
        key = normalize(name)
        if not key:
            return ()
        hit = self._cache.get(key)
        if hit is None:
            hit = self._query(key)
            if not hit and len(key) >= 5:  # "Middle Shabelle" for GeoNames' "Middle Shabele"
                hit = self._query(fold_doubles(key))
            if len(self._cache) > 200_000:
                self._cache.clear()
            self._cache[key] = hit
        if len(self._raw) > 200_000:
            self._raw.clear()
        self._raw[name] = hit
        return hit

    def _query(self, key: str) -> tuple[Candidate, ...]:
        rows = self.db.execute(
            "SELECT p.id, p.name, p.lat, p.lon, p.cc, p.admin1, p.iso1, p.admin1_name, p.kind, p.pop, n.src, p.fcode "
            "FROM names n JOIN places p ON p.id = n.id WHERE n.key = ?",
            (key,),
        ).fetchall()
        return tuple(_variant(Candidate(*r), key) for r in rows)

    def has(self, name: str) -> bool:
        return bool(self.lookup(name))

    def _load_tables(self) -> None:  # rows of 10 columns: Candidate's first ten fields
        countries: dict[str, Candidate] = {}
        admin1: dict[tuple[str, str], Candidate] = {}
        rows = self.db.execute(
            "SELECT id, name, lat, lon, cc, admin1, iso1, admin1_name, kind, pop FROM places "
            "WHERE kind IN ('country', 'admin1')"
        ).fetchall()
        for r in rows:
            c = Candidate(*r, src="name")  # type: ignore[misc]  # r: the ten columns before `src`
            if c.kind == "country" and c.cc:
                countries[c.cc] = c
            elif c.cc and c.admin1:
                admin1[(c.cc, c.admin1)] = c
        self._countries, self._admin1 = countries, admin1

    def country(self, cc: str) -> Candidate | None:
        if self._countries is None:
            self._load_tables()
        assert self._countries is not None
        return self._countries.get(cc)

    def admin1_of(self, c: Candidate) -> Candidate | None:
        if self._admin1 is None:
            self._load_tables()
        assert self._admin1 is not None
        if not c.cc or not c.admin1:
            return None
        return self._admin1.get((c.cc, c.admin1))

    def stats(self) -> dict[str, int]:
        import json

        row = self.db.execute("SELECT v FROM meta WHERE k = 'counts'").fetchone()
        return json.loads(row[0]) if row else {}


@functools.lru_cache(maxsize=4)
def _load(path: str) -> Gazetteer:
    return Gazetteer(path)


def load_gazetteer(path: str | Path | None = None) -> Gazetteer:
    """The process-wide gazetteer (opened once per path)."""
    return _load(str(Path(path or os.environ.get(ENV_VAR) or DEFAULT_DB)))
