"""Realis with scope: negation and modality cover the clause they govern, not an event noun that
refers to an event told elsewhere (extract/events.py ``_status``; cue words in event_frames.yaml)."""

from __future__ import annotations

import pytest

from tidings.pipeline import extract_all

pytestmark = pytest.mark.slow


@pytest.fixture
def status_of(nlp, make_article):
    def run(text: str, trigger: str) -> str:
        events = extract_all(nlp(text), make_article(text, "2024-01-29")).events
        found = [e for e in events if any(s.text == trigger for s in [e.trigger, *e.evidence])]
        assert found, [(e.trigger.text, e.status) for e in events]
        return found[0].status

    return run


def test_negation_of_another_verb_does_not_negate_the_attack(status_of):
    status = status_of("The group did not repeat its responsibility for the attack on the convoy.", "attack")
    assert status in {"asserted", "claimed"}  # a claim it made before: claimed, not negated


def test_a_future_consequence_is_not_a_future_attack(status_of):
    assert status_of("The minister said the bombing will have grave consequences for the region.", "bombing") == "asserted"


def test_a_foiled_bombing_did_not_happen(status_of):
    assert status_of("Police foiled a bombing at the central station on Monday.", "bombing") == "negated"


def test_a_potential_attack_and_the_threat_of_one_are_possibilities(status_of):
    assert status_of("Officials warned of a potential attack on the embassy.", "attack") == "hypothetical"
    assert status_of("The threat of an attack on the airport kept flights grounded.", "attack") == "hypothetical"


def test_a_light_verb_carries_its_clause_status_to_the_noun(status_of):
    assert status_of("The rebels did not carry out the attack, a spokesman said.", "attack") == "negated"
    assert status_of("The insurgents will launch an offensive in the spring.", "offensive") == "future"


@pytest.fixture
def events(nlp, make_article):
    def run(text: str):
        return extract_all(nlp(text), make_article(text, "2024-01-29")).events

    return run


def test_non_events_open_no_event(events):
    assert "AID" not in [e.type for e in events("Aid groups said they were overwhelmed by the crowds.")]
    assert "ASSAULT" not in [e.type for e in events("The invasion forces stayed in their barracks.")]
    assert events("Click here to visit our partner site and share your experience with other readers.") == []
    note = "Editor’s note: The mayor is a serial liar who has repeatedly pledged to ban all cyclists from the city."
    assert events(note) == [] and events(note.replace("’", "'")) == []
    note = ("The senator spoke in Ohio on Monday.\nEditor’s note: Jim Smith regularly incites violence and is a "
            "serial liar who has repeatedly pledged to ban all Muslims from entering the country.")
    assert [e.type for e in events(note) if e.type in {"AGREE", "COERCE"}] == []  # the promise frame too
    assert [e.type for e in events("The mayor stabbed his old ally in the back during the council vote.")] == []


def test_a_death_by_illness_is_no_casualty(events):
    evs = events("The retired general died of cancer at the age of 84 in his home town.")
    assert [c for e in evs for c in e.casualties if c.kind == "killed"] == []


def test_a_clause_and_its_coordinate_keep_both_figures(events):
    evs = events("Gunmen opened fire on a bus near Jos, killing 12 and wounding 21 others.")
    figures = sorted((c.kind, c.low) for e in evs for c in e.casualties)
    assert figures == [("injured", 21), ("killed", 12)]
    assert len([e for e in evs if e.type == "ASSAULT"]) == 1


def test_attendance_is_no_casualty(events):
    evs = events("About 400 people attended the funeral of the slain journalist on Tuesday.")
    assert all(c.low != 400 for e in evs for c in e.casualties)


def test_a_purpose_is_not_an_event_that_happened(status_of):
    assert status_of("Two hired gunmen flew to the capital to assassinate the judge.", "assassinate") == "hypothetical"
    assert status_of("The rebels are planning to unleash an offensive on the port.", "offensive") == "hypothetical"


def test_a_habit_in_the_simple_present_is_no_event(events):
    text = ("Police arrested a man in the market on Monday. The officers say the gang, which kidnaps "
            "farmers for ransom, has operated in the valley for years.")
    assert [e for e in events(text) if e.type == "ASSAULT"] == []
    text = "Soldiers patrolled the town on Friday. They are brave men who know how to fight."
    assert [e for e in events(text) if e.type == "ASSAULT"] == []


def test_a_lede_in_the_present_stays_an_event(events):
    assert "ASSAULT" in [e.type for e in events("Rebels attack army post near the border, killing four soldiers.")]


def test_an_abstract_noun_is_an_event_only_when_a_verb_makes_it_one(events):
    assert events("The support the senator has among young voters surprised his rivals.") == []
    assert "AID" not in [e.type for e in events("Students who qualify for financial aid pay less.")]
    assert "THREATEN" not in [e.type for e in events("Drought is the greatest threat facing the farmers.")]
    assert "AGREE" in [e.type for e in events("The army and the rebels reached a ceasefire deal on Monday.")]
    # a deal that names no party on either side is no record a coder can write (need_a_party)
    assert "AGREE" not in [e.type for e in events("A deal was reached on Monday.")]


