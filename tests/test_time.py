"""Tests of the times stage: tagging, normalisation, datelines and event dating (own example texts)."""

from __future__ import annotations

from datetime import date

import pytest

from sitrep import make_document
from sitrep.document import Document, Event, Span
from sitrep.pipeline import Pipeline
from sitrep.time import date_event, find_dateline, tag, tag_document
from sitrep.time.anchoring import resolve_weekday

ANCHOR = date(2021, 9, 6)  # a Monday


@pytest.fixture(scope="module")
def pipe() -> Pipeline:
    return Pipeline(["nlp", "times"])


def values(text: str, anchor: date | None = ANCHOR) -> dict[str, tuple[str, str]]:
    return {t.text: (t.res.type, t.res.value) for t in tag(text, anchor)}


def run(pipe: Pipeline, text: str, published: str | None = "2021-09-06") -> Document:
    doc = pipe(make_document(text, published))
    assert "error" not in doc.meta, doc.meta.get("error")
    return doc


def event_on(doc: Document, word: str, occurrence: int = 0) -> Event:
    """A synthetic event on the `occurrence`-th `word`, with its spaCy sentence as evidence."""
    start = -1
    for _ in range(occurrence + 1):
        start = doc.text.index(word, start + 1)
    end = start + len(word)
    sent = next(s for s in doc.spacy.sents if s.start_char <= start < s.end_char)
    ev = Event(
        id="e", trigger=Span(start, end, word), evidence=[Span(sent.start_char, sent.end_char, sent.text)]
    )
    date_event(doc, ev)
    return ev


# ----------------------------------------------------------------------------- weekdays


def test_weekday_with_day_number_in_brackets() -> None:
    v = values("The militia said on Monday (6) it held the pass. Earlier this Sunday (5), talks failed.")
    assert v["Monday (6)"] == ("DATE", "2021-09-06")
    assert v["Earlier this Sunday (5)"] == ("DATE", "2021-09-05")


def test_weekday_day_number_looks_back_to_earlier_month() -> None:
    # Tuesday the 31st before 2021-09-06 is 2021-08-31
    assert values("Fighting resumed Tuesday (31).")["Tuesday (31)"] == ("DATE", "2021-08-31")


def test_resolve_weekday_directions() -> None:
    assert resolve_weekday(ANCHOR, 5, "past") == date(2021, 9, 3)
    assert resolve_weekday(ANCHOR, 1, "past") == date(2021, 9, 6)  # the anchor's own weekday
    assert resolve_weekday(ANCHOR, 5, "future") == date(2021, 9, 10)
    assert resolve_weekday(ANCHOR, 1, None, rel="last") == date(2021, 8, 30)
    assert resolve_weekday(ANCHOR, 3, None, rel="next") == date(2021, 9, 8)


def test_bare_weekday_past_and_future_tense(pipe: Pipeline) -> None:
    doc = run(pipe, "Rebels shelled the town on Friday. The council will meet on Thursday to discuss aid.")
    got = {t.text: t.value for t in doc.times}
    assert got["Friday"] == "2021-09-03"
    assert got["Thursday"] == "2021-09-09"


# ----------------------------------------------------------------------------- relative expressions


def test_relative_days_weeks_months_years() -> None:
    v = values(
        "Yesterday the army moved; today it rests and tomorrow it leaves. Last week was calm, "
        "this month is not, and next year may be worse. Earlier this week a truce collapsed. "
        "Prices rose last month and this year."
    )
    assert v["Yesterday"] == ("DATE", "2021-09-05")
    assert v["today"] == ("DATE", "2021-09-06")
    assert v["tomorrow"] == ("DATE", "2021-09-07")
    assert v["Last week"] == ("DATE", "2021-W35")
    assert v["this month"] == ("DATE", "2021-09")
    assert v["next year"] == ("DATE", "2022")
    assert v["Earlier this week"] == ("DATE", "2021-W36")
    assert v["last month"] == ("DATE", "2021-08")
    assert v["this year"] == ("DATE", "2021")


def test_ago_and_present_past_future_refs() -> None:
    v = values(
        "Three days ago the convoy left. Two years ago it was quiet. The group is now weaker and recently split."
    )
    assert v["Three days ago"] == ("DATE", "2021-09-03")
    assert v["Two years ago"] == ("DATE", "2019")
    assert v["now"] == ("DATE", "PRESENT_REF")
    assert v["recently"] == ("DATE", "PAST_REF")
    assert values("That will matter in the future.")["the future"] == ("DATE", "FUTURE_REF")


