"""Who did it and to whom, as `tidings extract` prints it, on sentences of our own: constructions
the written training articles showed the grammar missing (train/report_parties.py)."""

from __future__ import annotations

import pytest

from tidings.ingest import article_from_record
from tidings.pipeline import extract_all

pytestmark = pytest.mark.slow


@pytest.fixture()
def parties(nlp, make_article):
    """(source names, target names) of the first printed event of a type in a text."""

    def run(text: str, type_: str, dateline: bool = False):
        article = article_from_record({"id": "t", "text": text, "published": "2024-01-29"}, "test") if dateline \
            else make_article(text, "2024-01-29")
        events = [e for e in extract_all(nlp(article.text), article).events if e.type == type_]
        assert events, type_
        return [a.name for a in events[0].source_actors], [a.name for a in events[0].target_actors]

    return run


def test_a_past_tense_joined_to_an_infinitive_keeps_the_first_verbs_subject(parties):
    source, target = parties("Amnesty International urged the police to find the pupils and accused the "
                             "government of neglect.", "ACCUSE")
    assert source == ["Amnesty International"] and target == ["government"]


def test_a_past_tense_joined_to_a_gerund_keeps_the_first_verbs_subject(parties):
    source, _ = parties("The Yazidi militia accused Turkey of waging a war and called on Baghdad to close "
                        "its airspace.", "REQUEST")
    assert source == ["Yazidi militia"]


def test_an_appeal_is_addressed_to_described_people(parties):
    assert parties("The governor appealed to residents not to spread panic.", "REQUEST")[1] == ["residents"]


def test_fighting_between_two_sides_names_both(parties):
    source, target = parties("Fighting between the army and the rebels erupted again on Saturday.", "ASSAULT")
    assert source == ["army"] and target == ["rebels"]


def test_talks_with_a_group_name_it_as_the_other_side(parties):
    assert parties("The government suspended peace talks with the rebel group on Wednesday.", "CONSULT")[1] \
        == ["rebel group"]


def test_a_force_named_before_an_act_of_force_did_it(parties):
    assert parties("Protests erupted after the police killing of a student in the capital.", "ASSAULT")[0] == ["police"]


def test_slogans_against_a_government_say_what_a_protest_is_against(parties):
    _, target = parties("Hundreds of farmers protested in the town, chanting slogans against the government.",
                        "PROTEST")
    assert target == ["government"]


def test_the_ministers_of_two_states_stand_for_both_states(parties):
    source, target = parties("The foreign ministers of Armenia and Azerbaijan met in Almaty on Friday.", "CONSULT")
    assert [len(source), len(target)] == [1, 1]
    assert "Armenia" in source[0] and "Azerbaijan" in target[0]


def test_two_sides_that_agree_are_actor_one_and_actor_two(parties):
    source, target = parties("Colombia's government and the ELN rebel group agreed on Monday to extend their "
                             "ceasefire.", "AGREE")
    assert len(source) == 1 and "Colombia" in source[0]
    assert len(target) == 1 and "ELN" in target[0] or "National Liberation Army" in target[0]


def test_police_who_report_an_arrest_made_it(parties):
    assert parties("Three teenagers were arrested over the weekend in west Phoenix, police said.", "COERCE")[0] \
        == ["police"]
    # a neighbour who reports it did not
    assert parties("Three teenagers were arrested over the weekend in west Phoenix, a neighbour said.",
                   "COERCE")[0] == []
    # police named just before a doerless arrest made it
    assert parties("Deputies were called to a home on Elm Street on Sunday after a shooting. A 24-year-old "
                   "man was arrested and charged with attempted murder.", "COERCE")[0] == ["Deputies"]


def test_its_forces_are_the_forces_of_the_one_who_reports_them(parties):
    source, _ = parties("Turkey's defence ministry said on Tuesday that its forces had killed three militants.",
                        "ASSAULT")
    assert len(source) == 1 and "Turkey" in source[0] and source[0] != "its forces"


def test_him_after_a_named_commander_is_the_commander(parties):
    _, target = parties("The SDF named the commander as Abu Khattab and accused him of organising the killings.",
                        "ACCUSE")
    assert target == ["Abu Khattab"]