def test_release_is_a_release_of_people(events):
    assert "RETREAT" not in [e.type for e in events("The ministry released a statement on the budget.")]
    assert "RETREAT" not in [e.type for e in events("A poll released last week found the race tight.")]
    assert "RETREAT" not in [e.type for e in events("Every citizen is free to speak in this country.")]
    assert "RETREAT" in [e.type for e in events("The rebels released three hostages on Sunday.")]
    assert "RETREAT" in [e.type for e in events("The release of the prisoners was delayed by a week.")]


def test_an_event_noun_modifying_a_thing_is_no_event(events):
    assert "REQUEST" not in [e.type for e in events("An appeals court upheld the ruling on Friday.")]
    assert "ASSAULT" not in [e.type for e in events("The army bought twelve attack helicopters from France.")]


def test_a_verb_whose_object_gives_it_another_sense_is_no_event(events):
    assert events("Reporters repeated the questions he was asked.") == []
    assert "REQUEST" in [e.type for e in events("The minister asked the rebels to lay down their arms.")]
    assert events("Two experts offered their assessments of the budget.") == []
    assert "AGREE" in [e.type for e in events("The rebels offered to free the hostages.")]
    assert events("The plant is meeting regulatory standards.") == []
    assert events("Sales hit a record in May.") == []
    assert "ASSAULT" in [e.type for e in events("A rocket hit the school on Monday.")]
    assert "SUPPORT" not in [e.type for e in events("Washington backed out of the trade talks in May.")]
    assert "COERCE" not in [e.type for e in events("A police patrol intercepted four suspects near the station.")]
    assert "COERCE" in [e.type for e in events("Air defences intercepted two missiles over the city on Monday.")]


def test_sanctions_told_about_and_speeches_delivered_are_no_events(events):
    assert "SANCTION" in [e.type for e in events("The council imposed sanctions on the regime in March.")]
    assert events("The talks went on. The sanctions have done nothing to stop the program.") == [
        e for e in events("The talks went on. The sanctions have done nothing to stop the program.")
        if e.type != "SANCTION"]
    assert "AID" not in [e.type for e in events("The talks went on. The president delivered a speech on Monday.")]
    assert "AID" in [e.type for e in events("The Red Cross delivered food to the camp on Monday.")]
    assert events("She recalled thinking that the law was unfair.") == []


def test_a_two_word_trigger_is_read_through_the_parse(events):
    found = events("Two explosive devices were found in a canal near the zoo on Monday.")
    assert [e.type for e in found] == ["ASSAULT"]
    assert "COERCE" in [e.type for e in events("A stash of firearms was found in a dam near the town.")]
    assert "COERCE" in [e.type for e in events("Customs officers intercepted twelve guns at the border.")]


# A clause that the sentence takes as given keeps its event's status whatever the main verb's
# negation: a reduced relative, a temporal clause, an embedded question, and a "but" coordinate.
@pytest.mark.parametrize("text, trigger", [
    ("Detectives have not released the name of the man killed in the ambush.", "killed"),
    ("The guards said they were not on duty when the bombing happened.", "bombing"),
    ("Prosecutors are not saying why the three guards were wounded in the raid.", "wounded"),
    ("The mother did not speak to reporters but said she was at work when her son was stabbed.", "stabbed"),
    ("She did not know anything until neighbours told her the shop had been bombed.", "bombed"),
])
def test_negation_does_not_reach_a_clause_taken_as_given(status_of, text, trigger):
    assert status_of(text, trigger) == "asserted"


def test_negation_still_reaches_what_it_governs(status_of):
    assert status_of("Witnesses said the soldiers did not shoot or beat the marchers.", "beat") == "negated"
    assert status_of("Officials said the convoy was not attacked on its way to the border.", "attacked") == "negated"
    assert status_of("The militia said it did not attack the village when the talks began.", "attack") == "negated"


@pytest.mark.parametrize("text", [
    "Asked to describe the weapon, the sheriff said investigators were still working.",
    '"Where were you that night?" the lawyer asked.',
    "Whoever has a tip is asked to call the county police hotline.",
    "The experts praised the minister's plan on Tuesday.",
    "Everyone I interviewed criticized the proposal.",
    "The city has seen previous terrorist attacks in recent years.",
    "The region is weary after a spate of bombings.",
])
def test_questions_opinions_and_kinds_of_events_open_no_event(events, text):
    assert [(e.type, e.trigger.text) for e in events(text)] == []


def test_particular_events_and_political_acts_stay(events):
    assert [e.type for e in events("The ministry asked the UN to send monitors.")] == ["REQUEST"]
    assert [e.type for e in events("The opposition criticized the government for the delay.")] == ["ACCUSE"]
    assert [e.type for e in events("Two attacks killed five soldiers on Monday.")] == ["ASSAULT"]
    assert [e.type for e in events("The rebels' attacks on the port resumed on Monday.")] == ["ASSAULT"]


@pytest.mark.parametrize("text", [
    "One of the men pulled out a knife in the store.",
    "The plan is likely to appeal to young voters.",
    "The proposal was lifted almost entirely from an earlier report.",
    '"I must tell you that the situation is serious," the mayor said.',
    "We must continue to work hard for our members.",
])
def test_words_of_other_senses_open_no_event(events, text):
    assert _only_the_anchor(events, text)


