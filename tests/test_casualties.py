"""Casualty figures from short wire-style sentences (written for these tests), the lexicon's shape,
and the GVDB aggregation and gate."""

from __future__ import annotations

import pytest
import yaml

from tidings.extract.casualties import LEXICON_PATH, extract_casualties, is_hit_figure, load_lexicon
from tidings.models import Casualty, Span


def figures(nlp, text: str) -> list[tuple]:
    """(kind, low, high, qualifier) of each figure; every evidence span must slice the text."""
    out = []
    for c in extract_casualties(nlp(text)):
        assert text[c.evidence.start:c.evidence.end] == c.evidence.text
        out.append((c.kind, c.low, c.high, c.qualifier))
    return out


@pytest.mark.parametrize("text, expected", [
    ("Three soldiers were killed in the ambush on Sunday.", [("killed", 3, 3, "exact")]),
    # named victims of one verb are one group of three, not three figures of one
    ("Privates Ann Moy, Tom Ruiz and Ed Kell were killed in the ambush.", [("killed", 3, 3, "exact")]),
    ("The roadside bomb killed three soldiers near Kandahar.", [("killed", 3, 3, "exact")]),
    ("At least 34 injured in market blast.", [("injured", 34, None, "at_least")]),
    ("Police said 34 people were wounded in the clashes.", [("injured", 34, 34, "exact")]),
    ("The attack left 5 dead and 12 wounded.", [("killed", 5, 5, "exact"), ("injured", 12, 12, "exact")]),
    ("Officials said a death toll of 7 was confirmed.", [("killed", 7, 7, "exact")]),
    ("Two policemen died after the checkpoint came under fire.", [("killed", 2, 2, "exact")]),
    ("Gunmen opened fire on the bus, killing four.", [("killed", 4, 4, "exact")]),
    # a person working beside troops counts as one ("an interpreter")
    ("Two soldiers and an interpreter were wounded in the blast.", [("injured", 2, 2, "exact"), ("injured", 1, 1, "exact")]),
    ("Dozens were hurt in the stampede.", [("injured", 12, None, "at_least")]),
    ("The air strike killed scores of civilians.", [("killed", 20, None, "at_least")]),
    ("Hundreds displaced by fighting in the north.", [("displaced", 100, None, "at_least")]),
    ("More than 30 were killed in the raid.", [("killed", 31, None, "at_least")]),
    ("Between 20 and 30 people were injured.", [("injured", 20, 30, "exact")]),
    ("Nearly 40 were killed in the fighting.", [("killed", None, 40, "at_most")]),
    ("Up to 15 were wounded, a hospital official said.", [("injured", None, 15, "at_most")]),
    ("About 200 people were arrested after the protest.", [("arrested", 200, 200, "approximately")]),
    ("Some 200 families were displaced by the floods.", [("displaced", 200, 200, "approximately")]),
    ("Twenty-one people died when the ferry sank.", [("killed", 21, 21, "exact")]),
    ("The explosion wounded 2,500 residents.", [("injured", 2500, 2500, "exact")]),
    ("The fighting displaced 1.5 million people.", [("displaced", 1500000, 1500000, "exact")]),
    ("A soldier was killed in the attack.", [("killed", 1, 1, "exact")]),
    ("No one was hurt in the blast.", [("injured", 0, 0, "exact")]),
    ("Several militants were arrested at the border.", [("arrested", 3, None, "at_least")]),
    ("A handful of villagers were abducted overnight.", [("kidnapped", 2, None, "at_least")]),
    ("Tens of thousands fled the city.", [("displaced", 10000, None, "at_least")]),
    ("Fewer than 10 soldiers were wounded.", [("injured", None, 9, "at_most")]),
    ("There were no injuries.", [("injured", 0, 0, "exact")]),
])
def test_constructions(nlp, text, expected):
    assert figures(nlp, text) == expected


def test_victims_and_kinds(nlp):
    text = "Police said 3 fighters were killed and 12 civilians were hurt."
    got = [(c.kind, c.low, c.victims, c.victim_kind) for c in extract_casualties(nlp(text))]
    assert got == [("killed", 3, "fighters", "militant"), ("injured", 12, "civilians", "civilian")]


def test_victim_description_keeps_modifiers(nlp):
    (c,) = extract_casualties(nlp("The blast killed three US soldiers."))
    assert (c.victims, c.victim_kind, c.evidence.text) == ("US soldiers", "military", "killed three US soldiers")


