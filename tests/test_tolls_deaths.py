"""Death tolls from verbs and phrases of killing and dying (issue 13, tolls). Invented sentences only."""

from __future__ import annotations

import pytest

from sitrep.pipeline import Pipeline
from tests.conftest import killed_in, main_acled_event, run_checked


@pytest.fixture(scope="module")
def pipe() -> Pipeline:
    return Pipeline()


run = run_checked
main = main_acled_event
killed = killed_in


@pytest.mark.parametrize(
    ("text", "n"),
    [
        # resultative "dead" after a verb of shooting or finding
        ("Two shopkeepers were shot dead by a gang of robbers in the market.", 2),
        ("Soldiers shot dead three smugglers near the river crossing.", 3),
        # "to death" after a verb of a manner of harming
        ("A herder was hacked to death by raiders from a neighbouring village.", 1),
        ("A mob beat a suspected thief to death in the bus park.", 1),
        ("A crowd of traders stabbed two suspected pickpockets to death at the market.", 2),
        # "leaving N dead": the number modifies "dead"
        ("A grenade attack by militants on a bar left four dead.", 4),
        # reduced passive in a headline parsed as an active verb
        ("Troops battle rebels near the border; five rebels killed", 5),
    ],
)
def test_death_phrases(pipe: Pipeline, text: str, n: int) -> None:
    assert killed(pipe, text) == n


def test_sentenced_to_death_is_no_toll(pipe: Pipeline) -> None:
    text = "Gunmen attacked a police post. A court later sentenced two of the gunmen to death."
    assert killed(pipe, text) == 0


def test_running_total_is_no_toll(pipe: Pipeline) -> None:
    text = "Bandits have shot dead more than 40 herders in the valley since January."
    assert killed(pipe, text) == 0


def test_protest_over_a_killing_has_no_toll(pipe: Pipeline) -> None:
    text = "Hundreds of students marched peacefully in the town to protest the killing of a classmate by police."
    e = main(run(pipe, text))
    assert e is not None and e.acled is not None and e.acled["event_type"] == "Protests"
    assert not e.killed
