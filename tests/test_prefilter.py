"""The general-news pre-filter: which sentences it blanks, that offsets stay exact, and that a wire
story's events, claims and statements come out the same with it on."""

from __future__ import annotations

import pytest

from tidings.annotate.prefilter import blank, chunks, inflections, kept_chunks, rules

SPORTS = (
    "LONDON (Reuters) - Markets in Europe were calm on Monday.\n"
    "Traders waited for the central bank's decision.\n"
    "Arsenal won 2-0 at the Emirates Stadium, with goals from Saka and Odegaard.\n"
    "Tottenham drew 1-1 with Brentford in the late game.\n"
    "Chelsea lost away to Everton.\n"
    "Gunmen attacked a police post in the north, killing three officers.\n"
)

WIRE = (
    "KABUL, Afghanistan (Reuters) - A suicide bomber attacked a police checkpoint in Kabul on "
    "Sunday, killing at least 12 officers and wounding 20 others, officials said.\n\n"
    "The Taliban claimed responsibility for the attack in a statement on Telegram.\n\n"
    "\"This was a cowardly attack on our people,\" Interior Minister Ahmad Zia said.\n\n"
    "The national cricket team arrived home from Sri Lanka after a three-match series.\n\n"
    "Wheat prices in the capital's markets were stable this week. Shops in the old city stayed "
    "open late for the holiday season.\n\n"
    "Bakers in the city reported brisk trade.\n\n"
    "The weather was mild for the season. Schools reopened after the winter holiday. Buses ran "
    "on time.\n"
)


def _chunk_texts(text: str) -> dict[str, bool]:
    return {text[s:e].strip(): kept for s, e, kept in kept_chunks(text) if text[s:e].strip()}


def test_inflections_cover_regular_forms():
    assert {"attacks", "attacked", "attacking"} <= inflections("attack")
    assert {"dies", "died"} <= inflections("die")
    assert {"banned", "banning"} <= inflections("ban")
    assert {"buries", "buried"} <= inflections("bury")


def test_cue_forms_come_from_the_rule_files():
    cues = rules().cues
    # events.yaml (attack), casualties.yaml (kill), speech.yaml (say, irregular), claims.yaml (deny)
    assert {"attacked", "killing", "said", "told", "denied", "struck"} <= cues
    assert "won" not in cues and "goals" not in cues


def test_multiword_entries_need_all_their_words():
    # "war game" (events.yaml) keeps a chunk only with both words: a match report's "game" is no cue
    assert not _chunk_texts(SPORTS)["Tottenham drew 1-1 with Brentford in the late game."]


def test_keeps_the_lead_a_trigger_sentence_and_its_neighbours_and_blanks_sports_results():
    kept = _chunk_texts(SPORTS)
    assert kept["LONDON (Reuters) - Markets in Europe were calm on Monday."]  # lead
    assert kept["Traders waited for the central bank's decision."]  # lead
    assert not kept["Arsenal won 2-0 at the Emirates Stadium, with goals from Saka and Odegaard."]
    assert kept["Chelsea lost away to Everton."]  # the window before the attack
    assert kept["Gunmen attacked a police post in the north, killing three officers."]


def test_keeps_every_sentence_of_a_quotation():
    text = ("PARIS (AFP) - The museum reopened on Tuesday.\nVisitors queued outside.\n"
            "Prices were unchanged. Tickets sold out by noon. The guide smiled.\n"
            "\"We are glad. The rooms look new. People came back,\" the director told reporters.\n")
    kept = _chunk_texts(text)
    assert not kept["Tickets sold out by noon."]
    assert kept["\"We are glad."] and kept["The rooms look new."]


def test_chunks_do_not_end_at_abbreviations():
    text = "Gen. Smith met U.S. officials on Jan. 5 in Washington. They talked."
    assert [text[s:e] for s, e, _ in chunks(text, rules().abbreviations)] == [
        "Gen. Smith met U.S. officials on Jan. 5 in Washington. ", "They talked."]


def test_blanked_text_keeps_length_line_breaks_and_kept_text():
    out = blank(SPORTS)
    assert len(out) == len(SPORTS)
    assert [i for i, c in enumerate(out) if c == "\n"] == [i for i, c in enumerate(SPORTS) if c == "\n"]
    start = SPORTS.index("Arsenal")
    end = SPORTS.index("\n", start)
    assert out[start:end] == " " * (end - start)
    gunmen = SPORTS.index("Gunmen")
    assert out[gunmen:] == SPORTS[gunmen:]