def test_people_are_civilians(nlp):
    (c,) = extract_casualties(nlp("Four people were killed in the shelling."))
    assert c.victim_kind == "civilian"


def test_named_victim_counts_one_and_age_is_not_a_count(nlp):
    text = "Ronald Munn, 28, was shot and killed outside a store."
    (c,) = extract_casualties(nlp(text))
    assert (c.kind, c.low, c.high, c.victims) == ("killed", 1, 1, "Ronald Munn")
    assert c.evidence.text.startswith("Ronald Munn")


def test_fatally_shot_is_a_killing(nlp):
    assert figures(nlp, "A man was fatally shot on Friday.") == [("killed", 1, 1, "exact")]


def test_shot_alone_is_a_hit(nlp):
    (c,) = extract_casualties(nlp("Three people were shot outside the club."))
    assert (c.kind, c.low) == ("injured", 3)
    assert is_hit_figure(c)


def test_shot_and_wounded_is_not_a_hit_only(nlp):
    (c,) = extract_casualties(nlp("Two officers were shot and wounded."))
    assert (c.kind, c.low) == ("injured", 2)
    assert not is_hit_figure(c)


@pytest.mark.parametrize("text, expected", [
    # the noun of "who shot ..." did the shooting: only the people shot count
    ("The three deputies who shot the man have not been named.", [("injured", 1, "man")]),
    ("Two officers who fatally shot a teenager were cleared on Monday.", [("killed", 1, "teenager")]),
    ("Police are searching for two men who shot at a parked van.", []),
    # a victim still counts when the relative clause is passive or intransitive
    ("Two students who were shot on the trail are recovering.", [("injured", 2, "students")]),
    ("Three miners who died in the collapse were buried today.", [("killed", 3, "miners")]),
])
def test_the_noun_of_an_active_relative_clause_is_the_shooter(nlp, text, expected):
    assert [(c.kind, c.low, c.victims) for c in extract_casualties(nlp(text))] == expected


def test_shot_and_pronounced_dead_is_one_killing(nlp):
    (c,) = extract_casualties(nlp("Ramon Baxter had been shot twice and was pronounced dead at the scene."))
    assert (c.kind, c.low, c.victims) == ("killed", 1, "Ramon Baxter")


@pytest.mark.parametrize("text, expected", [
    ("The suspect fled the scene in a grey sedan.", []),
    ("He fled on foot before officers arrived.", []),
    ("Hundreds of families fled the shelling.", [("displaced", 100)]),
])
def test_a_suspect_running_away_is_not_displaced(nlp, text, expected):
    assert [(c.kind, c.low) for c in extract_casualties(nlp(text))] == expected


def test_page_furniture_is_no_victim(nlp):
    text = ("Teen dies in parking lot after shooting | kxyz.comPolice are trying to find who shot and "
            "killed a teenage boy on Sunday night.")
    assert [(c.kind, c.victims) for c in extract_casualties(nlp(text))] == [
        ("killed", "Teen"), ("killed", "teenage boy")]


def test_a_gunshot_wound_is_a_hit(nlp):
    (c,) = extract_casualties(nlp("Officers found a woman suffering from two gunshot wounds."))
    assert (c.kind, c.low) == ("injured", 1) and is_hit_figure(c)
    (c,) = extract_casualties(nlp("Two officers suffered minor injuries."))
    assert not is_hit_figure(c)


@pytest.mark.parametrize("text, expected", [
    ("Man stabbed, killed outside Reno casino", [("killed", 1)]),
    # a headline's past tense with no object is its passive; an object the parser hung on the verb
    # after a preposition it left empty is that preposition's ("outside ... pub")
    ("Teen stabbed to death in Camden", [("killed", 1)]),
    ("Man shot dead outside Leeds pub.", [("killed", 1)]),
    ("One guard died and a second was injured in the raid.", [("killed", 1), ("injured", 1)]),
    ("A 30-year-old man was shot in the leg and a 19-year-old man was grazed in the hand.",
     [("injured", 1), ("injured", 1)]),
    ("The 40-year-old victim is recovering after being stabbed in the chest.", [("injured", 1)]),
])
def test_headline_participles_ordinals_grazes_and_after_being(nlp, text, expected):
    assert [(c.kind, c.low) for c in extract_casualties(nlp(text))] == expected