def test_seasons_quarters_and_month_parts() -> None:
    v = values("Troops left in early August and return in late October. The offensive of this summer ended.")
    assert v["early August"] == ("DATE", "2021-08")
    assert v["late October"] == ("DATE", "2021-10")
    assert v["this summer"] == ("DATE", "2021-SU")
    q = values("Exports fell in the second quarter of 2020 and in the third quarter.")
    assert q["the second quarter of 2020"] == ("DATE", "2020-Q2")
    assert q["the third quarter"] == ("DATE", "2021-Q3")


def test_early_month_interval_is_narrowed() -> None:
    t = next(x for x in tag("They arrived in early August.", ANCHOR) if x.text == "early August")
    assert (t.res.begin, t.res.finish, t.res.precision) == (date(2021, 8, 1), date(2021, 8, 10), "month")


# ----------------------------------------------------------------------------- absolute dates, decades, ranges


def test_absolute_dates_decades_ranges_named_dates() -> None:
    v = values(
        "The accord of March 3, 2004 followed talks on 12 June 1999. During the 1980s and between 1996 and 2001 "
        "the valley held out; after 9/11 everything changed. The early 1990s were hard."
    )
    assert v["March 3, 2004"] == ("DATE", "2004-03-03")
    assert v["12 June 1999"] == ("DATE", "1999-06-12")
    assert v["the 1980s"] == ("DATE", "198")  # TimeML: a decade is the first three digits
    assert v["1996"] == ("DATE", "1996")
    assert v["2001"] == ("DATE", "2001")
    assert v["9/11"] == ("DATE", "2001-09-11")
    assert v["The early 1990s"] == ("DATE", "199")


def test_hyphenated_year_range(pipe: Pipeline) -> None:
    assert values("The group ruled in 1996-2001.")["2001"] == ("DATE", "2001")
    doc = run(pipe, "The group ruled the country in 1996-2001.")
    ev = event_on(doc, "ruled")
    assert (ev.date.start, ev.date.end, ev.date.precision, ev.timeframe) == (
        "1996",
        "2001",
        "year",
        "historical",
    )


def test_year_not_tagged_in_numbers_or_release_codes() -> None:
    v = values("The unit had 2010 soldiers and spent $2015 on fuel; see release 2010-06-CA-233.")
    assert "2010" not in v and "2015" not in v


def test_month_day_without_year_uses_tense_and_anchor() -> None:
    v = values("The ceasefire began on Aug. 20 and elections are due Dec. 4.")
    assert v["Aug. 20"] == ("DATE", "2021-08-20")
    assert v["Dec. 4"] == ("DATE", "2021-12-04")
    # with a weekday: the year in which that date falls on that weekday
    assert values("He wrote on Sunday, Sept. 5.", date(2021, 9, 20))["Sunday, Sept. 5"] == (
        "DATE",
        "2021-09-05",
    )


def test_anaphoric_expressions_follow_the_last_date() -> None:
    v = values(
        "The envoy arrived on March 2, 2015 and left the next day. Rebels struck again later that year; "
        "the following year they signed a truce."
    )
    assert v["the next day"] == ("DATE", "2015-03-03")
    assert v["later that year"] == ("DATE", "2015")
    assert v["the following year"] == ("DATE", "2016")


# ----------------------------------------------------------------------------- durations, sets, times


def test_durations_and_sets() -> None:
    v = values(
        "The siege lasted three years, then a two-week truce, five hours of talks and the past decade of war. "
        "Patrols run daily and every week."
    )
    assert v["three years"] == ("DURATION", "P3Y")
    assert v["two-week"] == ("DURATION", "P2W")
    assert v["five hours"] == ("DURATION", "PT5H")
    assert v["the past decade"] == ("DURATION", "P10Y")
    assert v["daily"] == ("SET", "P1D")
    assert v["every week"] == ("SET", "P1W")


def test_ages_and_rates_are_not_durations() -> None:
    v = values("A 9-year-old girl was injured; the charity spends $7 million a year.")
    assert not any(val[0] == "DURATION" for val in v.values())


def test_clock_times() -> None:
    v = values("The first shell landed at 11:20 a.m. and another at 8 p.m. Sunday.")
    assert v["11:20 a.m."] == ("TIME", "2021-09-06T11:20")
    assert v["8 p.m. Sunday"] == ("TIME", "2021-09-05T20:00")


# ----------------------------------------------------------------------------- no anchor / odd anchors


def test_no_anchor_gives_underspecified_values() -> None:
    v = values(
        "Yesterday rebels attacked; on Monday they withdrew. Last week was quiet. On June 3 talks began.",
        None,
    )
    assert v["Yesterday"] == ("DATE", "XXXX-XX-XX")
    assert v["Monday"] == ("DATE", "XXXX-WXX-1")
    assert v["Last week"] == ("DATE", "XXXX-WXX")
    assert v["June 3"] == ("DATE", "XXXX-06-03")


