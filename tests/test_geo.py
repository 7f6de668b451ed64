"""Tests of the places stage (sitrep.geo): gazetteer, detection, resolution, event place, build."""

from __future__ import annotations

import sqlite3
import zipfile
from pathlib import Path

import pytest

from sitrep import make_document
from sitrep.document import Event, Span
from sitrep.geo import load_gazetteer, place_for_event
from sitrep.geo.build import iso_subdivision_map, normalize, read_admin1
from sitrep.pipeline import Pipeline

AFGHAN_PROVINCES = {
    "AF-BDS", "AF-BDG", "AF-BGL", "AF-BAL", "AF-BAM", "AF-DAY", "AF-FRA", "AF-FYB", "AF-GHA", "AF-GHO",
    "AF-HEL", "AF-HER", "AF-JOW", "AF-KAB", "AF-KAN", "AF-KAP", "AF-KHO", "AF-KNR", "AF-KDZ", "AF-LAG",
    "AF-LOG", "AF-NAN", "AF-NIM", "AF-NUR", "AF-PIA", "AF-PKA", "AF-PAN", "AF-PAR", "AF-SAM", "AF-SAR",
    "AF-TAK", "AF-URU", "AF-WAR", "AF-ZAB",
}

ARTICLE = (
    "The Taliban said on Monday that they had taken full control of the Panjshir Valley, the last area of "
    "Afghanistan held by the resistance, said the group's spokesman, Zabihullah Mujahid.\n\n"
    "Fighters were seen outside the governor's compound in the province of Panjshir. Ahmad Massoud, the "
    "head of the resistance, said talks could end the fighting. Massoud said he was ready to negotiate.\n\n"
    "The valley lies about two hours from the capital, Kabul. His father was killed in neighbouring "
    "Takhar province in 2001, and the Afghan media reported new clashes."
)


@pytest.fixture(scope="module")
def pipe() -> Pipeline:
    return Pipeline(["nlp", "places"])


@pytest.fixture(scope="module")
def article(pipe: Pipeline):
    return pipe(make_document(ARTICLE, "2021-09-06"))


def _by_text(doc, text: str):
    return [p for p in doc.places if p.text == text]


# ---------------------------------------------------------------- gazetteer and ISO codes
def test_all_afghan_provinces_map_to_iso() -> None:
    m = iso_subdivision_map(read_admin1())
    af = {v[0] for k, v in m.items() if k.startswith("AF.")}
    assert af == AFGHAN_PROVINCES
    assert m["AF.42"][0] == "AF-PAN"
    assert m["AF.27"][0] == "AF-WAR"  # GeoNames "Vardak"
    assert m["AF.39"][0] == "AF-URU"  # GeoNames "Oruzgan"
    assert m["TR.34"][0] == "TR-34"  # Istanbul: GeoNames numbers are not ISO numbers (TR.34 != TR-34 by luck)
    assert m["TR.68"][0] == "TR-06"  # Ankara is GeoNames TR.68 but ISO TR-06
    assert m["US.CA"][0] == "US-CA"


def test_lookup_divisions_and_aliases() -> None:
    g = load_gazetteer()
    pan = [c for c in g.lookup("Panjshir") if c.kind == "admin1"]
    assert pan and pan[0].iso1 == "AF-PAN" and pan[0].cc == "AF"
    assert any(c.kind == "admin1" and c.iso1 == "AF-PIA" for c in g.lookup("Paktya"))
    assert any(c.kind == "country" and c.cc == "US" for c in g.lookup("U.S."))
    assert any(c.kind == "region" and c.iso1 == "AF-PAN" for c in g.lookup("Panjshir Valley"))
    assert not g.lookup("Xqzzyplace")


def test_normalize() -> None:
    assert normalize("U.S.") == "us"
    assert normalize("Pul-e \u2018Alam") == normalize("Pul-e 'Alam") == "pul e alam"
    assert normalize("the Gaza Strip") == "gaza strip"
    assert normalize("Bāmyān") == "bamyan"