def _only_the_anchor(events, text: str) -> bool:
    """Whether ``text``, after a sentence with an event, adds no event. The anchor keeps the type
    model (which may open an event in an article where no trigger opened one) out of it."""
    anchor = "Police arrested two men on Friday. "
    return [(e.type, e.trigger.text) for e in events(anchor + text)] == [("COERCE", "arrested")]


@pytest.mark.parametrize(("text", "kind"), [
    ("The rebels pulled out of the town on Sunday.", "RETREAT"),
    ("The government lifted the curfew in the capital.", "CONCEDE"),
    ("The UN appealed for calm after the clashes.", "REQUEST"),
    ("The army must withdraw from the city, the minister said.", "REQUEST"),
])
def test_the_political_senses_stay(events, text, kind):
    assert kind in [e.type for e in events(text)]


def test_a_ruling_released_is_no_release(events):
    assert "RETREAT" not in [e.type for e in events("The judge rejected the request in a ruling released Thursday.")]


def test_people_spared_open_no_negated_attack(events):
    evs = events("Gunmen opened fire on a bus near the border on Monday. The driver was not injured.")
    assert [(e.type, e.status) for e in evs] == [("ASSAULT", "asserted")]
    assert [(c.kind, c.low) for c in evs[0].casualties] == [("injured", 0)]


@pytest.mark.parametrize(("text", "trigger"), [
    ("The agency said it did not know which suspect fired the shots.", "fired"),
    ("It is not clear who led the raid, though residents have blamed the militia.", "blamed"),
])
def test_a_question_or_a_concession_under_a_negation_is_told_as_fact(status_of, text, trigger):
    assert status_of(text, trigger) == "asserted"


def test_an_event_noun_naming_a_record_is_no_event(events):
    evs = events("Police arrested two men on Friday. The newspaper obtained the arrest records of the "
                 "mayor. Police released attack footage on Monday.")
    assert [(e.type, e.trigger.text) for e in evs] == [("COERCE", "arrested")]


@pytest.mark.parametrize(("text", "trigger", "status"), [
    ("The senator avoids condemning the raid on the village.", "condemning", "negated"),
    ("The minister refrained from criticizing the generals.", "criticizing", "negated"),
    ("The envoy stopped short of condemning the defence minister.", "condemning", "negated"),
    ("The mayor has steered clear of criticizing the police chief.", "criticizing", "negated"),
    ("Soldiers stopped the gang from attacking the convoy.", "attacking", "negated"),
    ("Police prevented students from marching to the ministry on Monday.", "marching", "asserted"),
    ("Neither the mayor nor his deputies have been charged with fraud.", "charged", "negated"),
    ("Neither the mayor nor his deputies were arrested, but two aides were charged.", "charged", "asserted"),
    ("The president appears set to veto the bill.", "veto", "hypothetical"),
    ("The governor is expected to sign the agreement next week.", "agreement", "hypothetical"),
    ("The charity needs to deliver food to the camps before winter.", "deliver", "hypothetical"),
    ("The government and the rebels signed the agreement on Monday.", "agreement", "asserted"),
])
def test_avoiding_and_being_set_to_are_not_doing(status_of, text, trigger, status):
    assert status_of(text, trigger) == status


def test_a_kind_of_event_said_to_be_common_is_no_event(events):
    evs = events("Police arrested two men on Friday. Kidnappings are commonplace in the region. "
                 "Assassinations are a regular event there.")
    assert [(e.type, e.trigger.text) for e in evs] == [("COERCE", "arrested")]


def test_play_in_a_sports_story_is_no_attack_or_meeting(events):
    evs = events("Afghanistan beat Zimbabwe by 59 runs in the World T20 on Saturday. Zimbabwe were shot "
                 "out for 127 in 19.4 overs. Ranked ninth in the rankings, Afghanistan will now meet the "
                 "defending champions. After the match, two fans were injured when fans and police clashed "
                 "outside the stadium.")
    assert [(e.type, [c.low for c in e.casualties]) for e in evs] == [("ASSAULT", [2])]


def test_a_score_line_tells_a_game_not_a_beating(events):
    evs = events("The Harbor City Gulls beat the Lakeside Rangers 31-17 on Sunday to win the title.")
    assert [e.type for e in evs if e.type == "ASSAULT"] == []
    # a beating with no score is still one
    assert [e.type for e in events("A mob beat a man to death in the market on Sunday.")] == ["ASSAULT"]


def test_a_plea_in_court_is_no_request(events):
    evs = events("An Uzbek engineer on Thursday pleaded not guilty to counts of misleading federal agents. "
                 "His mother pleaded with the judge for mercy.")
    assert [(e.type, e.trigger.start > 60) for e in evs if e.type == "REQUEST"] == [("REQUEST", True)]