@pytest.mark.parametrize("published", [None, "0001-01-01", "9999-12-31", "2021-02-28"])
def test_odd_or_missing_publication_dates_never_crash(pipe: Pipeline, published: str | None) -> None:
    doc = run(
        pipe, "Yesterday the rebels took the town and will hold talks next week, on Friday (31).", published
    )
    assert doc.times  # tagged
    ev = event_on(doc, "took")
    assert ev.timeframe in ("current", "historical", "future")


def test_stage_on_document_without_spacy() -> None:
    doc = tag_document(Document(text="Militants attacked a post on Sunday.", published=ANCHOR))
    assert [(t.text, t.value) for t in doc.times] == [("Sunday", "2021-09-05")]


# ----------------------------------------------------------------------------- datelines


def test_datelines() -> None:
    d = find_dateline("2011-10-S-142\n\nGHAZNI, Afghanistan (Oct. 8, 2011)\nDuring a patrol ...")
    assert d is not None and d[0] == date(2011, 10, 8)
    d = find_dateline(
        "Patrol holds two men\n2012-09-CA-118\nGHAZNI, Afghanistan (Sept. 1) - A patrol held ..."
    )
    assert d is not None and d[0] == date(2012, 9, 1)
    d = find_dateline("Operational Update, Jan. 15, 2011\nA patrol ...")
    assert d is not None and d[0] == date(2011, 1, 15)
    d = find_dateline("June 4, 2019 11:05 am\nShelling hit the market ...")
    assert d is not None and d[0] == date(2019, 6, 4)
    assert find_dateline("LUSAKA, Zambia (AP) _\n\nA bus overturned outside the capital Friday.") is None
    assert find_dateline("GHAZNI, Afghanistan (Sept. 1) - no year anywhere") is None


def test_dateline_release_number_across_new_year() -> None:
    d = find_dateline("2011-12-CA-077\nGHAZNI, Afghanistan (Jan. 3) - A patrol ...")
    assert d is not None and d[0] == date(2012, 1, 3)


def test_dateline_sets_anchor_and_span(pipe: Pipeline) -> None:
    text = "GHAZNI, Afghanistan (Oct. 8, 2011)\nDuring a search in Sarn district yesterday, a patrol shot a gunman."
    doc = run(pipe, text, None)
    assert doc.dateline == date(2011, 10, 8) and doc.anchor == date(2011, 10, 8)
    assert doc.dateline_span is not None and text[slice(*doc.dateline_span)] == "Oct. 8, 2011"
    assert {t.text: t.value for t in doc.times}["yesterday"] == "2011-10-07"


# ----------------------------------------------------------------------------- event dating


def test_event_dating_news_conventions(pipe: Pipeline) -> None:
    text = (
        "The movement announced on Monday (6) that it had seized the valley. "
        "Earlier this Sunday (5), the rebel leader said he was ready to negotiate. "
        "Gunmen seized the rest of the province in early August. "
        "His father was assassinated in 2001. "
        "Guerrillas resisted the army in the 1980s and held the pass between 1996 and 2001. "
        "A meeting of elders could then be held, he said."
    )
    doc = run(pipe, text)
    ev = event_on(doc, "announced")
    assert (ev.date.start, ev.date.end, ev.date.precision, ev.timeframe) == (
        "2021-09-06",
        "2021-09-06",
        "day",
        "current",
    )
    ev = event_on(doc, "said")
    assert ev.date.start == "2021-09-05" and ev.timeframe == "current"
    ev = event_on(doc, "seized", 1)
    assert (ev.date.start, ev.date.end, ev.date.precision) == ("2021-08", "2021-08", "month")
    ev = event_on(doc, "assassinated")
    assert (ev.date.start, ev.date.precision, ev.timeframe) == ("2001", "year", "historical")
    ev = event_on(doc, "resisted")
    assert (ev.date.start, ev.date.end, ev.date.precision, ev.timeframe) == (
        "1980",
        "1989",
        "decade",
        "historical",
    )
    ev = event_on(doc, "held", 0)
    assert (ev.date.start, ev.date.end, ev.date.precision) == ("1996", "2001", "year")
    ev = event_on(doc, "held", 1)
    assert ev.timeframe == "future" and ev.date is None
    # no time expression at all: the anchor, precision day
    ev = event_on(run(pipe, "Fighters burned a school in the north."), "burned")
    assert (ev.date.start, ev.date.precision, ev.timeframe) == ("2021-09-06", "day", "current")


