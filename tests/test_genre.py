"""Article genre from its label or its voice (extract/genre.py, data/genres.yaml)."""

from tidings.extract.genre import detect_genre, genre_rules

REPORT = ("Gunmen attacked a police post in the north of the country on Monday, killing three officers, "
          "the interior ministry said. ") * 6


def test_a_plain_report_is_a_report():
    assert detect_genre(REPORT) == "report"


def test_a_label_in_the_title_or_opening_names_the_genre():
    assert detect_genre(REPORT, title="Opinion: the war we chose to forget") == "opinion"
    assert detect_genre("Letters to the editor\n\n" + REPORT) == "letters"
    assert detect_genre(REPORT, title="News analysis: why the talks stalled") == "analysis"


def test_the_first_person_makes_an_unlabelled_piece_opinion_but_quotes_do_not():
    column = ("I have watched this city change for thirty years, and I think my neighbours feel it too. "
              "When I walk to work I see what we have lost. ") * 5
    assert detect_genre(column) == "opinion"
    quoted = REPORT + ' "I saw the flash and I ran, my ears ringing," a witness said. ' * 3
    assert detect_genre(quoted) == "report"


def test_genre_rules_are_well_formed():
    rules = genre_rules()
    assert set(rules.labels) <= {"opinion", "letters", "memoir", "analysis", "other"}
    assert all(p == p.lower() for phrases in rules.labels.values() for p in phrases)
    assert 0 < rules.first_person_share < 1