@pytest.mark.parametrize("text", [
    "He steadfastly refuses to release his tax returns.",
    "The governor continually attacks the press.",
    "Republicans have long opposed the treaty.",
    "Until Thursday, the senator has steadfastly refused to disclose his medical records.",
    "A breaking news alert went out at noon.",
    "Gunmen who continue to ambush army convoys hide in the hills.",
    "During his years at the paper, Okafor generally supported the ruling party.",
    "Raiders often attacked the caravans on that road.",
    "Acts of protest are acts of citizenship, the bishop said.",
    "Strikes are a basic right of workers, the union says.",
])
def test_a_habit_a_stance_or_a_news_alert_is_no_event(events, text):
    assert _only_the_anchor(events, text)


def test_a_dated_refusal_stays(events):
    assert "REJECT" in [e.type for e in events("The senator rejected the offer on Monday.")]
    # a past "continued to" tells what was done
    assert "ASSAULT" in [e.type for e in events("Police arrested two men. Gunmen continued to shell the town on Monday.")]


@pytest.mark.parametrize("text", [
    "Police urged people to avoid the area around the market.",
    "Anyone with information about the stabbing is urged to contact detectives.",
    "Deputies asked that anyone who saw the crash call the county station.",
    "Police issued an appeal for witnesses on Saturday.",
    "Detectives are investigating a shooting that left one man wounded.",
    "Officers opened an investigation into the death of a hiker.",
    "Deputies drove to the motel to look into a report of shots fired in the parking lot.",
    "Troopers closed the highway so detectives could investigate an exchange of gunfire.",
    "Detectives were also investigating scenes at two other corners.",
])
def test_routine_police_appeals_and_inquiries_are_no_request_or_accusation(events, text):
    assert not {"REQUEST", "ACCUSE"} & {e.type for e in events(text)}, [(e.type, e.trigger.text) for e in events(text)]


def test_a_robbers_demand_for_the_cash_is_the_robbery_not_a_request(events):
    text = "Two men held up a pharmacy on Friday. One of them demanded the pharmacist hand over the cash."
    assert "REQUEST" not in [e.type for e in events(text)]
    assert "REQUEST" not in [e.type for e in events("The gunman ordered the driver to give up his wallet.")]
    assert "REQUEST" in [e.type for e in events("The union demanded a pay rise for nurses.")]
    assert "REQUEST" in [e.type for e in events("The bishop called on the council to put more money into youth clubs.")]


def test_a_demand_on_a_state_and_an_inquiry_into_an_army_stay(events):
    assert "REQUEST" in [e.type for e in events("The United Nations urged Iran to avoid any escalation.")]
    assert "ACCUSE" in [e.type for e in events("The commission is investigating the army over the raid.")]
    assert "ACCUSE" in [e.type for e in events("The UN is investigating reports of torture by the army.")]


@pytest.mark.parametrize("text", [
    "Officials said there have been thousands of shootings in the city this year.",
    "It was the deadliest summer since 2009, when 41 people were killed in the county.",
    "Arrests of political activists have accelerated since the election.",
    "Police said every shooting did not result in a homicide.",
])
def test_statistics_and_trends_are_no_incident(events, text):
    assert "ASSAULT" not in [e.type for e in events(text)] and "COERCE" not in [e.type for e in events(text)]


def test_an_event_called_for_or_banned_has_not_happened(status_of):
    assert status_of("The opposition called for three days of nationwide protests.", "protests") == "hypothetical"
    assert status_of("The unions called for a general strike on Monday.", "strike") == "hypothetical"
    assert status_of("The governor issued a ban on public gatherings and protests.", "protests") == "hypothetical"
    assert status_of("Thousands joined the protests in the capital on Friday.", "protests") == "asserted"


def test_a_politicians_rally_is_no_protest(events):
    assert "PROTEST" not in [e.type for e in events("Clinton has held rallies in Cleveland and Charlotte.")]
    assert "PROTEST" not in [e.type for e in events(
        "At a rally with oil workers this month, the president said the lists were ready. Police arrested a man.")]
    assert "PROTEST" in [e.type for e in events("Thousands of farmers held a rally outside parliament on Monday.")]


@pytest.mark.parametrize("text, attack", [
    ("The senator has attacked his allies as well as his adversaries all year.", False),
    ("The moderator asked the candidates to refrain from attacking their opponent.", False),
    ("Gunmen attacked the governor on Monday, killing two guards.", True),
    ("Militants attacked the governor's convoy near Kandahar.", True),
    ("The senator attacked a reporter with a chair, police said.", True),
])
def test_a_politicians_attack_on_a_rival_is_a_war_of_words(events, text, attack):
    assert ("ASSAULT" in [e.type for e in events(text)]) == attack


@pytest.mark.parametrize("text", [
    "The advisers were complimentary, perhaps realizing that copying a rival is the highest kind of praise.",
    "The fundraisers reinforce concerns that give the party pause.",
    "Senator Lane and her campaign hit Mayor Ortiz hard at the convention on his record.",
    "Prior arrests dating back several years include drug dealing.",
    "It is a pace of killing unknown to most of the country.",
])
def test_words_of_politics_and_records_of_the_past_are_no_events(events, text):
    assert events(text) == [], [(e.type, e.trigger.text) for e in events(text)]


