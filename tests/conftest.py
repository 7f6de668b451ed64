"""Shared fixtures: small invented articles in contract form (sitrep.document/1)."""

from __future__ import annotations

from typing import Any

import pytest

PANJSHIR = {
    "name": "Panjshir",
    "geonameid": 1131461,
    "lat": 35.3,
    "lon": 69.7,
    "country_code": "AF",
    "admin1_code": "AF-PAN",
    "admin1_name": "Panjshir",
    "kind": "admin1",
}
KABUL = {
    "name": "Kabul",
    "geonameid": 1138958,
    "lat": 34.53,
    "lon": 69.17,
    "country_code": "AF",
    "admin1_code": "AF-KAB",
    "admin1_name": "Kabul",
    "kind": "populated_place",
}
TALIBAN = {"id": "taliban", "name": "Taliban"}
NRF = {"id": "nrf", "name": "National Resistance Front"}


def _span(text: str, needle: str) -> dict[str, Any]:
    i = text.index(needle)
    return {"start": i, "end": i + len(needle), "text": needle}


def make_article(
    aid: str,
    text: str,
    published: str,
    *,
    trigger: str,
    evidence: str,
    acled: tuple[str, str] | None,
    plover: str | None = None,
    place: dict[str, Any] | None = None,
    day: str | None = None,
    actor: list[dict[str, str]] | None = None,
    claims: list[tuple[dict[str, str] | None, str, str]] = (),  # type: ignore[assignment]
    status: str = "reported",
    killed: int | None = None,
    confidence: float = 0.8,
) -> dict[str, Any]:
    actor = actor or []
    ev = {
        "id": "e1",
        "plover": {"event": plover, "mode": None, "context": []} if plover else None,
        "acled": {"event_type": acled[0], "sub_event_type": acled[1]} if acled else None,
        "actor": actor,
        "recipient": [],
        "place": place,
        "date": {"start": day, "end": day, "precision": "day"} if day else None,
        "timeframe": "current",
        "status": status,
        "claims": [
            {"source": src, "speaker": None, "stance": stance, "channel": None, **_span(text, frame)}
            for src, stance, frame in claims
        ],
        "magnitude": {"killed": killed, "injured": None, "arrested": None},
        "evidence": [_span(text, evidence)],
        "trigger": _span(text, trigger),
        "confidence": confidence,
    }
    return {
        "schema": "sitrep.document/1",
        "id": aid,
        "title": text.split(".")[0],
        "url": f"https://example.org/{aid}",
        "source": "example",
        "published": published,
        "text": text,
        "places": [],
        "times": [],
        "actors": [{"kind": "armed_group", **a, "country": "AFG", "mentions": []} for a in actor],
        "events": [ev],
    }


@pytest.fixture
def articles() -> list[dict[str, Any]]:
    a_text = (
        "The Taliban said on Monday they had captured Panjshir province. "
        "The National Resistance Front denied the claim and said fighting goes on."
    )
    b_text = "Taliban fighters took control of the Panjshir Valley on Monday, the group said."
    c_text = "A roadside bomb exploded in Kabul on Tuesday, killing three people."
    return [
        make_article(
            "a1",
            a_text,
            "2021-09-06",
            trigger="captured",
            evidence="The Taliban said on Monday they had captured Panjshir province.",
            acled=("Battles", "Non-state actor overtakes territory"),
            plover="ASSAULT",
            place=PANJSHIR,
            day="2021-09-06",
            actor=[TALIBAN],
            status="contested",
            claims=[(TALIBAN, "asserts", "said"), (NRF, "denies", "denied")],
        ),
        make_article(
            "b1",
            b_text,
            "2021-09-07",
            trigger="took control",
            evidence=b_text,
            acled=("Battles", "Non-state actor overtakes territory"),
            plover="ASSAULT",
            place=PANJSHIR,
            day="2021-09-06",
            actor=[TALIBAN],
            status="claimed",
            claims=[(TALIBAN, "asserts", "the group said")],
            confidence=0.7,
        ),
        make_article(
            "c1",
            c_text,
            "2021-09-07",
            trigger="exploded",
            evidence=c_text,
            acled=("Explosions/Remote violence", "Remote explosive/landmine/IED"),
            plover="ASSAULT",
            place=KABUL,
            day="2021-09-07",
            killed=3,
        ),
    ]


# ---------------------------------------------------------------------------------------------- stores
def _pg_url() -> str | None:
    import os

    return os.environ.get("SITREP_TEST_PG") or None