def test_a_capitalised_plural_after_a_dateline_is_a_description(parties):
    source, _ = parties("PORT-AU-PRINCE — Gunmen abducted two nuns from a convent in the Petion-Ville district on "
                        "Friday, a church official said.", "ASSAULT", dateline=True)
    assert source == ["Gunmen"]


@pytest.mark.parametrize("text, type_, source", [
    ("Sheriff's deputies arrested a man outside the store on Tuesday.", "COERCE", "Sheriff's deputies"),
    ("A mob beat a man to death in the market on Sunday.", "ASSAULT", "mob"),
    ("The main union confederation staged a general strike on Thursday.", "PROTEST", "main union confederation"),
])
def test_common_nouns_that_name_a_party(parties, text, type_, source):
    assert parties(text, type_)[0] == [source]


def test_aid_pledged_in_kind_goes_to_the_named_state(parties):
    source, target = parties("France pledged a further 2.5 billion euros in military aid to Ukraine on Tuesday.",
                             "AGREE")
    assert "France" in source[0] and len(target) == 1 and "Ukraine" in target[0]


def test_two_weapons_fired_at_a_state_are_aimed_at_it(parties):
    _, target = parties("Overnight, Russia launched 200 drones and 12 missiles at Ukraine, the air force said.",
                        "ASSAULT")
    assert len(target) == 1 and "Ukraine" in target[0]


def test_a_man_charged_by_pronoun_is_the_one_named_before(nlp, make_article):
    text = ("Deputies arrested Marcus Lyle Benning, 41, of Oak Grove, on Friday and charged him with murder in "
            "the death of a clerk, the sheriff's office said.")
    result = extract_all(nlp(text), make_article(text, "2024-01-29"))
    assert [a.kind for a in result.actors if a.text == "Marcus Lyle Benning"] == ["person"]  # a name with an age
    accusations = [c for c in result.claims if c.kind == "accusation"]
    assert accusations and all(c.accused is None or c.accused.text != "him" for c in accusations)
    for event in result.events:
        assert "him" not in [a.text for a in event.source_actors + event.target_actors]


def test_the_kin_of_a_named_person_are_a_party_of_their_own(parties):
    assert parties("Keith Scott's wife pleaded with officers not to shoot him on Tuesday.", "REQUEST")[0] \
        == ["Keith Scott's wife"]
    assert parties("Police arrested Smith's brother on Monday.", "COERCE")[1] == ["Smith's brother"]


def test_the_one_asked_to_act_would_do_the_act(parties):
    assert parties("The minister urged the rebels to release the hostages.", "RETREAT")[0] == ["rebels"]


def test_he_in_a_sheriffs_report_is_not_the_sheriff(nlp, make_article):
    text = ("Sheriff Dale Morrow said Tyrell Banks argued with a neighbour on Sunday. He shot the neighbour "
            "twice in the chest, the sheriff said.")
    result = extract_all(nlp(text), make_article(text, "2024-01-29"))
    assert [c for c in result.claims if c.kind == "claim"] == []  # no claim of the sheriff's own deed
    for event in result.events:
        assert all("sheriff" not in a.name.lower() for a in event.source_actors), event.source_actors


@pytest.mark.parametrize("text, type_, source, target", [
    ("Arsonists set fire to a mosque in the town on Friday night.", "ASSAULT", ["Arsonists"], []),
    ("Soldiers returned fire on the gunmen near the post.", "ASSAULT", ["Soldiers"], ["gunmen"]),
    ("The mayor met with the families of the victims on Monday.", "CONSULT", ["mayor"], ["families"]),
])
def test_acts_and_parties_the_lexicon_lacked(parties, text, type_, source, target):
    assert parties(text, type_) == (source, target)


def test_a_phone_call_with_a_counterpart_has_both_sides(parties):
    source, target = parties("The foreign minister spoke by phone with her Chinese counterpart on Tuesday.",
                             "CONSULT")
    assert source == ["foreign minister"] and len(target) == 1


def test_a_sites_name_after_the_headline_is_no_party(parties):
    _, target = parties("Russian drones hit an apartment block in Kharkiv overnight, killing four | Kyiv Courier\n\n"
                        "Russian attack drones struck a building in Kharkiv overnight, killing four people, "
                        "officials said.", "ASSAULT")
    assert "Kyiv Courier" not in target