def test_recognition_of_a_state_and_reinforced_troops_stay(events):
    types = [e.type for e in events("Russia recognized the independence of Abkhazia on Tuesday. NATO "
                                    "reinforced its eastern flank with 3,000 troops.")]
    assert "SUPPORT" in types and "MOBILIZE" in types


def test_a_warning_about_dangers_is_no_threat_and_an_assault_to_face_has_not_happened(events, status_of):
    assert events("The governor warned his supporters about the dangers of staying home.") == []
    assert events("Residents warned the police of their fears about the man.") == []
    assert "THREATEN" in [e.type for e in events("Iran warned that it would retaliate against any attack.")]
    assert status_of("The army warned the rebels to leave the town or face an assault.", "assault") == "hypothetical"
    assert status_of("The convoy faced an ambush near Kandahar on Monday.", "ambush") == "asserted"


@pytest.mark.parametrize("text", [
    '"Don\'t shoot him," the woman pleads in the video.',
    "Kill them all!",
    "A new campaign ad hitting Governor Park for his tax record aired on Monday.",
    "The editorial attacked Governor Park on Sunday.",
    "He has not demonstrated an ambition for higher office.",
    "My parents had to work two jobs to make ends meet.",
    "It was unclear how the driver would support himself after losing his job.",
    "A man is in custody, accused of robbing a bank early Sunday.",
])
def test_commands_words_that_attack_showing_and_describing_are_no_events(events, text):
    assert [e.type for e in events(text) if e.type in {"ASSAULT", "PROTEST", "CONSULT", "SUPPORT", "ACCUSE"}] == [], \
        [(e.type, e.trigger.text) for e in events(text)]


def test_the_acts_behind_those_words_stay(events):
    assert "ASSAULT" in [e.type for e in events("Police shot him on Friday after he refused to drop the gun.")]
    assert "ASSAULT" in [e.type for e in events("A guerrilla column attacked the farm two days ago.")]
    assert "PROTEST" in [e.type for e in events("Thousands demonstrated outside parliament on Monday.")]
    assert "PROTEST" in [e.type for e in events(
        "Thousands of students demonstrated in Athens on Thursday against the reform, the latest protests.")]
    assert "PROTEST" in [e.type for e in events("Hundreds of farmers demonstrated their support for the governor.")]
    assert "ACCUSE" in [e.type for e in events("Prosecutors accused the two brothers of planning the robbery.")]
    types = [e.type for e in events("The two men accused of carrying out the market bombing were named.")]
    assert "ASSAULT" in types and "ACCUSE" not in types
    assert "SUPPORT" in [e.type for e in events("France will support the new government with troops.")]


def test_an_act_someone_is_called_on_to_do_has_not_happened(status_of):
    assert status_of("The family called on people to protest peacefully.", "protest") == "hypothetical"
    assert status_of("The family called on the police to release the video, and people protested.",
                     "protested") == "asserted"


def test_a_team_hosting_a_game_is_no_meeting(events):
    assert events("On Sunday the Panthers host the Vikings for a football game in the city.") == []


def test_a_periods_toll_opens_no_incident(events):
    found = events("Gunmen killed two guards at the bank on Monday. By the end of that year, 496 people "
                   "had been killed in the province.")
    assert [e.trigger.text for e in found] == ["killed"] and found[0].trigger.start < 20, \
        [(e.type, e.trigger.text, e.trigger.start) for e in found]


def test_a_rule_calling_for_something_and_idle_talk_are_no_events(events):
    assert "REQUEST" not in [e.type for e in events("Secret Service protocol called for the nominee to be taken "
                                                    "to a trauma center. Police arrested a man in Miami.")]
    assert "REQUEST" in [e.type for e in events("The UN called for an immediate ceasefire.")]
    assert "CONSULT" not in [e.type for e in events(
        "Talk had been mounting about a rival challenging him. Police arrested a man in Miami.")]
    assert "CONSULT" in [e.type for e in events("Envoys return to Vienna next month for talk on reducing warheads.")]


def test_a_politicians_attacks_on_a_rival_are_words(events):
    assert "ASSAULT" not in [e.type for e in events(
        "Senator Lane is doubling down on his attacks on Governor Park. Police arrested a man in Miami.")]
    assert "ASSAULT" in [e.type for e in events("The gang's attacks on the shopkeeper continued for months.")]


def test_an_event_word_in_a_laws_name_is_no_event(events):
    found = events("He sponsored the reauthorization of the Death in Custody Reporting Act. Gunmen killed "
                   "two guards on Monday.")
    assert [e.trigger.text for e in found] == ["killed"] and [c.low for c in found[0].casualties] == [2]


def test_an_act_there_is_no_chance_of_has_not_happened_and_is_no_promise(events, status_of):
    found = events("There is absolutely no chance the senator will withdraw from the race, he said.")
    assert [(e.type, e.status) for e in found] == [("RETREAT", "negated")]
    assert status_of("There is no doubt that the army attacked the village.", "attacked") == "asserted"


def test_a_photo_caption_tells_no_event_of_its_own(events):
    found = events("Gunmen killed two guards in Kabul on Monday. FILE - The bomber behind the market bombing "
                   "is seen in this image taken from CCTV, May 27, 2017.")
    assert [e.trigger.text for e in found] == ["killed"]