# ---------------------------------------------------------------- detection and resolution
def test_founding_article_places(article) -> None:
    valley = _by_text(article, "Panjshir Valley")
    assert valley and all(p.place.admin1_code == "AF-PAN" for p in valley)
    assert abs(valley[0].place.lat - 35.3) < 0.5 and abs(valley[0].place.lon - 69.6) < 0.5
    prov = _by_text(article, "Panjshir")
    assert prov and prov[0].place.kind == "admin1" and prov[0].place.admin1_code == "AF-PAN"
    assert prov[0].place.geonameid == 6957555
    kabul = _by_text(article, "Kabul")
    assert kabul and kabul[0].place.country_code == "AF" and kabul[0].place.admin1_code == "AF-KAB"
    takhar = _by_text(article, "Takhar")
    assert takhar and takhar[0].place.admin1_code == "AF-TAK"
    afg = _by_text(article, "Afghanistan")
    assert afg and afg[0].place.kind == "country" and afg[0].place.country_code == "AF"
    assert article.focus_country == "AF"


def test_offsets_are_exact(article) -> None:
    for p in article.places:
        assert article.text[p.start : p.end] == p.text


def test_no_persons_as_places(article) -> None:
    texts = {p.text for p in article.places}
    for person in ("Massoud", "Ahmad", "Ahmad Massoud", "Mujahid", "Zabihullah Mujahid", "Taliban"):
        assert person not in texts


def test_demonym_is_country_level_not_literal(article) -> None:
    afghan = _by_text(article, "Afghan")
    assert afghan and afghan[0].place.country_code == "AF" and afghan[0].place.kind == "country"
    assert afghan[0].literal is False


def test_context_resolves_ambiguous_names(pipe: Pipeline) -> None:
    doc = pipe(make_document("Police in Birmingham, Alabama, said the suspect fled toward Montgomery."))
    bham = _by_text(doc, "Birmingham")
    assert bham and bham[0].place.country_code == "US" and bham[0].place.admin1_code == "US-AL"
    doc = pipe(make_document("Protesters marched through Birmingham and Manchester, in England, on Saturday."))
    bham = _by_text(doc, "Birmingham")
    assert bham and bham[0].place.country_code == "GB"


def test_district_and_province_cues(pipe: Pipeline) -> None:
    doc = pipe(make_document("Police searching Giro district, Ghazni province, on Sunday held two men."))
    giro = _by_text(doc, "Giro")
    assert giro and giro[0].place.admin1_code == "AF-GHA" and giro[0].place.kind == "admin2"
    ghazni = _by_text(doc, "Ghazni")
    assert ghazni and ghazni[0].place.kind == "admin1"
    # a district the gazetteer lacks is placed in the province named beside it
    doc = pipe(make_document("Officials in Zarqunabad district, Logar province, said a leader was held."))
    unknown = _by_text(doc, "Zarqunabad")
    assert unknown and unknown[0].place.admin1_code == "AF-LOG" and unknown[0].place.geonameid is None
    # a two-word district name, one word of which is a namesake elsewhere or a person's name, stays whole
    for name in ("Gul Mohammad", "Sher Khan"):
        doc = pipe(make_document(f"Soldiers detained two men in {name} district, Ghazni province, on Monday."))
        whole = _by_text(doc, name)
        assert whole and whole[0].place.admin1_code == "AF-GHA", [(p.text, p.place.name) for p in doc.places]


def test_common_words_are_not_places(pipe: Pipeline) -> None:
    doc = pipe(make_document("The West said President Ali would visit. Security was tight, police said."))
    assert not {"West", "President", "Ali", "Security"} & {p.text for p in doc.places}


# ---------------------------------------------------------------- event place
def _event(doc, sentence_start: str, trigger: str) -> Event:
    s0 = doc.text.index(sentence_start)
    s1 = doc.text.find(".", s0) + 1
    t0 = doc.text.index(trigger, s0)
    return Event(id="e1", trigger=Span(t0, t0 + len(trigger), trigger),
                 evidence=[Span(s0, s1, doc.text[s0:s1])])