def test_event_dating_wire_copy(pipe: Pipeline) -> None:
    text = (
        "Patrol Holds Gunmen in Sarn\n2012-09-CA-118\nGHAZNI, Afghanistan (Sept. 1) - "
        "Soldiers held several gunmen in Amel province Tuesday. "
        "The soldiers also seized rifles.\n\nIn a separate search, a unit killed two fighters."
    )
    doc = run(pipe, text, None)
    assert doc.dateline == date(2012, 9, 1)
    assert event_on(doc, "held").date.start == "2012-08-28"
    # no expression in the sentence: the reference time carries over from the previous sentence
    assert event_on(doc, "seized").date.start == "2012-08-28"


def test_event_dating_without_anchor(pipe: Pipeline) -> None:
    doc = run(pipe, "Militants stormed a checkpoint.", None)
    ev = event_on(doc, "stormed")
    assert ev.date is None and ev.timeframe == "current"


def test_plans_are_future(pipe: Pipeline) -> None:
    doc = run(
        pipe, "The government plans to hold elections. Rebels will attack the city. Ten may have been killed."
    )
    assert event_on(doc, "hold").timeframe == "future"
    assert event_on(doc, "attack").timeframe == "future"
    assert event_on(doc, "killed").timeframe == "current"
    doc = run(pipe, "On Sunday (5) elders proposed a deal to be negotiated in the valley.")
    assert event_on(doc, "proposed").timeframe == "current"
    assert event_on(doc, "negotiated").timeframe == "future"


def test_timeframe_without_parse() -> None:
    doc = tag_document(Document(text="Rebels will attack the city on Friday.", published=ANCHOR))
    ev = Event(id="e", trigger=Span(13, 19, "attack"), evidence=[Span(0, 38, doc.text)])
    date_event(doc, ev)
    assert ev.timeframe == "future"


def test_recent_years_is_past_ref_not_a_duration() -> None:
    v = values("Raids on the border towns grew in recent years, and the recent decades saw three wars.")
    assert v["recent years"] == ("DATE", "PAST_REF")
    assert v["the recent decades"] == ("DATE", "PAST_REF")
    # other vague plurals stay durations
    assert values("The talks dragged on for several years.")["several years"] == ("DURATION", "PXY")


def test_yearless_day_far_in_the_past_is_the_coming_one(pipe: Pipeline) -> None:
    # published 2021-09-06: in a past-tense clause "Aug. 30" stays in 2021, but "Sept. 20" read as past would
    # be almost a year back (news would give the year), so it is the coming Sept. 20
    doc = run(pipe, "The council said the truce, agreed on Aug. 30, was extended to Sept. 20.")
    got = {t.text: t.value for t in doc.times}
    assert got["Aug. 30"] == "2021-08-30"
    assert got["Sept. 20"] == "2021-09-20"
    doc = run(pipe, "The board declared a dividend payable Oct. 1 to holders of record Sept. 15.")
    got = {t.text: t.value for t in doc.times}
    assert got["Oct. 1"] == "2021-10-01"
    assert got["Sept. 15"] == "2021-09-15"
    # a forward cue ("through", "until", "effective") in a clause that is not past points to the coming date
    assert values("The curfew runs through November.")["November"] == ("DATE", "2021-11")
    # a month stays in the past in a past clause
    doc = run(pipe, "The rebels seized the town in November.")
    assert {t.text: t.value for t in doc.times}["November"] == "2020-11"


def test_year_quarter_is_that_years_quarter(pipe: Pipeline) -> None:
    # a quarter not yet over is the reference period only when the clause reports it (past tense)
    doc = run(pipe, "Profit rose in the third quarter. In the 2020 quarter, the company lost $3 million.")
    v = {t.text: (t.type, t.value) for t in doc.times}
    assert v["the third quarter"] == ("DATE", "2021-Q3")
    assert v["the 2020 quarter"] == ("DATE", "2020-Q3")
    assert values("Sales fell in the 2019 quarter.")["the 2019 quarter"] == ("DATE", "2019-QX")


def test_extent_leaves_out_possessive_preposition_and_compound_determiner() -> None:
    text = (
        "Friday's raid followed clashes over the past two years. In the past, the third-quarter results and "
        "the two-week truce were better. For the year ended June 30, aid fell."
    )
    got = {t.text: (t.start, t.end, t.res.value) for t in tag(text, ANCHOR)}
    assert got["Friday"][2] == "2021-09-03"
    assert "the past two years" in got and "over the past two years" not in got
    assert got["the past"][2] == "PAST_REF"
    assert "third-quarter" in got and "the third-quarter" not in got
    assert got["two-week"][2] == "P2W"
    assert got["the year"][2] == "P1Y"
    for t in tag(text, ANCHOR):
        assert text[t.start : t.end] == t.text


