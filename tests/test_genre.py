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


MEMOIR = (
    "I was eleven when the war reached our street. I remember the smell of the bakery on the corner and "
    "the sound my mother made when the first shell landed near the school. We lived on the third floor, "
    "and my father had taped the windows with brown paper. One August morning a car bomb exploded "
    "outside our gate. I remember the glass on my bed and my brother crying in the hallway. Three of our "
    "neighbours were killed that day. We left the city a week later. Years later I went back, and I "
    "stood in the street for a long time.")
COLUMN = (
    "The ceasefire signed in Doha last week is the fourth in two years, and like the three before it, it "
    "will not hold. Both sides have broken every promise they made. The militias have rearmed, and the "
    "army has moved its artillery back to the ridge above the city. What the mediators refuse to see is "
    "that neither side believes it can lose. As long as the foreign money keeps flowing, the guns will "
    "keep firing. It is time the world stopped pretending. A ceasefire without monitors is a press "
    "release, nothing more, and the donors should stop applauding them.")
WIRE = (
    "Gunmen attacked a police checkpoint south of the city on Sunday, killing four officers and wounding "
    "two others, police said. The attackers fled in two cars, a police spokesman told reporters. No group "
    "claimed responsibility for the attack, which came a day after the army said it should be able to "
    "secure the highway by the end of the month. Residents said the checkpoint had been attacked twice "
    "before. The interior ministry said in a statement that it would send more officers to the district.")


def test_a_first_person_account_of_ones_own_past_is_a_memoir():
    assert detect_genre(MEMOIR) == "memoir"


def test_an_unlabelled_piece_that_argues_and_attributes_nothing_is_opinion():
    assert detect_genre(COLUMN) == "opinion"
    # a report that quotes someone's "should" is still a report: it says who said it
    assert detect_genre(WIRE) == "report"


def test_wire_quote_marks_hide_a_speakers_first_person():
    quoted = REPORT + " ``I saw the flash and I ran, my ears ringing,'' a witness said. " * 3
    assert detect_genre(quoted) == "report"


def test_the_pipeline_records_the_genre_on_the_article(nlp, make_article):
    from tidings.pipeline import extract_all

    result = extract_all(nlp(MEMOIR), make_article(MEMOIR, "2024-03-04"))
    assert result.article.genre == "memoir"


def test_genre_rules_are_well_formed():
    rules = genre_rules()
    assert set(rules.labels) <= {"opinion", "letters", "memoir", "analysis", "other"}
    assert all(p == p.lower() for phrases in rules.labels.values() for p in phrases)
    assert 0 < rules.first_person_share < 1
    assert rules.memoir_min >= 1 and rules.argument_min >= 1
    for phrases in (rules.memoir_cues, rules.argument_cues, rules.attribution_words):
        assert phrases and all(p == p.lower() for p in phrases)