def test_the_group_named_before_is_the_party_of_the_group(nlp, make_article):
    text = ("The Islamic State group claimed the bombing in Baghdad on Friday. On Saturday the group attacked "
            "a police post in Kirkuk, killing two officers.")
    events = extract_all(nlp(text), make_article(text, "2024-01-29")).events
    attack = next(e for e in events if e.trigger.text == "attacked")
    assert [a.name for a in attack.source_actors] == ["Islamic State"]
    # "the group of villagers" names its own group
    text = "Islamic State fighters fled the town. Soldiers later detained the group of villagers near the river."
    events = extract_all(nlp(text), make_article(text, "2024-01-29")).events
    assert all("Islamic State" not in [a.name for a in e.target_actors] for e in events if e.type == "COERCE")


def test_relief_sent_is_aid(parties):
    assert parties("Turkey and Israel sent firefighting aircraft after Athens asked for help.", "AID")[0] \
        == ["Turkey government", "Israel government"]


def test_they_in_a_police_report_are_the_police(parties):
    # "he" in a sheriff's report is someone else; "they" in a police report are the police
    assert parties("Police said they arrested two men on Monday near the station.", "COERCE")[0] == ["Police"]


def test_he_or_it_is_the_subject_told_just_before(parties):
    # salience: the named subject of the sentence before, of the pronoun's sort and gender
    source, target = parties("Cambodian Foreign Minister Sok Vanna spoke to reporters on Monday. He called on "
                             "Laos to reopen the border crossing.", "REQUEST")
    assert source == ["Sok Vanna"], source
    source, _ = parties("The Kuki Students' Organisation held a rally in the town on Sunday. It demanded an "
                        "independent inquiry into the killings.", "REQUEST")
    assert source == ["Kuki Students' Organisation"], source
    # an honorific of the other gender rules a person out; a new paragraph ends the thread
    source, _ = parties("Mrs. Adeyemi thanked the nurses on Monday. He accused the ministry of neglect.", "ACCUSE")
    assert source == [], source
    source, _ = parties("Sok Vanna spoke to reporters on Monday.\n\nHe accused the ministry of neglect.", "ACCUSE")
    assert source == [], source


def test_condemning_an_attack_targets_its_named_doer(parties):
    # the attack's doer, when named, is the target of the condemnation; gunmen only described are not
    _, target = parties("Al-Shabaab fighters stormed a hotel in Mogadishu on Friday, killing 12 people. The "
                        "president condemned the attack as barbaric.", "ACCUSE")
    assert target == ["Al-Shabaab"], target
    _, target = parties("Gunmen stormed a hotel in Mogadishu on Friday, killing 12 people. The president "
                        "condemned the attack as barbaric.", "ACCUSE")
    assert target == [], target
    # an act no event holds, told before with its doer: "the test" is the one the state conducted
    _, target = parties("Pakistan conducted a missile test on Tuesday. The Indian foreign minister condemned "
                        "the test on Wednesday.", "ACCUSE")
    assert target == ["Islamabad government"], target  # the registry's name for the state


def test_a_pejorative_label_is_a_condemnation_of_whom_it_labels(parties):
    source, target = parties("Senator Maria Ortiz has called the governor a liar and a fraud.", "ACCUSE")
    assert source == ["Maria Ortiz"] and target == ["governor"], (source, target)
    # a label on an attack condemns its named doer; the one who labels did not attack
    evs_source, _ = parties("Al-Shabaab fighters stormed a hotel in Mogadishu on Friday. The prime minister "
                            "called the attack cowardly.", "ASSAULT")
    assert evs_source == ["Al-Shabaab"], evs_source
    _, target = parties("Al-Shabaab fighters stormed a hotel in Mogadishu on Friday. The prime minister "
                        "called the attack cowardly.", "ACCUSE")
    assert target == ["Al-Shabaab"], target


def test_a_label_that_condemns_nothing_is_no_event(nlp, make_article):
    for text in ("Officials called the talks productive on Monday.", "He did not call the decision reckless."):
        article = make_article(text, "2024-01-29")
        assert [e.type for e in extract_all(nlp(text), article).events if e.type == "ACCUSE"] == [], text