def _reset_pg(url: str) -> None:
    from sqlalchemy import text

    from sitrep.store import make_engine

    eng = make_engine(url)
    with eng.begin() as conn:
        for t in ("watch_alerts", "watch_items", "watch_sources", "claims", "event_mentions", "events", "articles",
                  "actors", "places", "schema_version"):
            conn.execute(text(f"DROP TABLE IF EXISTS {t} CASCADE"))
    eng.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Any) -> str:
    """A fresh, empty database: a SQLite file, and PostgreSQL when SITREP_TEST_PG is set."""
    if request.param == "sqlite":
        return str(tmp_path / "test.db")
    url = _pg_url()
    if not url:
        import os

        if os.environ.get("SITREP_REQUIRE_PG"):
            pytest.fail("SITREP_REQUIRE_PG is set but SITREP_TEST_PG is not (run .ci/start_postgres.sh)")
        pytest.skip("SITREP_TEST_PG not set (run .ci/start_postgres.sh)")
    _reset_pg(url)
    return url


# ---------------------------------------------------------------------------------------------- fake pipeline
class FakePipeline:
    """Stands in for the NLP pipeline: finds "captured"/"took control" (territory) and "bomb" events."""

    batch_size = 16

    def __call__(self, doc: Any) -> Any:
        return next(iter(self.pipe([doc])))

    def pipe(self, docs: Any, batch_size: int = 16) -> Any:
        from sitrep.document import Actor, Claim, Event, EventDate, Place, Span

        for doc in docs:
            if "FAIL" in doc.text:
                doc.meta["error"] = "events stage failed: RuntimeError: invented failure"
                yield doc
                continue
            day = (doc.published or doc.dateline).isoformat() if (doc.published or doc.dateline) else None
            for i, cue in enumerate(("captured", "took control", "bomb")):
                at = doc.text.find(cue)
                if at < 0:
                    continue
                place = Place(**{k: v for k, v in (KABUL if cue == "bomb" else PANJSHIR).items()})
                ev = Event(
                    id=f"e{i}",
                    trigger=Span(at, at + len(cue), cue),
                    evidence=[Span(0, len(doc.text), doc.text)],
                    acled={
                        "event_type": "Explosions/Remote violence",
                        "sub_event_type": "Remote explosive/landmine/IED",
                    }
                    if cue == "bomb"
                    else {"event_type": "Battles", "sub_event_type": "Non-state actor overtakes territory"},
                    plover={"event": "ASSAULT", "mode": None, "context": []},
                    place=place,
                    date=EventDate(day, day, "day") if day else None,
                    confidence=0.7,
                )
                if cue != "bomb":
                    if not doc.actor_by_id("taliban"):
                        doc.actors.append(Actor("taliban", "Taliban", "armed_group", "AFG"))
                    ev.actor = ["taliban"]
                    d = doc.text.find("denied")
                    if d >= 0:
                        doc.actors.append(Actor("nrf", "National Resistance Front", "armed_group", "AFG"))
                        ev.claims.append(Claim("denies", d, d + 6, "denied", source="nrf"))
                        ev.status = "contested"
                doc.events.append(ev)
            yield doc


@pytest.fixture
def fake_pipeline() -> FakePipeline:
    return FakePipeline()


# ---------------------------------------------------------------------------------------------- real pipeline
_REAL_PIPE: Any = None


def run_contract(text: str, published: str = "2024-03-04") -> dict[str, Any]:
    """The whole pipeline over an invented text, as a contract record (one pipeline for the test run)."""
    global _REAL_PIPE
    from sitrep import make_document
    from sitrep.pipeline import Pipeline

    if _REAL_PIPE is None:
        _REAL_PIPE = Pipeline()
    return _REAL_PIPE(make_document(text, published)).to_contract()


def run_doc(pipe: Any, text: str, published: str = "2023-05-02") -> Any:
    """Run a pipeline over one invented text (id "t")."""
    import sitrep

    return pipe(sitrep.make_document(text, published, id="t"))


def main_acled_event(doc: Any) -> Any:
    """The most confident event with an ACLED type, or None."""
    evs = [e for e in doc.events if e.acled]
    return max(evs, key=lambda e: e.confidence) if evs else None


def run_checked(pipe: Any, text: str, published: str = "2023-05-02") -> Any:
    """`run_doc`, failing the test when the pipeline recorded an error for the document."""
    doc = run_doc(pipe, text, published)
    assert "error" not in doc.meta, doc.meta.get("error")
    return doc


def killed_in(pipe: Any, text: str) -> int:
    """The killed count of the main ACLED event of one invented text (0 when there is none)."""
    e = main_acled_event(run_checked(pipe, text))
    return (e.killed or 0) if e else 0