def test_place_for_event_prefers_specific_attached_place(pipe: Pipeline) -> None:
    text = ("KABUL, Afghanistan (March 4, 2012)\nAn Afghan and coalition force killed a Taliban leader near a "
            "bazaar of Deh Yak district, Ghazni province, on Sunday. He had planned attacks in Afghanistan.")
    doc = pipe(make_document(text))
    place = place_for_event(doc, _event(doc, "An Afghan", "killed"))
    assert place is not None and place.admin1_code == "AF-GHA" and place.kind == "admin2"


def test_place_for_event_falls_back_to_paragraph_then_document(pipe: Pipeline) -> None:
    text = ("Fighting broke out in Kunduz province on Monday. Two soldiers were wounded.\n\n"
            "The ministry gave no details.")
    doc = pipe(make_document(text))
    place = place_for_event(doc, _event(doc, "Two soldiers", "wounded"))
    assert place is not None and place.admin1_code == "AF-KDZ"
    place = place_for_event(doc, _event(doc, "The ministry", "gave"))
    assert place is not None and place.admin1_code == "AF-KDZ"
    doc = pipe(make_document("Troops clashed with insurgents in Afghanistan. Two were wounded."))
    place = place_for_event(doc, _event(doc, "Two were", "wounded"))
    assert place is not None and place.kind == "country" and place.country_code == "AF"


def test_dateline_is_not_the_event_place(pipe: Pipeline) -> None:
    text = "KABUL, Afghanistan (March 3, 2011) - A patrol was attacked in Helmand province on Tuesday."
    doc = pipe(make_document(text))
    place = place_for_event(doc, _event(doc, "KABUL", "attacked"))
    assert place is not None and place.admin1_code == "AF-HEL"


# ---------------------------------------------------------------- build from a GeoNames dump
DUMP_ROWS = [
    # geonameid name asciiname alternatenames lat lon fclass fcode cc cc2 admin1 admin2 admin3 admin4 pop ...
    ["9990001", "Qaryazarq", "Qaryazarq", "Qarya-ye Zarq,Qaryah Zarq", "34.1", "68.5", "P", "PPL", "AF", "",
     "08", "", "", "", "0", "", "2100", "Asia/Kabul", "2020-01-01"],
    ["9990002", "Dasht-e Kuchak", "Dasht-e Kuchak", "", "31.5", "64.2", "T", "PLN", "AF", "", "10", "", "", "",
     "0", "", "800", "Asia/Kabul", "2020-01-01"],
    ["9990003", "Shorabak Valley", "Shorabak Valley", "", "30.9", "66.2", "T", "VAL", "AF", "", "23", "", "",
     "", "0", "", "1200", "Asia/Kabul", "2020-01-01"],
]


