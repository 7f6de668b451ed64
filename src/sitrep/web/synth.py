"""A store of invented events for the page's tests, screenshots and benchmark (no real reporting: the
group names, towns and sentences are made up; the provinces are real ISO 3166-2 codes with rough
centres so the map has somewhere to put them).

    python -m sitrep.web.synth /tmp/synth.db --events 500
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from datetime import date, timedelta
from typing import Any

# (admin1 code, province name, lat, lon)
PROVINCES = [
    ("AF-KAB", "Kabul", 34.53, 69.17), ("AF-PAN", "Panjshir", 35.3, 69.7), ("AF-KAN", "Kandahar", 31.6, 65.7),
    ("AF-HEL", "Helmand", 31.4, 64.1), ("AF-BAL", "Balkh", 36.7, 67.1), ("AF-NAN", "Nangarhar", 34.3, 70.5),
    ("AF-HER", "Herat", 34.3, 62.2), ("AF-KDZ", "Kunduz", 36.7, 68.9), ("SY-HL", "Aleppo", 36.2, 37.2),
    ("SY-ID", "Idlib", 35.9, 36.6), ("SY-DR", "Deir ez-Zor", 35.3, 40.1), ("SY-HM", "Homs", 34.7, 36.7),
    ("ML-7", "Gao", 16.3, -0.05), ("ML-6", "Tombouctou", 16.8, -3.0), ("ML-5", "Mopti", 14.5, -4.2),
    ("SD-KH", "Khartoum", 15.6, 32.5), ("SD-DW", "West Darfur", 13.45, 22.45), ("SD-DS", "South Darfur", 12.05, 24.9),
    ("UA-14", "Donetsk", 48.0, 37.8), ("UA-65", "Kherson", 46.6, 32.6), ("UA-63", "Kharkiv", 49.99, 36.23),
]
GROUPS = [  # invented
    ("synth:ridge", "Northern Ridge Brigade", "armed_group"), ("synth:dawn", "Dawn Liberation Front", "armed_group"),
    ("synth:valley", "Valley Defence Council", "armed_group"), ("synth:army", "National Army", "military"),
    ("synth:police", "Provincial Police", "police"), ("synth:gov", "Interim Government", "government"),
]
JOURNALIST = ("synth:journalist", "local journalist", "civilians")
TOWNS = ["Qarabel", "Dostan", "Mirvani", "Halsek", "Tunbar", "Oshkali", "Verdun Nur", "Sarpol Kand",
         "Zimrat", "Ebrak", "Kolvan", "Patreh", "Ansur", "Bekhal", "Lurim", "Nadvik"]
KINDS = [  # (ACLED type, sub-event type, PLOVER, sentence with {a} actor, {b} other, {t} town, {n} number)
    ("Battles", "Armed clash", "ASSAULT", "Fighters of the {a} clashed with the {b} near {t} for most of the day."),
    ("Battles", "Non-state actor overtakes territory", "ASSAULT", "The {a} said it had seized {t} after a night of fighting with the {b}."),
    ("Battles", "Government regains territory", "ASSAULT", "The {a} said it had retaken {t} from the {b}."),
    ("Explosions/Remote violence", "Remote explosive/landmine/IED", "ASSAULT", "A roadside device went off outside {t}, killing {n} people."),
    ("Explosions/Remote violence", "Shelling/artillery/missile attack", "ASSAULT", "Shells fired by the {a} struck the market of {t}, killing {n}."),
    ("Violence against civilians", "Attack", "ASSAULT", "Gunmen from the {a} opened fire on a bus near {t}, killing {n} passengers."),
    ("Protests", "Peaceful protest", "PROTEST", "Hundreds marched through {t} to demand the release of detained teachers."),
    ("Strategic developments", "Headquarters or base established", "MOBILIZE", "The {a} set up a new command post on the hills above {t}."),
]
TRIGGERS = ["clashed", "seized", "retaken", "went off", "struck", "opened fire", "marched", "set up"]
STATUSES = ["reported"] * 6 + ["claimed"] * 2 + ["contested", "denied"]
SPEAKERS = ["a spokesman for the {a}", "a village elder", "a statement from the {b}"]


def make_docs(n: int, seed: int = 7, start: date = date(2024, 1, 1), days: int = 180) -> list[dict[str, Any]]:
    """`n` invented contract documents with one event each."""
    rng = random.Random(seed)
    docs = []
    for i in range(n):
        a1, pname, plat, plon = rng.choice(PROVINCES)
        acled_t, sub, plover, tmpl = rng.choice(KINDS)
        a, b = rng.sample(GROUPS, 2)
        armed = [g for g in GROUPS if g[2] == "armed_group"]
        state = [g for g in GROUPS if g[2] != "armed_group"]
        if sub == "Non-state actor overtakes territory":
            a, b = rng.choice(armed), rng.choice(state)
        elif sub == "Government regains territory":
            a, b = rng.choice(state), rng.choice(armed)
        if sub.endswith("territory") and rng.random() < 0.08:
            a = JOURNALIST  # a reporter's account read as the actor: must not count for control
        town = rng.choice(TOWNS)
        killed = rng.choice([0, 0, 0, 1, 2, 3, 5, 8, 12, 20, 40]) if "killing" in tmpl else None
        historical = rng.random() < 0.03
        day = start + timedelta(days=rng.randrange(days))
        if historical:
            day = date(rng.randrange(1990, 2015), rng.randrange(1, 13), rng.randrange(1, 28))
        body = tmpl.format(a=a[1], b=b[1], t=town, n=killed if killed is not None else "")
        status = rng.choice(STATUSES)
        speaker = rng.choice(SPEAKERS).format(a=a[1], b=b[1])
        text = (
            f"{body} The account could not be checked on the ground, {speaker} said on the telephone. "
            f"Residents of {town} in {pname} province described the day to the invented wire service."
        )
        say = text.index(" said on the telephone") + 1
        claims = []
        if status in ("claimed", "contested", "denied"):
            claims.append({"source": {"id": a[0], "name": a[1]}, "speaker": None, "stance": "asserts",
                           "channel": "telephone", "start": say, "end": say + 4, "text": "said"})
        if status in ("contested", "denied"):
            claims.append({"source": {"id": b[0], "name": b[1]}, "speaker": None, "stance": "denies",
                           "channel": None, "start": say, "end": say + 4, "text": "said"})
        place = {
            "name": town, "geonameid": None, "lat": round(plat + rng.uniform(-0.6, 0.6), 4),
            "lon": round(plon + rng.uniform(-0.6, 0.6), 4), "country_code": a1[:2], "admin1_code": a1,
            "admin1_name": pname, "kind": "populated_place",
        }
        trig = next(w for w in TRIGGERS if w in body)
        aid = f"synth-{seed}-{i:06d}"
        ev = {
            "id": "e1",
            "plover": {"event": plover, "mode": None, "context": ["territory"] if "territory" in sub else []},
            "acled": {"event_type": acled_t, "sub_event_type": sub},
            "actor": [{"id": a[0], "name": a[1]}],
            "recipient": [{"id": b[0], "name": b[1]}] if "{b}" in tmpl else [],
            "place": place,
            "date": {"start": day.isoformat(), "end": day.isoformat(), "precision": "day"},
            "timeframe": "historical" if historical else "current",
            "status": status,
            "claims": claims,
            "magnitude": {"killed": killed, "injured": None, "arrested": None},
            "evidence": [{"start": 0, "end": len(body), "text": body}],
            "trigger": {"start": body.index(trig), "end": body.index(trig) + len(trig), "text": trig},
            "confidence": round(rng.uniform(0.35, 0.95), 2),
        }
        docs.append({
            "schema": "sitrep.document/1", "id": aid, "title": body.split(",")[0][:80],
            "url": f"https://news.example.org/{aid}", "source": "Invented Wire",
            "published": (day + timedelta(days=1)).isoformat(), "text": text, "places": [place], "times": [],
            "actors": [{"id": x[0], "name": x[1], "kind": x[2], "country": None, "mentions": []} for x in (a, b)],
            "events": [ev],
        })
    return docs


def build(db: str, n: int, seed: int = 7) -> int:
    """Ingest `n` invented articles into the store at `db`; returns the number of merged events."""
    from ..store import Store

    s = Store(db)
    for d in make_docs(n, seed):
        s.ingest(d)
    m = s.count_events()
    s.close()
    return m


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("db")
    ap.add_argument("--events", type=int, default=500)
    ap.add_argument("--seed", type=int, default=7)
    a = ap.parse_args(argv)
    t = time.perf_counter()
    m = build(a.db, a.events, a.seed)
    print(f"{a.events} articles -> {m} merged events in {a.db} ({time.perf_counter() - t:.1f} s)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