def test_coordinated_days_and_year_pairs_are_separate_timexes() -> None:
    text = "Talks are set for Oct. 12 and 14, after the 2019-20 season. On Oct. 3 and 40 people died."
    got = {t.text: (t.start, t.res.value) for t in tag(text, ANCHOR)}
    assert got["Oct. 12"][1] == "2021-10-12"
    assert got["14"] == (text.index("14"), "2021-10-14")
    assert got["2019"][1] == "2019"
    assert got["20"] == (text.index("20 season"), "2020")
    assert "40" not in got  # a count, not a day
    # not a pair of consecutive years: left alone
    assert "2019" not in {t.text for t in tag("The score was 2019-35 in the end.", ANCHOR)}


def test_year_period_after_a_quarter_and_last_half() -> None:
    text = "Net fell in the second quarter. In the 2020 period, the firm earned more. Sales in the last half of 2020 rose."
    got = {t.text: t.res.value for t in tag(text, ANCHOR)}
    assert got["the 2020 period"] == "2020-Q2"
    assert got["the last half of 2020"] == "2020-H2"
    # without a quarter in view a year stays a year
    assert {t.text: t.res.value for t in tag("In the 2020 period of calm, talks stalled.", ANCHOR)}[
        "2020"
    ] == "2020"


def test_quarter_durations_and_trading_days() -> None:
    v = values("Losses grew in the past two quarters; five trading days later the shares recovered.")
    assert v["the past two quarters"] == ("DURATION", "P2Q")
    assert v["five trading days"] == ("DURATION", "P5D")
    assert values("It took three business days.")["three business days"] == ("DURATION", "P3D")


def test_fiscal_year_the_year_and_season_of_year() -> None:
    v = values("Sales rose in fiscal year 2019, and in the year 2018, and fell in the summer of 2017.")
    assert v["fiscal year 2019"] == ("DATE", "2019")
    assert v["the year 2018"] == ("DATE", "2018")
    assert v["the summer of 2017"] == ("DATE", "2017-SU")


def test_effective_date_is_ahead_even_in_a_past_clause(pipe: Pipeline) -> None:
    doc = run(pipe, "The party named him governor, effective March 1.")
    assert {t.text: t.value for t in doc.times}["March 1"] == "2022-03-01"


def test_week_of_a_date_and_or_so() -> None:
    text = "Talks resume the week of Sept. 20 and could last two weeks or so."
    got = {t.text: (t.start, t.res.value) for t in tag(text, ANCHOR)}
    assert got["the week of Sept. 20"] == (text.index("the week"), "2021-W38")
    assert got["two weeks or so"][1] == "P2W"


def test_determiner_before_a_dated_modifier_is_outside() -> None:
    text = "Under the Dec. 21, 2020 accord, fighting stopped."
    got = [t.text for t in tag(text, ANCHOR)]
    assert got == ["Dec. 21, 2020"]


def test_noon_inside_afternoon_is_not_a_clock_time() -> None:
    assert [t.text for t in tag("By mid afternoon, shelling resumed.", ANCHOR)] == []
    assert values("The deadline is noon Friday.")["noon Friday"][0] == "TIME"


def test_release_number_dates_to_the_month_without_a_dateline(pipe: Pipeline) -> None:
    doc = run(pipe, "2012-03-CA-205\nFor Immediate Release\n\nA patrol detained two men in Korvan yesterday.", None)
    ev = event_on(doc, "detained")
    assert ev.date is not None and (ev.date.start, ev.date.precision) == ("2012-03", "month")
    # without a release number nothing is invented
    assert event_on(run(pipe, "A patrol detained two men in Korvan yesterday.", None), "detained").date is None


def test_reported_event_noun_takes_its_own_date(pipe: Pipeline) -> None:
    # "today" dates the announcement; the arrest happened on the day named after it
    doc = run(pipe, "Officials today announced the arrest of an arms dealer in Sarn town, Amel province Aug. 29.")
    assert event_on(doc, "arrest").date.start == "2021-08-29"
    doc = run(pipe, "The ministry also disclosed today the capture of a bomb maker during a search in Sarn, Aug. 31.")
    assert event_on(doc, "capture").date.start == "2021-08-31"
    # a verb trigger keeps the nearest attached expression
    doc = run(pipe, "Police today detained an arms dealer who had fled on Aug. 29.")
    assert event_on(doc, "detained").date.start == "2021-09-06"