def test_gazetteer_build_from_fake_dump(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from sitrep.geo.cli import gazetteer
    from sitrep.geo.gazetteer import Gazetteer

    txt = "\n".join("\t".join(r) for r in DUMP_ROWS) + "\n"
    dump = tmp_path / "fake.zip"
    with zipfile.ZipFile(dump, "w") as z:
        z.writestr("fake.txt", txt)
    out = tmp_path / "gaz.sqlite"
    res = CliRunner().invoke(gazetteer, ["build", "--geonames", str(dump), "--out", str(out),
                                         "--min-population", "15000"])
    assert res.exit_code == 0, res.output
    assert out.exists()
    g = Gazetteer(out)
    village = g.lookup("Qarya-ye Zarq")
    assert village and village[0].id == 9990001 and village[0].iso1 == "AF-GHA"
    assert village[0].kind == "populated_place"
    valley = g.lookup("Shorabak Valley")
    assert valley and valley[0].kind == "region" and valley[0].iso1 == "AF-KAN"
    assert not g.lookup("Dasht-e Kuchak")  # plains (T.PLN) are not taken
    assert g.lookup("Kabul")  # the shipped sources are still there
    con = sqlite3.connect(out)
    assert con.execute("SELECT count(*) FROM places WHERE kind = 'admin1'").fetchone()[0] > 3800


def test_country_after_city_of_and_hyphenated_names(pipe: Pipeline) -> None:
    doc = pipe(make_document("The blast hit the largest city of Afghanistan, Kabul. An Afghan-American was hurt."))
    afg = _by_text(doc, "Afghanistan")
    assert afg and afg[0].place.kind == "country"
    assert all(not p.text.startswith("-") for p in doc.places)
    for p in doc.places:
        assert doc.text[p.start : p.end] == p.text


def test_towns_named_decide_a_state_or_country(pipe: Pipeline) -> None:
    doc = pipe(make_document("Police in Georgia arrested two men after a shooting in Atlanta."))
    assert _by_text(doc, "Georgia")[0].place.admin1_code == "US-GA"
    doc = pipe(make_document("Protesters in Tbilisi, Georgia, demanded the resignation of the government."))
    assert _by_text(doc, "Georgia")[0].place.kind == "country"
    doc = pipe(make_document("Rockets were fired toward Ashkelon and Sderot from the Gaza Strip."))
    assert {p.text for p in doc.places} >= {"Ashkelon", "Sderot", "Gaza Strip"}
    assert _by_text(doc, "Sderot")[0].place.country_code == "IL"


# ---------------------------------------------------------------- second round: speed, points, resolution
def test_doc_view_matches_spacy(pipe: Pipeline) -> None:
    from sitrep.geo.places import _DocView

    doc = pipe(make_document("Fighting went on across Giro district, Ghazni province, far from Kabul."))
    sd = doc.spacy
    view = _DocView(sd)
    assert view.text == sd.text and len(view) == len(sd)
    assert [e.text for e in view.ents] == [e.text for e in sd.ents]
    for i, j in ((0, 3), (4, 6), (len(sd) - 2, len(sd))):
        assert view[i:j].text == sd[i:j].text
        assert [t.i for t in view[i:j]] == [t.i for t in sd[i:j]]
    assert view[3].text == sd[3].text


def test_lookup_cache_by_written_text() -> None:
    g = load_gazetteer()
    first = g.lookup("Panjshir")
    assert g.lookup("Panjshir") is first  # answered from the cache of written forms
    assert g.lookup("PANJSHIR") == first  # same normalised key, same answer


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    import math

    la1, lo1, la2, lo2 = map(math.radians, (*a, *b))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(h)))


def test_country_points_agree_with_natural_earth_polygons() -> None:
    """country_points.tsv (GeoNames points via gvenzl/sample-data) against the mean vertex of each country's
    largest Natural Earth polygon (the web basemap): a typo or a swapped sign would be thousands of km off."""
    import json

    import pycountry

    from sitrep.geo.build import DATA, _read_tsv

    points = {r[0]: (float(r[1]), float(r[2])) for r in _read_tsv(DATA / "country_points.tsv")}
    assert len(points) >= 190
    assert points["GB"] == (54.75844, -2.69531) and points["AF"] == (33.0, 66.0)
    basemap = Path(__file__).parents[1] / "src/sitrep/web/static/countries-110m.geojson"
    checked = 0
    for f in json.loads(basemap.read_text())["features"]:
        try:
            cc = pycountry.countries.lookup(f["properties"]["name"]).alpha_2
        except LookupError:
            continue
        if cc not in points:
            continue
        geom = f["geometry"]
        polys = geom["coordinates"] if geom["type"] == "MultiPolygon" else [geom["coordinates"]]
        ring = max((p[0] for p in polys), key=len)
        lons = [pt[0] for pt in ring]
        if max(lons) - min(lons) > 180:  # across the antimeridian (Fiji, Russia)
            lons = [x + 360 if x < 0 else x for x in lons]
        lat = sum(pt[1] for pt in ring) / len(ring)
        lon = (sum(lons) / len(lons) + 180) % 360 - 180
        assert _km(points[cc], (lat, lon)) < 1500, cc
        checked += 1
    assert checked >= 120


