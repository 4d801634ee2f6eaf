"""The pipeline's speed-ups change no annotation: tidings's attribute rules and lemma cache give
every token the part of speech, morphology, lemma, tag and dependency that the stock model gives."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow

# Wire-style copy with the words the model's attribute exceptions name: contractions ("ain't",
# "gonna", "gotta", "let's", "y'all", "nothin'"), pronouns by case, auxiliaries, "there is",
# "but" as an adverb, determiners as pronouns, and runs of whitespace.
TEXTS = [
    "KABUL, Afghanistan (Wire) - Gunmen stormed a checkpoint in Kunduz on Tuesday, killing three "
    "police officers, the interior ministry said. \"We ain't gonna stop,\" a Taliban spokesman told "
    "reporters.  There were no other casualties.\n\nIt was the third attack this week.",
    "\"Let's be clear: y'all gotta leave,\" the commander said, but added that nothin' had been "
    "decided. I told him that it would not help us, and he gave it to me anyway. That is all.",
    "Officials did not say who carried out the strike. Those who did have been arrested, and "
    "the ones that fled were being sought.   \t What happened next is unclear; but few doubt it.",
]


def test_attribute_rules_and_lemma_cache_annotate_like_the_stock_model(nlp):
    import spacy

    stock = spacy.load(nlp.meta["lang"] + "_" + nlp.meta["name"])
    for ours, theirs in zip(nlp.pipe(TEXTS), stock.pipe(TEXTS)):
        assert len(ours) == len(theirs)
        for a, b in zip(ours, theirs):
            assert (a.pos_, str(a.morph), a.lemma_, a.tag_, a.dep_, a.head.i) == (
                b.pos_, str(b.morph), b.lemma_, b.tag_, b.dep_, b.head.i), a.text


def test_the_attribute_rules_are_looked_up_not_matched(nlp):
    # The stock ruler's Matcher is replaced by table lookups (see annotate._fast_attribute_rules).
    ruler = nlp.get_pipe("attribute_ruler")
    assert "match" in vars(ruler)


@pytest.mark.parametrize("headline, names", [
    ("Veteran Senators Rip Donald Trump Over His Border Remarks", {"Donald Trump"}),
    ("Sanders Slams Clinton Over Wall Street Speeches", {"Sanders", "Clinton"}),
    ("Carter Says Civil Rights Museum Will Tell of Struggle and Hope", {"Carter"}),
])
def test_a_headline_verb_is_cut_from_the_names_beside_it(nlp, headline, names):
    people = {e.text for e in nlp(headline).ents if e.label_ == "PERSON"}
    assert names <= people
    assert not any(word in {"Rip", "Slams", "Says"} for person in people for word in person.split())


def test_names_in_a_sentence_keep_their_words(nlp):
    people = {e.text for e in nlp("Rip Torn was an actor, his agent said on Tuesday.").ents if e.label_ == "PERSON"}
    assert "Rip Torn" in people


def test_a_sentence_glued_to_the_headline_before_it_starts_a_sentence(nlp):
    doc = nlp("Doctors Want Curfew LiftedThe head of the city hospital called on the mayor to act.")
    assert [t.text for t in doc][3:5] == ["Lifted", "The"]
    assert doc[4].is_sent_start
    assert [t.text for t in nlp("McDonald met YouTube staff.")][:3] == ["McDonald", "met", "YouTube"]
    # a photo caption glued to the sentence after it
    assert "By" in [t.text for t in nlp("Former leader Sean MacStiofainBy June, the group had called a truce.")]
    assert [t.text for t in nlp("Derby and Rugby played.")][:3] == ["Derby", "and", "Rugby"]


def test_a_short_first_line_with_no_stop_is_a_headline_sentence(nlp):
    doc = nlp("Mayor urges curfew after riots\nMayor Ann Holt called on the governor to impose a curfew.")
    starts = [t.text for t in doc if t.is_sent_start]
    assert starts[:2] == ["Mayor", "Mayor"]


def test_a_posted_line_under_the_headline_ends_its_sentence_but_wrapped_capitals_do_not(nlp):
    doc = nlp("Gunman wounds two at bakery\nPOSTED: 1052 GMT, April 10, 2007\nA man shot two workers on Monday.")
    assert [t.text for t in doc if t.is_sent_start][:3] == ["Gunman", "POSTED", "A"]
    wrapped = nlp("   LIMA, 3 FEB 90 (EFE) -- [TEXT] THE ARMY\nDENIED TODAY THAT GUERRILLAS ATTACKED A FARM.")
    assert not next(t for t in wrapped if t.text == "DENIED").is_sent_start