def test_numerous_bombings_a_police_alert_and_an_image_caption_are_no_incidents(events):
    found = events("The province has seen numerous bombings aimed at army convoys. Police "
                   "issued a statewide alert after a man allegedly killed his former partner. image copyright "
                   "Reuters image caption Border units were deployed to fend off raids by insurgents.")
    assert [e.trigger.text for e in found] == ["killed"], [(e.type, e.trigger.text) for e in found]
    assert "MOBILIZE" in [e.type for e in events("Troops were put on alert after the attack on the base.")]


def test_an_attack_someone_tried_is_an_attempted_attack_that_happened(pipeline, make_article):
    text = "They tried to assassinate me on Saturday, Maria Lopez said. The rebels tried to negotiate a truce."
    events = pipeline.process(make_article(text, "2024-03-04")).events
    attack = [e for e in events if e.type == "ASSAULT"]
    assert [(e.trigger.text, e.status) for e in attack] == [("assassinate", "asserted")]
    # "they" is not the named person who speaks; "me" is
    assert [a.text for a in attack[0].source_actors] == []
    assert [a.text for a in attack[0].target_actors] == ["Maria Lopez"]
    assert all(e.status == "hypothetical" for e in events if e.trigger.text == "negotiate")


def test_no_one_doing_it_negates_it_and_what_made_someone_act_is_no_purpose(pipeline, make_article):
    text = ("What moved a man to kill three people at a clinic in Denver has not been disclosed. "
            "No one has been arrested in the shooting. The gunmen came to the village to kill the mayor.")
    events = pipeline.process(make_article(text, "2024-03-04")).events
    status = {(e.trigger.text, e.trigger.start): e.status for e in events}
    assert status[("kill", text.index("kill"))] == "asserted"
    assert status[("arrested", text.index("arrested"))] == "negated"
    assert status[("kill", text.rindex("kill"))] == "hypothetical"  # a purpose still to come


def test_no_one_hurt_and_anyone_hurt_open_no_incident(pipeline, make_article):
    text = ("Gunmen fired on a police convoy near Jos on Monday. No officers were injured in the exchange. "
            "Nobody was killed, police said.")
    events = pipeline.process(make_article(text, "2024-03-04")).events
    assert [e.trigger.text for e in events if e.type == "ASSAULT"] == ["fired"]
    text = '"You walk down the street and you get shot," a resident of Jos said on Monday.'
    assert not pipeline.process(make_article(text, "2024-03-04")).events
    # "no fewer than" is a figure, not no one
    events = pipeline.process(make_article("Rebels killed no fewer than 12 soldiers in Borno.", "2024-03-04")).events
    assert [e.trigger.text for e in events if e.type == "ASSAULT"] == ["killed"]


def test_what_is_asked_of_a_told_event_is_how_not_whether(pipeline, make_article):
    text = ("A man was shot dead outside a bar in Leeds on Friday. Detectives are trying to determine "
            "whether the shooting was accidental. It is unclear whether an attack would be a disaster.")
    events = pipeline.process(make_article(text, "2024-03-04")).events
    status = {(e.trigger.text, e.trigger.start): e.status for e in events}
    assert status.get(("shooting", text.index("shooting"))) in {None, "asserted"}  # merged, or told
    assert all(s == "asserted" for (word, _), s in status.items() if word in {"shot", "shooting"})
    assert status[("attack", text.index("attack"))] != "asserted"


def test_constant_attack_without_a_date_is_a_condition(pipeline, make_article):
    text = "The minister said the banks' networks are under constant attack from foreign hackers."
    assert not [e for e in pipeline.process(make_article(text, "2024-03-04")).events if e.type == "ASSAULT"]
    text = "The village has been under constant shelling since Monday, residents said."
    assert [e.trigger.text for e in pipeline.process(make_article(text, "2024-03-04")).events
            if e.type == "ASSAULT"] == ["shelling"]


def test_a_past_event_reported_in_the_future_keeps_its_own_tense(pipeline, make_article):
    text = ("A taxi driver was hurt in Bristol on Tuesday. Officers will only confirm that there was a "
            "shooting near the station. The council will say next week whether a curfew will be imposed.")
    events = pipeline.process(make_article(text, "2024-03-04")).events
    status = {e.trigger.text: e.status for e in events}
    assert status.get("shooting") in {None, "asserted"}  # merged into the told injury, or told itself
    assert all(e.status == "asserted" for e in events if e.type == "ASSAULT")
    assert status.get("imposed", "future") != "asserted"  # what is not yet decided stays unreal


def test_a_promise_made_on_a_condition_is_no_promise_yet(pipeline, make_article):
    def agree(text):
        return [e.status for e in pipeline.process(make_article(text, "2024-03-04")).events if e.type == "AGREE"]
    assert agree("If the council ratifies its offer of help, I would accept it, the mayor said on Monday.") == ["hypothetical"]
    assert agree("The rebels said they would accept a ceasefire.") == ["asserted"]