def test_country_points_from_csv(tmp_path: Path) -> None:
    from sitrep.geo.build import country_points_from_csv

    src = tmp_path / "countries.csv"
    src.write_text("COUNTRY_ID,COUNTRY_CODE,NAME,OFFICIAL_NAME,POPULATION,AREA_SQ_KM,LATITUDE,LONGITUDE,TIMEZONE,"
                   "REGION_ID\nSYR,SY,Syria,,1,1,35,38,Asia/Damascus,AS\nAFG,AF,Afghanistan,,1,1,33,66,,AS\n"
                   "XXX,XX,Nowhere,,1,1,,,,AS\n", encoding="utf-8")
    out = tmp_path / "points.tsv"
    out.write_text("# provenance kept\n", encoding="utf-8")
    assert country_points_from_csv(src, out) == 2
    assert out.read_text(encoding="utf-8") == "# provenance kept\nAF\t33\t66\tAfghanistan\nSY\t35\t38\tSyria\n"


def test_area_centre_trims_outposts() -> None:
    from sitrep.geo.build import _centre

    pts = [(40.0 + i / 10, -100.0 + i / 10) for i in range(100)] + [(21.0, -157.0)]  # and one far island
    lat, lon = _centre(pts)
    assert 44 < lat < 45.5 and -96 < lon < -94.5


def test_district_named_after_two_places_gets_the_town_point() -> None:
    g = load_gazetteer()
    md = [c for c in g.lookup("Miami-Dade County") if c.kind == "admin2"]
    assert md and md[0].fcode == "ADM2"
    assert abs(md[0].lat - 25.77) < 0.3 and abs(md[0].lon + 80.19) < 0.3


def test_entity_grown_to_a_longer_name(pipe: Pipeline) -> None:
    doc = pipe(make_document("The stamps are on sale in 30 states, Puerto Rico and the U.S. Virgin Islands."))
    vi = [p for p in doc.places if p.text.endswith("Virgin Islands")]
    assert vi and vi[0].place.country_code == "VI"
    assert not _by_text(doc, "Islands")


def test_landform_named_after_a_river_is_not_the_river(pipe: Pipeline) -> None:
    doc = pipe(make_document("She was born in a hamlet east of Cairo, in the Nile Delta."))
    texts = {p.text for p in doc.places}
    assert "Cairo" in texts and not texts & {"Nile", "Delta"}


def test_town_in_an_organisation_name_is_its_best_known_namesake(pipe: Pipeline) -> None:
    doc = pipe(make_document("The US fund hired a manager from Aberdeen Asset Management in the US. "
                             "The US investors were pleased."))
    ab = _by_text(doc, "Aberdeen")
    assert ab and ab[0].place.country_code == "GB" and ab[0].literal is False


def test_unknown_local_place_is_not_a_town_abroad(pipe: Pipeline) -> None:
    text = ("Police in Cape Town said a woman was attacked in Delft on Friday. Officials in the Western Cape and "
            "in Johannesburg called for calm.")
    doc = pipe(make_document(text))
    delft = _by_text(doc, "Delft")
    assert delft and delft[0].place.country_code == "ZA" and delft[0].place.geonameid is None
    # listed with other places, a town abroad keeps its reading
    doc = pipe(make_document("The team flew to Cape Town, Johannesburg, Delft and Durban for the tour."))
    delft = _by_text(doc, "Delft")
    assert not delft or delft[0].place.country_code == "NL"


def test_place_after_a_possessive_lies_in_the_place_before() -> None:
    from sitrep.geo.gazetteer import Candidate
    from sitrep.geo.places import Mention, PlaceFinder

    london = Candidate(2643743, "London", 51.5085, -0.1257, "GB", "ENG", "GB-ENG", "England", "populated_place",
                       8_000_000, "name")
    far = Candidate(4159553, "Heathrow", 28.76, -81.37, "US", "FL", "US-FL", "Florida", "populated_place", 5896,
                    "name")
    owner = Mention(0, 6, "London", (london,), 0, 1, "ner", best=london)
    m = Mention(9, 17, "Heathrow", (far,), 2, 3, "ner", best=far, owner=owner)
    PlaceFinder._inside_owner(m)
    assert m.best is not None and m.best.cc == "GB" and m.best.id == 0 and m.best.lat == london.lat
    m = Mention(9, 17, "Heathrow", (far,), 2, 3, "ner", best=far)
    PlaceFinder._inside_owner(m)  # no possessive: unchanged
    assert m.best is far


