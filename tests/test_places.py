"""Places: the gazetteer, recognition of toponyms in hand-written wire copy, and their resolution."""

from __future__ import annotations

import csv

import pytest

from tidings.config import DATA_DIR
from tidings.models import Span


@pytest.fixture(scope="session")
def gazetteer():
    from tidings.resolve.geocode import gazetteer

    return gazetteer()


def _places(nlp, make_article, text, **kw):
    # The places extractor alone, on the real parse: other extractors are tested elsewhere.
    from tidings.extract.places import extract_places

    article = make_article(text, **kw)
    return extract_places(nlp(article.text), article)


def _by_text(places, text):
    found = [p for p in places if p.text == text]
    assert found, f"{text!r} not among {[p.text for p in places]}"
    return found[0]


def test_data_files_are_well_formed():
    for name, width in (("places.tsv", 11), ("country_centres.tsv", 5)):
        lines = [ln for ln in (DATA_DIR / name).read_text(encoding="utf-8").splitlines()
                 if ln and not ln.startswith("#")]
        rows = list(csv.DictReader(lines, delimiter="\t"))
        assert rows, name
        for row in rows:
            assert len(row) == width and None not in row.values(), (name, row)
            assert -90 <= float(row["lat"]) <= 90 and -180 <= float(row["lon"]) <= 180, row


def test_kabul_resolves_to_afghanistans_capital(nlp, make_article):
    text = "KABUL, Afghanistan (Jan. 25, 2013) - A suicide bomber struck a police post in Kabul on Friday."
    places = _places(nlp, make_article, text, dateline=Span(text=text[:34], start=0, end=34),
                     dateline_place="KABUL, Afghanistan")
    kabul = _by_text(places, "Kabul")
    assert kabul.geonames_id == 1138958
    assert kabul.country == "AFG"
    assert kabul.feature == "city" and kabul.precision == "town"
    dateline = _by_text(places, "KABUL")
    assert (dateline.start, dateline.end, dateline.geonames_id) == (0, 5, 1138958)


def test_paris_follows_the_article_context(nlp, make_article):
    default = _places(nlp, make_article, "Police in Paris arrested two men on Tuesday.")
    assert _by_text(default, "Paris").country == "FRA"
    texas = _places(nlp, make_article,
                    "A tornado struck Paris, Texas, on Sunday, damaging homes across Lamar County.")
    paris = _by_text(texas, "Paris")
    assert paris.country == "USA" and paris.admin1 == "Texas"
    assert paris.lat == pytest.approx(33.66, abs=0.05)


def test_curated_base_resolves_as_a_point(nlp, make_article):
    places = _places(nlp, make_article,
                     "Drones targeted the Al-Tanf garrison and Tower 22 overnight, officials said.")
    tanf = _by_text(places, "Al-Tanf garrison")
    assert tanf.country == "SYR" and tanf.precision == "point" and tanf.feature == "site"
    tower = _by_text(places, "Tower 22")
    assert tower.country == "JOR" and tower.lat == pytest.approx(33.32, abs=0.01)


def test_demonym_is_not_a_place(nlp, make_article):
    places = _places(nlp, make_article, "Iraqi forces said the convoy reached Mosul late on Monday.")
    assert [p.text for p in places] == ["Mosul"]
    assert places[0].country == "IRQ"


def test_country_resolves_to_its_centre_with_country_precision(nlp, make_article):
    places = _places(nlp, make_article, "The talks in Syria stalled again, the envoy said.")
    syria = _by_text(places, "Syria")
    assert syria.feature == "country" and syria.precision == "country"
    assert syria.geonames_id == 163843 and syria.lat is not None


def test_unknown_toponym_keeps_null_coordinates():
    from tidings.extract.places import Mention, to_place
    from tidings.resolve.geocode import resolve_place

    assert resolve_place("Qzxwvbury Heights") is None
    place = to_place(Mention("Qzxwvbury Heights", 10, 27), None)
    assert place.lat is None and place.lon is None and place.country is None


def test_offsets_slice_the_text(nlp, make_article):
    text = ("BEIRUT (AP) - Shelling hit the West Bank town and the Gaza Strip while fighting went on "
            "in the city of Mosul and in the Donbas, Ukrainian officials said.")
    places = _places(nlp, make_article, text)
    assert {p.text for p in places} >= {"West Bank", "Gaza Strip", "Donbas"}
    for place in places:
        assert text[place.start:place.end] == place.text
    assert _by_text(places, "West Bank").country == "PSE"


def test_resolve_place_uses_context_countries():
    from tidings.resolve.geocode import resolve_place

    assert resolve_place("Georgia").candidate.country == "GEO"
    assert resolve_place("Georgia", context_countries={"USA"}).candidate.feature == "admin1"
    assert resolve_place("U.S.").candidate.country == "USA"


def test_building_the_index_twice_reuses_it(gazetteer):
    from tidings.resolve import geocode

    path = geocode.gazetteer_path()
    assert gazetteer.path == path and path.exists()
    before = path.stat().st_mtime_ns
    geocode.gazetteer.cache_clear()
    again = geocode.gazetteer()
    assert again.path == path and path.stat().st_mtime_ns == before
    assert again.size() == gazetteer.size() > 200_000


def test_ruler_patterns_cover_curated_names():
    from tidings.extract.places import ruler_patterns

    patterns = ruler_patterns()
    assert {"label": "FAC", "pattern": "Al-Tanf", "id": "place:Al-Tanf"} in patterns
    tower = [p for p in patterns if p["id"] == "place:Tower 22" and isinstance(p["pattern"], list)]
    assert tower and tower[0]["pattern"] == [{"TEXT": "Tower"}, {"TEXT": "22"}]
    assert len(patterns) < 500  # the ruler stays small: curated names only


def test_geowebnews_gate(eval_root, pipeline):
    from tidings.eval import run_eval

    report = run_eval("geowebnews", pipeline, root=eval_root, limit=20)
    assert report.counts["documents"] == 20
    assert report.scores["f1"] > 0.6