@pytest.mark.parametrize("text", [
    "Eleven deputies have been fatally shot this year alone.",
    "The blast nearly killed two soldiers.",
    "The round came within inches of possibly killing the deputy.",
    "The city recorded its worst March since 2011, when 31 were killed.",
    "By the end of 1988, 812 had been killed, 390 of them policemen.",
    "So far, 30 people have been killed in the city.",
    "More than 300 people have been killed since January in the region.",
])
def test_a_tally_or_a_near_miss_is_not_an_incident_figure(nlp, text):
    assert extract_casualties(nlp(text)) == []


def test_negated_injury_is_zero(nlp):
    (c,) = extract_casualties(nlp("The troopers inside the vehicle were not injured."))
    assert (c.kind, c.low, c.high, c.victim_kind) == ("injured", 0, 0, "military")


def test_same_figure_twice_in_a_sentence_counts_once(nlp):
    text = "The gunman killed three soldiers, and the three soldiers killed were from Ohio."
    assert figures(nlp, text) == [("killed", 3, 3, "exact")]


def test_revision_marks_the_newer_figure(nlp):
    text = "Four people were killed on Monday. The death toll rose to 12 on Tuesday."
    got = [(c.low, c.revised) for c in extract_casualties(nlp(text))]
    assert got == [(4, False), (12, True)]


def test_toll_without_earlier_figure_is_not_revised(nlp):
    (c,) = extract_casualties(nlp("The death toll rose to 12 on Tuesday."))
    assert (c.low, c.revised) == (12, False)


@pytest.mark.parametrize("text", [
    "The bill killed the debate in the senate.",
    "The storm killed three cows on the farm.",
    "Rebels threatened to kill the hostages.",
    "The bomb could have killed dozens of people.",
    "The bullet narrowly missed a young child.",
    "He was accused of killing his wife in 2012.",
    "Falling prices hurt the company's profits.",
])
def test_no_casualty(nlp, text):
    assert extract_casualties(nlp(text)) == []


def test_gunshot_wounds_count_wounds_not_victims(nlp):
    # "two gunshot wounds" is one victim with two wounds: no figure of two
    assert all(c.low != 2 for c in extract_casualties(nlp("The man suffered two gunshot wounds.")))


@pytest.mark.parametrize("text, expected", [
    # nominal reports: the casualty noun's "of" object or possessor are its victims
    ("The minister condemned the murder of six Jesuit priests.", [("killed", 6, 6, "exact")]),
    ("The army denied any role in the assassination of union leader Pedro Ramirez.", [("killed", 1, 1, "exact")]),
    ("Rebels were blamed for the killing of 10 labor union members.", [("killed", 10, 10, "exact")]),
    ("The blast resulted in the injury of six people.", [("injured", 6, 6, "exact")]),
    ("Police condemned the murder of two U.S. missionaries.", [("killed", 2, 2, "exact")]),
    # remains: with a number or the people they were, never a bare "body"
    ("Police found the bodies of three men in a ditch.", [("killed", 3, 3, "exact")]),
    ("Soldiers said 28 bodies were found near the town.", [("killed", 28, 28, "exact")]),
    # "along with": the companions of the victim are victims too
    ("The minister was killed near his home, along with two of his bodyguards.",
     [("killed", 1, 1, "exact"), ("killed", 2, 2, "exact")]),
    # condition phrases report an injury
    ("A man is in critical condition after the shooting.", [("injured", 1, 1, "exact")]),
    ("Both were listed in stable condition.", [("injured", 2, 2, "exact")]),
    # a multiplier counts the people of one incident
    ("Police are investigating a double shooting in Kensington.", [("injured", 2, 2, "exact")]),
    ("Detectives said the triple homicide was drug related.", [("killed", 3, 3, "exact")]),
    # reflexive victims
    ("He shot his wife and then killed himself.", [("injured", 1, 1, "exact"), ("killed", 1, 1, "exact")]),
    # wire-report victim nouns
    ("Guerrillas killed 16 peasants in the village.", [("killed", 16, 16, "exact")]),
    # "the dead include ...": the people listed
    ("The dead included two soldiers and a policeman.", [("killed", 2, 2, "exact"), ("killed", 1, 1, "exact")]),
    ("Among the wounded were three children.", [("injured", 3, 3, "exact")]),
])
def test_wire_constructions(nlp, text, expected):
    assert figures(nlp, text) == expected