# ---------------------------------------------------------------- recall round: fixtures built by hand
def _manual_doc(words: list[str], pos: list[str], ents: list[tuple[int, int, str]], spaces: list[bool] | None = None):
    """A Document whose parse is given (words, part-of-speech tags, entities), so that a test does not depend
    on what spaCy's statistical model happens to say about the sentence."""
    from spacy.tokens import Doc, Span

    from sitrep.nlp import load_model

    vocab = load_model().vocab
    if spaces is None:
        spaces = [i + 1 < len(words) and words[i + 1] not in {",", ".", ")", "'s"} and words[i] != "("
                  for i in range(len(words))]
    sd = Doc(vocab, words=words, spaces=spaces, pos=pos)
    sd.ents = [Span(sd, a, b, label=lab) for a, b, lab in ents]
    doc = make_document(sd.text, "2024-01-01")
    doc.spacy = sd
    return doc


def test_person_words_skip_non_names_and_places_used_alone() -> None:
    from sitrep.geo.places import PlaceFinder, _DocView

    # "Kano Chamber of Commerce" as PERSON is no person's name; "Denver" stands alone after "in"
    words = ["Kano", "Chamber", "of", "Commerce", "met", "Denver", "Pyle", "Oil", "staff", "in", "Denver", ",",
             "and", "Maria", "Lopez", "spoke", "."]
    pos = ["PROPN", "PROPN", "ADP", "PROPN", "VERB", "PROPN", "PROPN", "PROPN", "NOUN", "ADP", "PROPN", "PUNCT",
           "CCONJ", "PROPN", "PROPN", "VERB", "PUNCT"]
    doc = _manual_doc(words, pos, [(0, 4, "PERSON"), (5, 8, "PERSON"), (10, 11, "PERSON"), (13, 15, "PERSON")])
    got = PlaceFinder._person_words(_DocView(doc.spacy))
    assert "kano" not in got and "commerce" not in got
    assert "denver" not in got and "pyle" in got
    assert {"maria", "lopez"} <= got


def test_name_read_as_a_place_is_a_place_at_its_other_occurrences() -> None:
    # "Hinckley" (a town of under 100,000) is a place after "in"; so it is where nothing says so by itself
    # ("reported that Hinckley was calm") and where it begins an organisation's name (kept as embedded)
    words = ["Police", "in", "Hinckley", "reported", "that", "Hinckley", "was", "calm", ".", "The", "Hinckley",
             "Rotary", "Council", "helped", "."]
    pos = ["NOUN", "ADP", "PROPN", "VERB", "SCONJ", "PROPN", "AUX", "ADJ", "PUNCT", "DET", "PROPN", "PROPN", "PROPN",
           "VERB", "PUNCT"]
    doc = get_places()(_manual_doc(words, pos, [(2, 3, "GPE"), (9, 13, "ORG")]))
    found = [p for p in doc.places if p.text == "Hinckley"]
    assert len(found) == 3
    assert all(p.place.country_code == "GB" for p in found)
    assert [p.literal for p in found] == [True, True, False]


def test_name_that_speaks_is_not_propagated() -> None:
    words = ["He", "moved", "to", "Delft", ".", "Delft", "said", "he", "liked", "it", "."]
    pos = ["PRON", "VERB", "ADP", "PROPN", "PUNCT", "PROPN", "VERB", "PRON", "VERB", "PRON", "PUNCT"]
    doc = get_places()(_manual_doc(words, pos, [(3, 4, "GPE")]))
    assert [p.start for p in doc.places if p.text == "Delft"] == [doc.text.index("Delft")]