@pytest.fixture(scope="module")
def prefiltered_pipeline():
    from tidings.annotate import load_nlp
    from tidings.pipeline import Pipeline

    return Pipeline(nlp=load_nlp(prefilter=True))


def test_the_prefilter_blanks_filler_of_a_wire_story(prefiltered_pipeline):
    kept = _chunk_texts(WIRE)
    assert kept["The national cricket team arrived home from Sri Lanka after a three-match series."]  # window
    assert not kept["Wheat prices in the capital's markets were stable this week."]
    assert kept["Bakers in the city reported brisk trade."]  # "report" is a speech cue
    assert not kept["Schools reopened after the winter holiday."]
    doc = prefiltered_pipeline.nlp(WIRE)
    assert doc.text != WIRE and len(doc.text) == len(WIRE)
    assert doc.user_data["tidings_text"] == WIRE


def test_wire_story_gives_the_same_facts_with_the_prefilter_on(pipeline, prefiltered_pipeline):
    from tidings.ingest import article_from_text

    article = article_from_text(WIRE, "test:wire")
    off = pipeline.process(article)
    on = prefiltered_pipeline.process(article)
    assert [e.type for e in on.events] and {e.type for e in on.events} >= {"ASSAULT"}
    assert "claim" in [c.kind for c in on.claims]
    assert len(on.statements) >= 1
    for name in ("events", "claims", "statements"):
        assert [x.model_dump() for x in getattr(on, name)] == [x.model_dump() for x in getattr(off, name)], name
    for event in on.events:
        for span in [event.trigger, *event.evidence]:
            assert WIRE[span.start:span.end] == span.text
    for statement in on.statements:
        assert WIRE[statement.content.start:statement.content.end] == statement.content.text


def test_extract_prefilter_option_sets_the_setting_and_keeps_the_facts(tmp_path, monkeypatch, capsys):
    import json
    import os

    import tidings.annotate.nlp
    from tidings.cli import main
    from tidings.config import settings

    monkeypatch.setenv("TIDINGS_PREFILTER", "off")
    loaded = []
    real = tidings.annotate.nlp._load_nlp
    monkeypatch.setattr(tidings.annotate.nlp, "_load_nlp", lambda name, prefilter: loaded.append(prefilter)
                        or real(name, prefilter))
    story = tmp_path / "story.txt"
    story.write_text(WIRE, encoding="utf-8")
    assert main(["extract", str(story), "--prefilter", "--format", "jsonl", "--quiet"]) == 0
    assert loaded == [True]  # the flag beat the variable, through the settings object
    # and it wrote no environment, and left no settings behind
    assert os.environ["TIDINGS_PREFILTER"] == "off" and settings().prefilter is False
    result = json.loads(capsys.readouterr().out.splitlines()[0])
    assert "ASSAULT" in {e["type"] for e in result["events"]}
    assert "claim" in {c["kind"] for c in result["claims"]}


def test_cached_lemmatizer_gives_spacys_lemmas(nlp):
    # annotate.py caches every lemma by (word, POS, morphology); spaCy's own rule gives the same
    doc = nlp("Gunmen killed two soldiers and the bodies were found near the burning villages.")
    lemmatizer = nlp.get_pipe("lemmatizer")
    assert {t.text: t.lemma_ for t in doc if t.pos_ in {"NOUN", "VERB"}} == {
        "Gunmen": "gunman", "killed": "kill", "soldiers": "soldier", "bodies": "body",
        "found": "find", "burning": "burn", "villages": "village"}
    for token in doc:
        if token.pos_ in {"NOUN", "VERB", "ADJ"}:
            assert lemmatizer.rule_lemmatize(token)[0] == token.lemma_, token.text


def test_doubled_apostrophes_count_as_quote_marks():
    # op-ed copy writes a quotation as ''...'': its middle sentence is quoted, so it is kept
    text = ("NEW YORK - The channel opened in 2010.\nIt has studios in three cities.\n"
            "Viewers were few. The ratings fell. Ads were cheap.\n"
            "A reader would ask: ''Is it news? The hosts are famous. Who pays for it?'' Nobody knew.\n"
            "Schools closed for the summer. Trains ran late.\n")
    kept = _chunk_texts(text)
    assert kept["The hosts are famous."]
    assert not kept["Viewers were few."] and not kept["Trains ran late."]