def test_an_attempt_to_lay_blame_lays_it(pipeline, make_article):
    def statuses(text, kind):
        return [e.status for e in pipeline.process(make_article(text, "2024-03-04")).events if e.type == kind]
    assert statuses("The senator tried to blame the governor for the water crisis on Monday.", "ACCUSE") == ["asserted"]
    assert statuses("The rebels tried to negotiate a truce with the army.", "CONSULT") != ["asserted"]


def test_what_is_joined_to_an_embedded_verb_is_not_embedded_by_it(status_of):
    # the shooting is told beside the attempt, not as what was attempted
    assert status_of("Two suspects are accused of attempting to rob a bakery and shooting a clerk.",
                     "shooting") == "asserted"
    assert status_of("The two men tried to rob the bakery and shot the clerk.", "shot") == "asserted"
    # what is planned, with what is planned beside it, stays planned
    assert status_of("The rebels plan to attack the town and seize the airport.", "seize") == "hypothetical"
    assert status_of("The gunmen want to kill the judge and free the prisoners.", "kill") == "hypothetical"


def test_a_numbered_point_of_a_programme_is_not_a_report(status_of):
    text = ("The coalition published its conditions for talks:\n\n1. Lifting of the curfew in the capital.\n\n"
            "2. Release of all detained students.\n\nSoldiers killed two protesters on Monday.")
    assert status_of(text, "Release") == "hypothetical"
    assert status_of(text, "killed") == "asserted"
    assert status_of("Release of 20 hostages in the north after talks. Gunmen freed 20 hostages on Monday.",
                     "Release") == "asserted"


def test_an_act_warned_of_has_not_happened(status_of):
    assert status_of("Refugees were warned of a mass deportation of Afghans by the government.",
                     "deportation") == "hypothetical"
    assert status_of("The mass deportation of Afghans by the government began on Monday.", "deportation") == "asserted"


def test_a_when_clause_hung_as_an_object_keeps_its_own_status(status_of):
    assert status_of("When the dockworkers took to the streets in 2014, they couldn't have guessed that a "
                     "decade on they might be living in exile.", "took to the streets") == "asserted"
    assert status_of("If the rebels attack the town, the army will respond.", "attack") == "hypothetical"


def test_setting_off_an_explosion_sets_it_off(status_of):
    assert status_of("The car hit a mine, setting off an explosion that killed four fighters aboard.",
                     "explosion") == "asserted"
    assert status_of("Officials feared a new attack on the embassy.", "attack") == "hypothetical"


def test_a_promised_veto_and_an_act_under_if_have_not_happened(status_of, events):
    assert status_of("Over the past few days, the administration has promised a veto of the bill.", "veto") == "future"
    assert status_of("If the president's veto were overridden, the country would be exposed.", "veto") == "hypothetical"
    assert status_of("Claims can go ahead only if the regime was shown to have taken part in a terror attack "
                     "on Canadian soil.", "attack") == "hypothetical"
    assert status_of("The attack on the embassy killed two guards.", "attack") == "asserted"
    assert "THREATEN" in [e.type for e in events("The administration has promised a veto of the bill.")]


def test_an_act_a_noun_of_will_points_to_has_not_happened(status_of):
    assert status_of("The junta showed its determination to deploy troops along the border.", "deploy") == "hypothetical"
    assert status_of("The rebels made a bid to seize the airport.", "seize") == "hypothetical"
    assert status_of("The rebels seized the airport on Monday.", "seized") == "asserted"


def test_a_headlines_first_clause_is_no_object_of_the_verb_after_its_semicolon(status_of):
    # "X happened; police seek Y": the parse hangs the first clause on "seek" as its object
    assert status_of("Wedding party shot up; police seek motive\n\nTwo guests were hurt on Saturday.",
                     "shot") == "asserted"
    assert status_of("Police seek the men who shot up a wedding party on Saturday.", "shot") == "asserted"
    assert status_of("The mayor wants the council to ban the march.", "ban") == "hypothetical"


def test_an_arrest_told_by_its_custody_has_the_status_of_its_verb(status_of):
    # "custody" opens an arrest from its figure; the verb that takes the person into custody says
    # whether it happened
    assert status_of("Deputies used a stun gun on the man in an attempt to take him into custody.",
                     "custody") == "hypothetical"
    assert status_of("Deputies did not take the driver into custody.", "custody") == "negated"
    # (a trigger of its own since "take into custody" is an arrest verb)
    assert status_of("A 23-year-old man was taken into custody on Friday.", "taken into custody") == "asserted"


def test_an_attempted_robbery_was_not_done_but_an_attempted_killing_is_an_attack(status_of):
    # (told beside a shooting, the robbery is the shooting's circumstance: test_incidents)
    assert status_of("Police are looking for a man after an attempted robbery at a gas station on Friday.",
                     "robbery") == "hypothetical"
    assert status_of("A clerk lost $300 in a robbery at a gas station on Friday.", "robbery") == "asserted"
    assert status_of("Police foiled an attempted assassination of the governor; one guard was shot.",
                     "shot") == "asserted"