def test_upper_case_dateline_labelled_organisation() -> None:
    words = ["BOISE", "(", "AP", ")", "-", "Officials", "said", "on", "Monday", "."]
    pos = ["PROPN", "PUNCT", "PROPN", "PUNCT", "PUNCT", "NOUN", "VERB", "ADP", "PROPN", "PUNCT"]
    doc = get_places()(_manual_doc(words, pos, [(0, 1, "ORG"), (2, 3, "ORG")]))
    assert [(p.text, p.place.country_code) for p in doc.places] == [("BOISE", "US")]


def get_places():
    from sitrep.geo import PlacesStage

    return PlacesStage()


def test_arabic_article_and_province_of_names() -> None:
    from sitrep.geo.build import strip_article

    assert strip_article("al qamishli") == "qamishli"
    assert strip_article("as salt") == ""  # "Salt": too short, an English word
    assert strip_article("kabul") == ""
    g = load_gazetteer()
    assert any(c.cc == "SY" and c.kind == "populated_place" for c in g.lookup("Qamishli"))
    # GeoNames writes the Philippine provinces "Province of Sulu"
    for name in ("Sulu", "Basilan", "Maguindanao"):
        assert any(c.cc == "PH" and c.kind == "admin2" for c in g.lookup(name)), name


def test_name_listed_with_a_place_is_a_place() -> None:
    # "Marks Tey" (spaCy's PERSON) listed with the town before it; "EU" after "the U.S. and" stays out
    words = ["Traffic", "backed", "up", "between", "Coggeshall", "and", "Marks", "Tey", "."]
    pos = ["NOUN", "VERB", "ADP", "ADP", "PROPN", "CCONJ", "PROPN", "PROPN", "PUNCT"]
    doc = get_places()(_manual_doc(words, pos, [(4, 5, "GPE"), (6, 8, "PERSON")]))
    assert [(p.text, p.place.country_code) for p in doc.places] == [("Coggeshall", "GB"), ("Marks Tey", "GB")]
    words = ["Kyiv", "heard", "from", "the", "U.S.", "and", "EU", "."]
    pos = ["PROPN", "VERB", "ADP", "DET", "PROPN", "CCONJ", "PROPN", "PUNCT"]
    doc = get_places()(_manual_doc(words, pos, [(0, 1, "GPE"), (4, 5, "GPE"), (6, 7, "ORG")]))
    assert "EU" not in [p.text for p in doc.places]


def test_continental_adjectives_are_region_level() -> None:
    g = load_gazetteer()
    for word, region in (("European", "Europe"), ("African", "Africa"), ("Middle Eastern", "Middle East")):
        assert any(c.src == "demonym" and c.kind == "region" and c.name == region for c in g.lookup(word)), word


def test_name_with_an_inner_capital() -> None:
    words = ["Schools", "in", "McLean", "County", "will", "get", "more", "."]
    pos = ["NOUN", "ADP", "PROPN", "PROPN", "AUX", "VERB", "ADJ", "PUNCT"]
    doc = get_places()(_manual_doc(words, pos, [(2, 4, "GPE")]))
    assert [(p.text, p.place.country_code, p.place.kind) for p in doc.places] == [("McLean County", "US", "admin2")]
    words = ["The", "MoD", "said", "so", "."]  # an acronym in mixed case is still no place
    doc = get_places()(_manual_doc(words, ["DET", "PROPN", "VERB", "ADV", "PUNCT"], [(1, 2, "ORG")]))
    assert doc.places == []


def test_language_is_not_a_place_but_a_demonym_before_a_noun_is() -> None:
    words = ["The", "English", "town", "signs", "are", "in", "English", "and", "Spanish", "."]
    pos = ["DET", "ADJ", "NOUN", "NOUN", "AUX", "ADP", "PROPN", "CCONJ", "PROPN", "PUNCT"]
    doc = get_places()(_manual_doc(words, pos, [(1, 2, "NORP"), (6, 7, "LANGUAGE"), (8, 9, "LANGUAGE")]))
    assert [(p.text, p.start) for p in doc.places] == [("English", 4)]