def test_lower_case_name_with_title_counts_one(nlp):
    # truecased upper-case wire copy leaves names in lower case: the title before them marks a name
    (c,) = extract_casualties(nlp("Gunmen assassinated MNR leader hector oqueli in Guatemala."))
    assert (c.kind, c.low, c.victims) == ("killed", 1, "MNR leader hector oqueli")


def test_apposition_names_a_lower_case_victim(nlp):
    (c,) = extract_casualties(nlp("Tomas herrera, a bus driver crossing the square, was killed."))
    assert (c.kind, c.low, c.high) == ("killed", 1, 1)


@pytest.mark.parametrize("text", [
    "He was charged with attempted murder after the fight.",
    "Two men have been charged with murder in the case.",
    "The governing body rejected the plan.",
    "He suffered no harm to his body.",
    "The car struck a parked 2002 Ford Explorer.",
    "He was taken to Methodist Hospital where he was treated.",
])
def test_no_casualty_in_charges_and_things(nlp, text):
    assert [f for f in figures(nlp, text) if f[0] in {"killed", "injured"}] == []


def test_hospital_where_he_died_is_not_a_victim(nlp):
    got = [(c.kind, c.low, c.victims) for c in extract_casualties(
        nlp("He was taken to Methodist Hospital where he died."))]
    assert got == [("killed", 1, "he")]


def test_pronoun_possessor_adds_no_figure(nlp):
    # "his injuries" points back at a victim already counted
    assert figures(nlp, "He was shot on Monday and is recovering from his injuries.") == [("injured", 1, 1, "exact")]


def test_raised_toll_is_a_revision(nlp):
    text = "Four people were killed on Monday. Officials later raised the death toll to 12."
    got = [(c.low, c.revised) for c in extract_casualties(nlp(text))]
    assert got == [(4, False), (12, True)]


def test_bringing_the_toll_to_is_a_revision(nlp):
    text = ("Four people were killed on Monday. Two more victims died in hospital on Tuesday, "
            "bringing the death toll to six.")
    got = [(c.low, c.revised) for c in extract_casualties(nlp(text))]
    assert got == [(4, False), (2, False), (6, True)]


def test_vague_conjunct_is_not_a_second_count(nlp):
    text = "The car bomb resulted in the injury of nine people and millions in damage."
    assert figures(nlp, text) == [("injured", 9, 9, "exact")]


def test_lexicon_is_well_formed():
    raw = yaml.safe_load(LEXICON_PATH.read_text(encoding="utf-8"))
    assert set(raw["triggers"]) == {"killed", "injured", "missing", "kidnapped", "arrested", "displaced"}
    assert set(raw["victims"]) <= {"military", "civilian", "militant", "unknown"}
    # YAML reads a bare `no` as False: every word list must hold strings only
    for key in ("hit_words", "hit_nouns", "near_miss_adverbs", "not_displaced", "tally_periods", "one_more_words", "zero_words", "one_determiners", "single_pronouns", "counting_nouns",
                "remains_nouns", "condition_nouns", "injury_conditions", "toll_raising_verbs",
                "attempt_modifiers"):
        assert all(isinstance(w, str) for w in raw[key]), key
    lex = load_lexicon()
    assert "no" in lex.zero_words
    assert lex.vague_amounts["dozens"] == 12 and lex.vague_amounts["several"] == 3
    assert {q.qualifier for q in lex.qualifiers} == {"at_least", "at_most", "approximately"}
    assert set(lex.multiple_event_nouns.values()) <= set(raw["triggers"])
    assert lex.multipliers["double"] == 2


def _casualty(kind: str, low: int | None, high: int | None = None) -> Casualty:
    return Casualty(kind=kind, low=low, high=high, evidence=Span(text="x", start=0, end=1))


def test_gvdb_aggregation():
    from tidings.eval.gvdb import article_counts

    # a man shot, then reported dead: one killed, no one injured
    assert article_counts([_casualty("injured", 1), _casualty("killed", 1), _casualty("killed", 1)]) == (1, 0)
    # three shot, one died: one killed, two injured
    assert article_counts([_casualty("injured", 3, 3), _casualty("killed", 1, 1)]) == (1, 2)
    # a figure with only a high bound counts its high
    assert article_counts([_casualty("killed", None, 4)]) == (4, 0)
    assert article_counts([]) == (0, 0)