def test_a_venue_named_before_an_attack_is_where_not_who(nlp, make_article):
    # "the Birmingham Arena bombing": the arena is where; the "Taliban attack" keeps its doer
    text = "The Birmingham Arena bombing killed 22 people in 2017."
    events = [e for e in extract_all(nlp(text), make_article(text, "2024-01-29")).events if e.type == "ASSAULT"]
    assert [a.name for a in events[0].source_actors] == [] and events[0].location is not None \
        and events[0].location.name == "Birmingham", (events[0].source_actors, events[0].location)
    # the model's ORG for the occasion's name, before the noun: still no doer
    text = "A jury convicted a cousin of Denver Marathon bombing suspect Ali Rahimi on Tuesday."
    events = [e for e in extract_all(nlp(text), make_article(text, "2024-01-29")).events if e.type == "ASSAULT"]
    assert all("Denver Marathon" not in [a.name for a in e.source_actors] for e in events), \
        [(e.trigger.text, e.source_actors) for e in events]
    text = "The Taliban attack killed 22 people."
    events = [e for e in extract_all(nlp(text), make_article(text, "2024-01-29")).events if e.type == "ASSAULT"]
    assert [a.name for a in events[0].source_actors] == ["Taliban"]


def test_a_charge_reported_by_the_prosecutors_spokesman_is_theirs(parties):
    source, target = parties("Darnell Hayes was charged with murder, a spokesman for the district attorney said.",
                             "ACCUSE")
    assert source == ["district attorney"] and target == ["Darnell Hayes"], (source, target)
    source, _ = parties("Darnell Hayes was charged with murder, according to a spokeswoman for the county "
                        "prosecutor's office.", "ACCUSE")
    assert source and "prosecutor" in source[0], source


def test_police_hunting_a_suspect_are_not_who_set_off_his_bomb(parties):
    source, target = parties("Police are hunting a man who left a parcel containing a device that blew up outside "
                             "a pharmacy in Nantes, injuring nine people.", "ASSAULT")
    assert not any("olice" in s for s in source), source


@pytest.mark.parametrize("text, type_, source, target", [
    # a surname the model left untagged is the person named in full before it
    ("Governor Helen Marsh criticized the plan on Monday. Marsh met the union leaders in Albany on Tuesday.",
     "CONSULT", ["Helen Marsh"], None),
    # the one called on to act would do it
    ("The senator called on the mayor to resign after the audit.", "RETREAT", ["mayor"], None),
    # a meeting in a phrase before the verb is the subject's, never the verb's object's
    ("In a meeting with the generals on Tuesday, the president accused the opposition of plotting a coup.",
     "CONSULT", ["president"], ["generals"]),
    # a described doer identified by name is that person
    ("Police said the gunman, identified as Peter Quill, 25, opened fire on the crowd.", "ASSAULT", ["Peter Quill"], None),
    # a street the model took for a name is no party
    ("A woman was kidnapped on Tuesday on Birchwood Lane, police said.", "ASSAULT", None, ["woman"]),
    # a man of a town or of a people is that man, not the town or the people's state
    ("A Memphis man was shot dead by police on Sunday.", "ASSAULT", ["police"], ["Memphis man"]),
    ("A Palestinian man was shot dead by soldiers on Sunday.", "ASSAULT", ["soldiers"], ["Palestinian man"]),
    # whose act a condemnation is of is its target
    ("The council issued a strong condemnation of Iran's latest missile test on Friday.", "ACCUSE",
     ["council"], ["Iran government"]),
])
def test_who_a_construction_names(parties, text, type_, source, target):
    found_source, found_target = parties(text, type_)
    assert source is None or found_source == source, found_source
    assert target is None or found_target == target, found_target


def test_an_attribution_before_a_colon_is_no_party(parties):
    source, target = parties("Officials: Two soldiers killed in ambush near Kandahar\n\nTwo soldiers were killed "
                             "on Monday.", "ASSAULT")
    assert "Officials" not in source + target, (source, target)


def test_the_named_members_of_those_arrested_are_its_targets(parties):
    _, target = parties("Dozens of leftists were arrested on Friday, including the writer Eva Forest.", "COERCE")
    assert "Eva Forest" in target, target