def test_a_clause_before_a_semicolon_is_no_object_of_the_vow_after_it(nlp):
    # the parse an article gives one headline, built by hand: "denounce" hung on "vow" as its
    # object across the semicolon ("Allies denounce the test; Rome, others vow sanctions.")
    from spacy.tokens import Doc
    from tidings.extract.events import _clause_status, lexicon

    def status_with(joiner: str, dep: str, tag: str, pos: str) -> str:
        doc = Doc(nlp.vocab, words=["Allies", "denounce", "the", "test", joiner, "Rome", ",", "others", "vow",
                                    "sanctions", "."],
                  heads=[1, 8, 3, 1, 1, 1, 8, 8, 8, 8, 8],
                  deps=["nsubj", "ccomp", "det", "dobj", dep, "npadvmod", "punct", "nsubj", "ROOT", "dobj", "punct"],
                  tags=["NNS", "VBP", "DT", "NN", tag, "NNP", ",", "NNS", "VBP", "NNS", "."],
                  lemmas=["ally", "denounce", "the", "test", joiner, "Rome", ",", "other", "vow", "sanction", "."],
                  pos=["NOUN", "VERB", "DET", "NOUN", pos, "PROPN", "PUNCT", "NOUN", "VERB", "NOUN", "PUNCT"])
        return _clause_status(doc[1], lexicon().frames)

    assert status_with(";", "punct", ":", "PUNCT") == "asserted"
    assert status_with("and", "cc", ":", "CCONJ") == "hypothetical"  # without the semicolon the vow governs it


def test_a_legal_step_to_come_told_in_the_passive_is_no_threat(events):
    evs = events("The driver will be charged with reckless driving, police said on Monday.")
    assert [e.type for e in evs if e.type == "THREATEN"] == [], [(e.type, e.trigger.text) for e in evs]
    evs = events("The group said it will attack the base again.")
    assert [e.type for e in evs if e.type == "THREATEN"] == ["THREATEN"], [(e.type, e.trigger.text) for e in evs]


def test_refusing_to_comment_is_no_rejection(events):
    assert [e.type for e in events("The union leaders met late into the night and refused to comment on "
                                   "their plans.") if e.type == "REJECT"] == []
    assert [e.type for e in events("The rebels refused to release the hostages.") if e.type == "REJECT"] == ["REJECT"]


def test_a_protest_done_by_an_act_and_a_meeting_travelled_to_are_told(events):
    ev = next(e for e in events("Students chained the gates of the campus shut on Friday to protest the fee rise.")
              if e.type == "PROTEST")
    assert ev.status == "asserted"
    ev = next(e for e in events("Farmers have dumped manure outside the ministry to protest the quotas.")
              if e.type == "PROTEST")
    assert ev.status == "asserted"
    ev = next(e for e in events("The envoy flew to Muscat to meet the rebel delegation.") if e.type == "CONSULT")
    assert ev.status == "asserted"
    # a purpose still to come stays one
    ev = next(e for e in events("He travelled to the capital to kill the minister.") if e.type == "ASSAULT")
    assert ev.status == "hypothetical"


def test_workers_who_strike_protest(events):
    assert [(e.type, e.status) for e in events("Nurses struck on Tuesday over unpaid wages.")] == [("PROTEST", "asserted")]


def test_a_meeting_someone_will_host_is_one_future_meeting(nlp, make_article):
    text = "The governor will host a summit with the tribal leaders next week, her office said."
    events = extract_all(nlp(text), make_article(text, "2024-01-29")).events
    assert [(e.type, e.status) for e in events] == [("CONSULT", "future")]


def test_what_someone_would_sometimes_do_is_a_habit_not_an_event(nlp, make_article):
    text = "In those years the examiners would sometimes reject her applications."
    assert extract_all(nlp(text), make_article(text, "2024-01-29")).events == []


def test_a_conjunct_with_its_own_auxiliary_keeps_its_own_polarity(status_of):
    text = "The father has not been charged and has admitted that he shot his neighbour."
    assert status_of(text, "shot") == "asserted"
    assert status_of(text, "charged") == "negated"
    assert status_of("Police did not arrest or charge the two men.", "arrest") == "negated"


def test_avoiding_an_act_is_its_negation_however_a_headline_parses(status_of):
    assert status_of("Senator avoids condemning Moscow", "condemning") == "negated"


@pytest.mark.parametrize("text, trigger", [
    ("The lawsuit alleges that the deputy beat the inmate in his cell in 2021.", "beat"),
    ("Prosecutors allege that the two men attacked a cashier with a bat.", "attacked"),
    ("The allegation that soldiers looted the market was rejected by the army.", "looted"),
    ("The alleged assault on the referee took place after the match, the league said.", "assault"),
])
def test_an_allegation_is_told_as_claimed_not_asserted(pipeline, make_article, text, trigger):
    events = pipeline.process(make_article(text, "2024-03-04")).events
    assert [e.status for e in events if e.trigger.text == trigger] == ["claimed"]


def test_what_the_police_say_happened_stays_asserted(pipeline, make_article):
    events = pipeline.process(make_article("Police said the two men attacked a cashier with a bat on Monday.",
                                           "2024-03-04")).events
    assert [e.status for e in events if e.trigger.text == "attacked"] == ["asserted"]