def test_gvdb_gate(pipeline, eval_root):
    from tidings.eval import run_eval

    report = run_eval("gvdb", pipeline, root=eval_root, limit=100)
    assert report.counts["articles"] == 100
    # the extractor alone: floors a little under the scores measured when this was written
    # (0.83 / 0.72 on 100 articles)
    assert report.scores["extractor_killed_exact"] >= 0.75
    assert report.scores["extractor_injured_exact"] >= 0.65
    # from the printed events (eval_baseline.json holds the ratchet over the default 200)
    assert report.scores["killed_exact"] >= 0.6


def test_a_toll_since_a_weekday_is_one_run_of_fighting(nlp):
    (c,) = extract_casualties(nlp("At least 40 people have been killed since Friday in clashes in Tripoli."))
    assert (c.kind, c.low) == ("killed", 40)


def test_last_months_killing_is_a_figure_not_a_toll(nlp):
    (c,) = extract_casualties(nlp("Last month, a Russian colonel was killed by sniper fire near Donetsk."))
    assert (c.kind, c.low) == ("killed", 1)


def test_detained_in_hospital_is_care_not_an_arrest(pipeline, make_article):
    cared = pipeline.process(make_article("The driver was detained in hospital for three days after the crash."))
    assert not any(e.mode == "arrest" or any(c.kind == "arrested" for c in e.casualties) for e in cared.events)
    held = pipeline.process(make_article("Police detained the driver in hospital on Monday, a spokesman said."))
    assert any(e.mode == "arrest" for e in held.events)


def test_deaths_a_clause_blames_on_an_illness_are_no_casualties(pipeline, make_article):
    text = ("The regional doctor said the six unexplained deaths last week in Tarvale might have been the "
            "result of complications from the fever. Two guards were shot dead at the border on Sunday.")
    events = pipeline.process(make_article(text, "2024-03-04")).events
    killed = [c.low for e in events for c in e.casualties if c.kind == "killed"]
    assert killed == [2]
    assert not [e for e in events if e.trigger.text == "deaths"]


def test_the_parts_of_a_total_after_a_comma_are_not_more_people(pipeline, make_article):
    from tidings.resolve.figures import casualty_total

    def figures(text):
        events = pipeline.process(make_article(text, "2024-01-29")).events
        return sorted((c.kind, c.low, c.part_of_total) for e in events for c in e.casualties), \
            [casualty_total([e.casualties], "killed") for e in events]
    # the parts stay, saying who the victims were, and the total counts them once
    assert figures("Militiamen killed eleven villagers, six men and five women, near the river.") == (
        [("killed", 5, True), ("killed", 6, True), ("killed", 11, False)], [11])
    # parts that do not add up to it are other people
    assert figures("The bombing killed 12 soldiers, seven civilians and two police officers.") == (
        [("killed", 2, False), ("killed", 7, False), ("killed", 12, False)], [21])


def test_a_list_of_names_the_parse_reads_as_appositions_counts_each(nlp):
    assert figures(nlp, "The ambush killed John Miller, David Brown and Michael Davis.") == [("killed", 3, 3, "exact")]


def test_a_headline_after_an_attribution_keeps_its_figure(nlp):
    assert figures(nlp, "Officials: Two soldiers killed in ambush near Kandahar") == [("killed", 2, 2, "exact")]


def test_a_number_of_dozens_multiplies(nlp):
    assert figures(nlp, "More than two dozen soldiers were killed.") == [("killed", 25, None, "at_least")]
    assert figures(nlp, "A dozen people were wounded.") == [("injured", 12, 12, "exact")]


def test_a_list_of_counted_groups_the_parse_reads_as_an_apposition_counts_each(nlp):
    assert [f[1] for f in figures(nlp, "The blast injured six women, a 12-year-old boy and three men.")] == [6, 1, 3]
    assert [f[1] for f in figures(nlp, "Two soldiers, a captain and a private, were killed.")] == [2]


def test_a_toll_since_a_dated_event_is_a_tally_not_a_figure(nlp):
    assert figures(nlp, "Since the deadly June 2016 rampage at the club, at least 90 people have been killed "
                        "by gunfire in the city.") == []
    assert figures(nlp, "Since Friday's attack on the base, 12 soldiers have been killed.") != []
