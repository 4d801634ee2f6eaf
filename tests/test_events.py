"""Events from hand-written wire sentences: type, mode, direction, status, merging, casualties."""

from __future__ import annotations

import pytest

from tidings.pipeline import extract_all

pytestmark = pytest.mark.slow


@pytest.fixture
def events(nlp, make_article):
    def run(text: str, published: str = "2024-01-29"):
        article = make_article(text, published)
        return extract_all(nlp(text), article).events

    return run


def only(events, type_):
    found = [e for e in events if e.type == type_]
    assert len(found) == 1, [(e.type, e.trigger.text) for e in events]
    return found[0]


def test_nominal_drone_attack_merges_with_its_verb(events):
    evs = events("A drone attack on a US base killed three American soldiers on Sunday.")
    attack = only(evs, "ASSAULT")
    assert attack.trigger.text == "drone attack"
    assert attack.mode == "drone"
    assert attack.cameo == "195"
    assert attack.acled.sub_event_type == "Air/drone strike"
    assert [e.text for e in attack.evidence] == ["drone attack", "killed"]
    assert [a.name for a in attack.target_actors] == ["United States military"]


def test_active_voice_source_and_target(events):
    ev = only(events("Israeli warplanes struck Hamas positions in Gaza on Monday."), "ASSAULT")
    assert ev.mode == "aerial"
    assert [a.name for a in ev.source_actors] == ["Israel military"]
    assert [a.name for a in ev.target_actors] == ["Hamas"]


def test_passive_voice_swaps_roles(events):
    ev = only(events("Two Nigerian soldiers were killed by Boko Haram fighters near Maiduguri."), "ASSAULT")
    assert [a.name for a in ev.source_actors] == ["Boko Haram"]
    assert [a.name for a in ev.target_actors] == ["Nigeria military"]


def test_negated_event(events):
    ev = only(events("The army did not attack the protesters, the ministry said."), "ASSAULT")
    assert ev.status == "negated"


def test_modal_is_hypothetical_and_will_is_future(events):
    assert only(events("Militants could attack the convoy."), "ASSAULT").status == "hypothetical"
    assert only(events("The government will meet opposition leaders."), "CONSULT").status == "future"


def test_threat_is_threaten_and_its_attack_is_not_asserted(events):
    evs = events("The Houthis threatened to attack ships in the Red Sea.")
    threat = only(evs, "THREATEN")
    assert threat.status == "asserted"
    assert [a.name for a in threat.source_actors] == ["Houthis"]
    assert only(evs, "ASSAULT").status == "hypothetical"


def test_labour_strike_is_a_protest_not_an_assault(events):
    evs = events("Dock workers began a general strike in Marseille on Monday.")
    assert [e.type for e in evs] == ["PROTEST"]
    assert evs[0].mode == "strike"
    # a stoppage for a span, whoever called it
    evs = events("The opposition began a 48-hour strike in Caracas on Monday.")
    assert [(e.type, e.mode) for e in evs] == [("PROTEST", "strike")]


def test_protest_arrest_and_condemnation(events):
    evs = events("Police arrested 40 protesters in Minsk. The European Union condemned the arrests.")
    arrest = [e for e in evs if e.type == "COERCE"][0]
    assert arrest.mode == "arrest"
    assert [a.kind for a in arrest.target_actors] == ["population"]
    condemn = only(evs, "ACCUSE")
    assert [a.name for a in condemn.source_actors] == ["European Union"]
    assert condemn.mode == "disapprove"


def test_back_reference_adds_evidence_not_a_new_event(events):
    evs = events("A car bomb exploded outside a police station in Kirkuk, killing four officers. "
                 "No group has claimed the attack.")
    assaults = [e for e in evs if e.type == "ASSAULT"]
    assert len(assaults) == 1
    assert "attack" in [s.text for s in assaults[0].evidence]


def test_ids_are_deterministic(events):
    text = "Gunmen ambushed a bus near Kabul, killing six passengers."
    assert [e.id for e in events(text)] == [e.id for e in events(text)]


def test_dateline_words_are_no_triggers_or_actors(events):
    evs = events("BAGHDAD, March 3 (Reuters) - Iraqi officials met U.N. envoys on Sunday.")
    assert [e.type for e in evs] == ["CONSULT"]
    assert "BAGHDAD" not in [a.text for e in evs for a in e.source_actors]


# --- frames: what the sentence's actor does with the event (PLOVER codes the act) ----------------


def top(evs):
    """The most confident event, as plover-gsr and petrarch2 score it (first among equals)."""
    return max(evs, key=lambda e: e.confidence)


def test_announced_cooperation_is_a_promise(events):
    evs = events("Portugal will support Turkey's bid to join the bloc, President Mario Soares said.")
    assert top(evs).type == "AGREE"
    assert top(evs).status == "asserted"
    assert top(evs).trigger.text == "will support"
    assert only(evs, "SUPPORT").status == "future"


def test_offer_to_act_is_a_promise_by_its_subject(events):
    # "offer" is an AGREE trigger itself: the frame adds no second promise

    evs = events("Libya has offered to hand over the two suspects to Britain.")
    promise = top(evs)
    assert promise.type == "AGREE"
    assert promise.trigger.text == "offered"
    assert [a.name for a in promise.source_actors] == ["Libya government"]


def test_reported_hostile_intent_is_a_threat(events):
    evs = events("The rebels said they would attack the convoy.")
    assert top(evs).type == "THREATEN"
    assert only(evs, "ASSAULT").status == "hypothetical"


def test_must_in_reported_speech_is_the_speakers_demand(events):
    evs = events("Britain said Libya must hand over the two suspects.")
    demand = only(evs, "REQUEST")
    assert demand is top(evs)
    assert demand.trigger.text == "must hand"
    assert [a.name for a in demand.source_actors] == ["United Kingdom government"]
    assert [a.name for a in demand.target_actors] == ["Libya government"]


def test_declining_to_act_is_a_refusal_and_the_act_did_not_happen(events):
    evs = events("Interior Minister Rafael Duarte has declined to resign in spite of mounting criticism.")
    assert top(evs).type == "REJECT"
    assert only(evs, "RETREAT").status == "negated"


def test_will_not_accept_is_a_refusal(events):
    evs = events("Syria says it will not accept any more refugees.")
    assert top(evs).type == "REJECT"
    assert top(evs).trigger.text == "will not accept"


def test_a_conditional_clause_opens_no_promise(events):
    evs = events("The rebels will release the hostages if the army withdraws.")
    assert [e.trigger.text for e in evs if e.type == "AGREE"] == ["will release"]
    assert only(evs, "RETREAT").status == "future"


def test_threat_wins_over_the_threatened_attack(events):
    evs = events("Iran threatened to shell Iraqi border towns on Sunday.")
    assert top(evs).type == "THREATEN"
    assert only(evs, "ASSAULT").status == "hypothetical"


# --- the main event of a sentence wins; light verbs carry their object's event -------------------


def test_protest_wins_over_its_purpose_clause(events):
    evs = events("Thousands of students staged demonstrations in Jakarta to demand political reforms.")
    assert top(evs).type == "PROTEST"
    assert top(evs).trigger.text == "demonstrations"


def test_light_verb_with_an_event_object_opens_no_event(events):
    # (an inquiry that names whose killings they were: one into "the killings" alone accuses no one)
    evs = events("Serbian military police have launched an investigation into the killings by Croat forces.")
    assert "launched" not in [e.trigger.text for e in evs]
    assert top(evs).type == "ACCUSE"


def test_launch_without_a_weapon_is_no_attack(events):
    evs = events("Qatar's emir launched a mediation effort on Saturday between the two states.")
    assert [e.type for e in evs] == ["CONSULT"]


def test_launch_with_a_weapon_is_an_attack(events):
    ev = only(events("Militants launched rockets at the air base on Monday."), "ASSAULT")
    assert ev.trigger.text == "launched"
    assert ev.mode == "heavy-weapons"


def test_imposed_sanctions_is_a_sanction_not_coercion(events):
    evs = events("The United States imposed sanctions on the Taliban on Tuesday.")
    assert [e.type for e in evs] == ["SANCTION"]
    assert [a.name for a in evs[0].source_actors] == ["United States government"]


def test_strike_among_workers_is_a_labour_strike(events):
    evs = events("The teachers' union called off a four-day strike after talks with the government.")
    assert "ASSAULT" not in [e.type for e in evs]
    assert only(evs, "PROTEST").mode == "strike"


def test_multiword_trigger_skips_modifiers(events):
    ev = only(events("Uganda has granted political asylum to 18 Rwandan rebels."), "AID")
    assert ev.trigger.text == "granted political asylum"
    assert ev.cameo == "075"


def test_modifier_words_are_no_events(events):
    evs = events("Inspectors searched for weapons of mass destruction, according to a press release.")
    assert [e.type for e in evs] == []


def test_the_article_is_about_the_attack_not_the_reactions(events):
    evs = events("A car bomb killed five soldiers in Kabul on Sunday. The government condemned the "
                 "attack and urged calm. Officials warned of more violence.")
    main = top(evs)
    assert main.type == "ASSAULT"
    assert [s.text for s in main.evidence] == ["car bomb", "killed", "attack"]
    assert main.date.value == "2024-01-28"


def test_distinct_attacks_on_different_days_stay_distinct(events):
    evs = events("Gunmen attacked a checkpoint in Kandahar on Monday. On Tuesday, a roadside bomb "
                 "struck a convoy in Helmand.", published="2024-01-31")
    assaults = [e for e in evs if e.type == "ASSAULT"]
    assert [e.trigger.text for e in assaults] == ["attacked", "struck"]
    assert [e.date.value for e in assaults] == ["2024-01-29", "2024-01-30"]


def test_coordinated_attackers_are_all_sources(events):
    ev = only(events("Hamas and Islamic Jihad fired rockets at Israel on Monday."), "ASSAULT")
    assert [a.name for a in ev.source_actors] == ["Hamas", "Palestinian Islamic Jihad"]
    assert [a.name for a in ev.target_actors] == ["Israel government"]


def test_a_promise_with_unless_is_an_ultimatum(events):
    evs = events("Nigeria said it will withdraw its peacekeepers from Chad unless a ceasefire is arranged.")
    threat = top(evs)
    assert threat.type == "THREATEN"
    assert threat.trigger.text == "will withdraw"
    withdrawal = [e for e in evs if e.type == "RETREAT" and e.trigger.text == "withdraw"]
    assert [e.status for e in withdrawal] == ["future"]


def test_what_a_demand_asks_for_has_not_happened(events):
    evs = events("The ILO reiterated its demand that Israel ease restrictions on Palestinian workers.")
    assert top(evs).type == "REQUEST"
    assert only(evs, "CONCEDE").status == "hypothetical"


def test_resigning_is_a_retreat(events):
    ev = top(events("Georgian President Eduard Shevardnadze resigned on Sunday."))
    assert (ev.type, ev.cameo) == ("RETREAT", "0833")


def test_sworn_to_fight_is_a_threat_even_when_parsed_as_a_purpose_clause(events):
    # the small model attaches this "to fight" as advcl, not xcomp: the frame reads both
    evs = events("Separatist militias have sworn to fight until they seize control of the border region.")
    assert top(evs).type == "THREATEN"
    assert only(evs, "ASSAULT").status == "hypothetical"


def test_reaching_a_consensus_is_an_agreement(events):
    ev = top(events("Sudan and Ethiopia reached a consensus to share data on the dam."))
    assert (ev.type, ev.trigger.text) == ("AGREE", "reached a consensus")


def test_a_figure_without_a_trigger_opens_an_event_on_its_casualty_word(events):
    evs = events("A 41-year-old fisherman from the coastal town of Mersing died on Tuesday.")
    death = only(evs, "ASSAULT")
    # The trigger is the word that reports the death, the whole figure its evidence: reports of
    # one death are matched on their triggers' words across articles.
    assert death.trigger.text == "died"
    assert [e.text for e in death.evidence] == ["A 41-year-old fisherman from the coastal town of Mersing died"]
    assert death.casualties[0].kind == "killed"


# --- ordinary verbs of political news that are no PLOVER events (issue 14d) ---------------------

def types_of(evs, word):
    return [e.type for e in evs if word in e.trigger.text.lower()]


def test_releasing_documents_is_no_release_but_freeing_prisoners_is(events):
    assert "RETREAT" not in types_of(events("The senator released part of his tax returns on Friday."), "releas")
    assert "RETREAT" not in types_of(events("The video spread quickly after it was released on Tuesday."), "releas")
    assert "RETREAT" not in types_of(events("The only records that the governor released were two letters."),
                                     "releas")
    assert "RETREAT" in types_of(events("The rebels released twelve hostages on Sunday."), "releas")
    assert "RETREAT" in types_of(events("The journalist was released from prison on Monday."), "releas")


def test_sharing_a_belief_or_providing_a_view_is_no_cooperation_or_aid(events):
    assert types_of(events("The two candidates share the belief that schools need more money."), "share") == []
    assert types_of(events("The channel is providing a perspective that viewers rarely hear."), "provid") == []
    assert "COOPERATE" in types_of(events("Jordan agreed to share intelligence with Iraq."), "share")
    assert "AID" in types_of(events("The United Nations provided food and medicine to the refugees."), "provid")
    # pictures and details shown to the public aid no one; handed to a party they may
    assert types_of(events("Detectives provided these photographs of the two men they seek."), "provid") == []
    assert "AID" in types_of(events("Britain is providing satellite images to the Kenyan army."), "provid")
    aid = next(e for e in events("The charity provided food and blankets to the displaced families.") if e.type == "AID")
    assert [a.text for a in aid.target_actors] == ["displaced families"]


def test_a_rule_allowing_something_is_no_concession(events):
    assert types_of(events("The new provision would allow farmers to deduct their losses."), "allow") == []
    assert types_of(events("Lawmakers said the program should be allowed to expire."), "allow") == []
    assert "CONCEDE" in types_of(events("The government allowed aid convoys into the besieged town."), "allow")


def test_backing_an_idea_is_no_support_but_backing_a_party_is(events):
    assert types_of(events("The mayor said he backed the idea of a new stadium."), "back") == []
    assert types_of(events("Several cities support the regulations, the report said."), "support") == []
    assert "SUPPORT" in types_of(events("Russia backed the Syrian government throughout the war."), "back")


def test_questions_in_interviews_are_no_requests(events):
    assert types_of(events("The minister grew angry when he was asked about the budget."), "ask") == []
    assert types_of(events("Reporters asked whether the mayor would run again."), "ask") == []
    assert types_of(events("The ministry did not respond to requests for comment."), "request") == []
    assert "REQUEST" in types_of(events("Kenya asked the United Nations to send peacekeepers."), "ask")


def test_remembering_is_no_recall_of_an_ambassador(events):
    assert types_of(events('A former aide recalled, "He never once raised the issue."'), "recall") == []
    assert types_of(events("The old farmer recalled the winter of the great flood."), "recall") == []
    assert "SANCTION" in types_of(events("Peru recalled its ambassador to Venezuela on Monday."), "recall")


def test_agreeing_with_an_opinion_is_no_agreement(events):
    # (a second sentence with an event, so that the type model, which opens an event only in an
    # article without any, does not read the first)
    assert types_of(events("Most voters agreed with the senator about the tax plan. Police arrested two men "
                           "in the capital."), "agree") == []
    assert types_of(events("Police arrested two men in the capital. Half of the respondents said taxes were too high. "
                           "Most Republicans agreed."), "agree") == []
    assert "AGREE" in types_of(events("The two governments agreed to exchange prisoners next week."), "agree")


def test_plans_of_ordinary_acts_are_no_promises(events):
    evs = events("The candidate plans to join her supporters at the fair on Sunday.")
    assert [e.type for e in evs if e.type == "AGREE"] == []
    evs = events("The rebels pledged to free the hostages.")
    assert "AGREE" in [e.type for e in evs]


def test_meetings_need_parties_meeting_each_other(events):
    assert types_of(events("The proposal was met with opposition from the unions."), "met") == []
    assert types_of(events("The author discussed how ancient cities collapsed."), "discuss") == []
    assert types_of(events("Voters were urged to visit polling places early."), "visit") == []
    assert "CONSULT" in types_of(events("The Iranian foreign minister discussed the crisis with his Turkish "
                                        "counterpart."), "discuss")
    assert "CONSULT" in types_of(events("The Pope visited Iraq in March."), "visit")


def test_metaphors_of_political_fights_are_no_assaults_or_protests(events):
    assert types_of(events("Republicans in Congress will continue their legislative attacks on the rules."),
                    "attack") == []
    assert types_of(events("The campaign will target young voters in the suburbs."), "target") == []
    assert types_of(events("The governor attacked the virus with a lockdown."), "attack") == []
    assert types_of(events("Critics quickly seized on the remark."), "seiz") == []
    assert types_of(events("Thousands of supporters cheered the nominee at a campaign rally in Ohio."), "rally") == []
    # a rally a named person speaks or acts at is a politician's event
    # (and the type model does not reopen as a protest the lead whose rally the rules read)
    assert [e.type for e in events("Speaking at a rally in Dayton, Mark Feller says he will cut taxes.")] == []
    assert types_of(events("At a rally Saturday in Tampa, Mark Feller mocked the governor."), "rally") == []
    assert types_of(events("Councilwoman Ann Reyes spoke during a rally in Erie about the budget, aides said."),
                    "rally") == []
    assert "PROTEST" in types_of(events("At a rally in Lagos on Friday, students chanted against the fuel price."),
                                 "rally")
    # an event noun before a range or a drill names a place or a training, not an event
    assert types_of(events("Deputies were called to a shooting range in Elko on Sunday."), "shooting") == []
    assert "ASSAULT" in types_of(events("Gunmen attacked a police station in the north, killing two officers."),
                                 "attack")
    assert "PROTEST" in types_of(events("Thousands of students rallied in the capital against the new law."),
                                 "rall")


def test_failing_or_declining_to_comment_is_no_refusal(events):
    evs = events("Their first summit had failed to produce any agreement.")
    assert [(e.type, e.trigger.text) for e in evs if e.type == "REJECT"] == []
    assert types_of(events("The interest rate would decline by two points each year."), "declin") == []
    assert types_of(events("Through a spokesman, the senator declined to comment."), "declin") == []
    assert "REJECT" in types_of(events("Serbia declined the invitation to the peace talks."), "declin")


def test_a_guess_about_the_future_is_no_promise(events):
    evs = events("Perhaps the moderators will demand more details.")
    assert [e.type for e in evs if e.type == "AGREE"] == []
    evs = events("Israel will withdraw its troops from the town, the minister said.")
    assert "AGREE" in [e.type for e in evs]


def test_an_attack_on_an_abstract_thing_is_a_figure_of_speech(events):
    # abstract_targets: what a fight, a targeting or a crackdown acts on is no one
    assert types_of(events("The senator has spent years fighting against racism in the state."), "fight") == []
    assert types_of(events("The bill gives targeted tax breaks to farmers."), "target") == []
    assert types_of(events("The governor attacked the budget on Monday."), "attack") == []
    assert types_of(events("The candidate attacked three provisions of the tax law."), "attack") == []
    # people and buildings can be struck
    assert "ASSAULT" in types_of(events("Gunmen attacked the police station on Monday."), "attack")
    assert "ASSAULT" in types_of(events("Gunmen attacked taxis in the city on Monday."), "attack")
    assert "COERCE" in types_of(events("Police cracked down on protesters in the capital."), "crack")


def test_a_hospital_discharge_is_no_release(events):
    assert types_of(events("The driver was released from hospital on Monday."), "releas") == []
    assert "RETREAT" in types_of(events("The journalist was released from prison on Monday."), "releas")


def test_mobilizing_voters_is_a_campaign_not_a_mobilisation(events):
    assert types_of(events("The campaign hopes to mobilize Latino voters in Nevada."), "mobiliz") == []
    assert "MOBILIZE" in types_of(events("The army mobilized troops along the border on Monday."), "mobiliz")


def test_releasing_an_ad_or_descriptions_is_no_release(events):
    assert "RETREAT" not in types_of(events("The Clinton campaign released an ad this week."), "releas")
    assert "RETREAT" not in types_of(events("Police released descriptions of the two suspects on Monday."), "releas")
    assert "RETREAT" in types_of(events("The militia released a group of aid workers on Monday."), "releas")
    assert "RETREAT" in types_of(events("Kidnappers released the Italian engineer on Friday."), "releas")


def test_an_arrest_on_suspicion_of_a_crime_is_an_arrest(events):
    # "suspicion" is no abstract thing attacked: the arrest ON suspicion OF drunk driving stands
    ev = only(events("The team's linebacker Marco Diaz was arrested on suspicion of drunken driving."), "COERCE")
    assert [a.text for a in ev.target_actors] == ["Marco Diaz"]


def test_a_gun_found_by_a_child_is_no_seizure_but_one_found_by_troops_is(events):
    found = events("Police identify the toddler who found a gun under the bed. "
                   "Troops found a cache of rifles in the village on Monday.")
    assert [(e.mode, e.trigger.text) for e in found if e.type == "COERCE"] == [("seize", "found a cache")]



def test_a_pages_list_of_other_headlines_opens_no_events(events):
    story = "Gunmen killed two guards at the bank in Elmwood on Monday, police said. "
    others = ("Three hurt as car hits bus on Main Street Mayor resigns amid probe into city contracts "
              "Police arrest man after robbery at gas station Teens charged in school fight "
              "Protesters march against new parking rules Council to vote on budget next week "
              "Firefighters rescue dog from frozen pond Man shot outside bar in early morning "
              "Storm knocks out power to thousands in the county School board delays start of year "
              "Officer injured in crash during chase Suspect sought in string of burglaries downtown "
              "Library extends weekend hours for students Local bakery wins state award for bread "
              "Bridge repairs to close lanes through Friday ")
    assert len(others) > 600  # no sentence end in it: a scraped page's headline list
    found = events(story + others + "Read more at U.S. News.")
    assert [e.trigger.text for e in found] == ["killed"]
    # the same words told as prose, a sentence each, are events
    prose = ". ".join(["Police arrested a man after a robbery at a gas station",
                       "A man was shot outside a bar in the early morning"]) + "."
    assert {e.type for e in events(prose)} == {"COERCE", "ASSAULT"}


def _triggers(pipeline, make_article, text, keep) -> list[str]:
    """The trigger words of the events printed for ``text`` that ``keep`` holds."""
    return [e.trigger.text for e in pipeline.process(make_article(text, "2024-03-04")).events if keep(e)]


def _typed(pipeline, make_article, *types):
    """A function giving the trigger words of the events of ``types`` printed for a text."""
    return lambda text: _triggers(pipeline, make_article, text, lambda e: e.type in types)


@pytest.mark.parametrize("text, trigger, mode", [
    ("Students staged a sit-in at the university in Lagos on Monday, demanding lower fees.", "sit-in", "demo"),
    ("The two sides agreed to a cease-fire on Sunday.", "cease-fire", None),
    ("A military build-up near the border was reported on Monday.", "build-up", None),
])
def test_hyphenated_triggers_match_the_tokens_they_are_split_into(pipeline, make_article, text, trigger, mode):
    events = pipeline.process(make_article(text, "2024-03-04")).events
    found = next(e for e in events if e.trigger.text == trigger)
    assert mode is None or found.mode == mode


def test_protesters_assembling_or_rallying_is_a_protest(pipeline, make_article):
    protests = _typed(pipeline, make_article, "PROTEST")
    assert protests("Hundreds of demonstrators gathered outside the parliament on Friday to urge an end "
                    "to the war.") == ["gathered"]
    assert protests("Thousands of protesters rallied across the country on Wednesday over the election "
                    "result.") == ["rallied"]
    assert not protests("Supporters of the senator rallied in Ohio on Monday before the election.")
    assert not protests("Mourners gathered in the village on Friday to bury the dead.")


def test_an_idiom_is_read_in_the_triggers_own_phrase_not_in_its_clauses(pipeline, make_article):
    protests = _typed(pipeline, make_article, "PROTEST")
    assert protests("Hundreds marched through the capital on Saturday to demand fair elections.") == ["marched"]
    assert not protests("The senator marched toward the nomination after his win in Ohio.")


def test_a_poll_share_supporting_a_candidate_is_no_act(pipeline, make_article):
    support = _typed(pipeline, make_article, "SUPPORT")
    assert support("In the survey, 47 percent of likely voters support the mayor and 39 percent back "
                   "her rival, while 6 % support the Green candidate.") == []
    assert support("The union endorsed the mayor on Monday.") == ["endorsed"]


def test_a_warning_is_a_threat_only_when_it_warns_of_harm(pipeline, make_article):
    threats = _typed(pipeline, make_article, "THREATEN")
    assert threats("The governor warned that the new stadium would not be a cure for the city's problems.") == []
    assert threats("A neighbour warned police about the man two years ago, she said.") == []
    assert threats("The militia warned that it would strike the port if the blockade continued.") == ["warned"]
    assert threats("The minister warned of serious consequences if the talks failed.") == ["warned"]


def test_it_happened_dates_the_incident_told_before(pipeline, make_article):
    text = ("A woman was taken to hospital from the area near the depot following a shooting. It happened "
            "on Thursday night, February 29th around 7:30 p.m. Police say the woman was shot in a car.")
    events = [e for e in pipeline.process(make_article(text, "2024-03-04")).events if e.type == "ASSAULT"]
    assert events and all(e.date is not None and e.date.value.startswith("2024-02-29") for e in events)


def test_a_meeting_keeps_its_sense_beside_another_verbs_object(pipeline, make_article):
    consult = _typed(pipeline, make_article, "CONSULT")
    assert consult("The president met the Danish premier in the capital and announced an end to the tariffs.") == ["met"]
    assert consult("The company hopes to meet and exceed its sales goals this year.") == []


def test_an_inquiry_into_nothing_named_is_routine(pipeline, make_article):
    def inquiries(text):
        return _triggers(pipeline, make_article, text, lambda e: e.mode == "investigate")
    assert inquiries("Harbour police are investigating after a man was found shot on Monday afternoon.") == []
    assert inquiries("Officers said the investigation is ongoing.") == []
    assert inquiries("The FBI is investigating the senator over his campaign funds.") == ["investigating"]


def test_a_vow_is_a_threat_only_when_it_vows_harm(pipeline, make_article):
    vows = _typed(pipeline, make_article, "THREATEN", "AGREE")
    # a campaign pledge over no party is a stance, no event of either kind
    assert vows("The candidate has vowed to bring back lost factory jobs to the valley.") == []
    assert vows("The governor swore to protect the state constitution at the ceremony.") == []
    assert vows("The militia vowed revenge for the killing of its commander.") == ["vowed"]
    assert vows("The general vowed to crush the rebels in the north.") == ["vowed"]
    # a promise made to someone stays a promise
    assert vows("Norway pledged on Monday to help Ukraine rebuild its power grid.") == ["pledged"]
    # a plan to say something is no promise to anyone; a pledge to say it is
    assert vows("The senator plans to call on students to register before the deadline.") == []
    assert vows("The minister intends to accuse the regulator of negligence in parliament.") == []
    assert vows("The council pledged to back the relief appeal.") == ["pledged"]
    # enrolling people is no agreement
    assert vows("The charity hopes to sign up ten thousand volunteers this winter.") == []


def test_an_arrest_verb_holds_people_not_things(pipeline, make_article):
    arrests = _typed(pipeline, make_article, "COERCE")
    text = "The magazine rounded up a dozen examples of the mayor's false claims. Protesters marched on Friday."
    assert "rounded up" not in arrests(text)
    assert arrests("Soldiers rounded up dozens of villagers in the district on Monday.") == ["rounded up"]


def test_a_politician_attacking_a_whole_people_is_a_war_of_words(pipeline, make_article):
    assaults = _typed(pipeline, make_article, "ASSAULT")
    assert assaults("Hollis spent the year attacking Latinos and immigrants.") == []
    assert assaults("A mob attacked refugees in the town square on Friday night.") == ["attacked"]
    # the attack noun a politician's verb takes, and a pounding with words
    assert assaults("Senator Vale answered with attacks on his opponent.") == []
    assert assaults("The governor has been pounding his rival as a fraud for weeks.") == []
    assert "attacks" in assaults("Militants launched attacks on a police post, killing four officers.")
    assert assaults("Artillery pounded the town overnight.") == ["pounded"]
    # an adverb or an abstract object that makes the attack words
    assert assaults("The senator had verbally attacked the mayor's husband at a fundraiser.") == []
    assert assaults("In his address the governor attacked the ideology of the armed movement.") == []
    assert assaults("Gunmen repeatedly attacked the convoy on the highway.") == ["attacked"]


def test_a_court_or_a_van_that_blocks_is_no_protest(pipeline, make_article):
    protests = _typed(pipeline, make_article, "PROTEST")
    assert protests("The appeals court blocked the company from building the pipeline.") == []
    assert protests("The cyclist was blocked by a white delivery van outside the shop.") == []
    assert protests("Dock workers blocked the port gates on Monday.") == ["blocked"]


def test_meeting_ones_wife_is_no_meeting(pipeline, make_article):
    meetings = _typed(pipeline, make_article, "CONSULT")
    assert meetings("He met his wife, Lena, while climbing in the Alps.") == []
    assert meetings("The envoy met the rebel commander in Doha on Monday.") == ["met"]


def test_in_a_speakers_own_words_he_is_someone_else(events):
    text = ("A 17-year-old boy was shot and killed outside a store on Tuesday. \u201cSome guy ran up behind "
            "the car and he shot five times and killed my cousin,\u201d said Dana Miles, the boy's aunt.")
    for ev in events(text):
        assert "Dana Miles" not in [a.name for a in ev.source_actors]
    ev = only(events("\u201cWe will strike their bases again,\u201d said the militia's spokesman, Abu Karim."), "ASSAULT")
    assert [a.name for a in ev.source_actors] == ["Abu Karim"]


def test_particles_and_idioms_that_make_another_verb(pipeline, make_article):
    def kept(text, type_):
        return _triggers(pipeline, make_article, text, lambda e: e.type == type_)
    assert kept("The activists could not sign into their chat accounts after the internet was cut.", "AGREE") == []
    assert kept("The senator has backed off several of his tax proposals.", "SUPPORT") == []
    assert kept("The senator backed the tax proposal on Monday.", "SUPPORT") == ["backed"]
    assert kept("The mayor made a big deal of the endorsement at the dinner in Ohio.", "AGREE") == []
    assert kept("Iran and the European Union reached a deal on Monday.", "AGREE") == ["reached a deal"]
    assert kept("He will sell it at any cost, even if it kills us. Gunmen killed two guards on Monday.",
                "ASSAULT") == ["killed"]


def test_a_warrant_for_an_arrest_is_no_arrest_and_executing_one_kills_no_one(pipeline, make_article):
    events = pipeline.process(make_article(
        "On Monday the tribunal issued a warrant for the arrest of the former president. Deputies executed "
        "a search warrant at the farm and detained two men.", "2024-03-04")).events
    arrest = next(e for e in events if e.trigger.text == "arrest")
    assert arrest.status == "hypothetical"
    assert [e.trigger.text for e in events if e.type == "ASSAULT"] == []
    assert [e.trigger.text for e in events if e.type == "COERCE" and e.status == "asserted"] == ["detained"]


def test_rejected_and_condemned_over_one_object_is_one_act(pipeline, make_article):
    verbal = _typed(pipeline, make_article, "REJECT", "ACCUSE")
    assert verbal("The prosecutor rejected and condemned the leak of the videos on Tuesday.") == ["condemned"]
    assert verbal("The minister rejected the proposal and condemned the raid.") == ["rejected", "condemned"]


def test_a_people_backing_a_candidate_now_is_a_standing_not_an_act(pipeline, make_article):
    support = _typed(pipeline, make_article, "SUPPORT")
    assert support("Millions of Americans are supporting the governor despite the scandal.") == []
    assert support("Many evangelicals continue to back the senator, the survey found.") == []
    assert support("She is the prototype of the millions of voters supporting the governor.") == []
    assert support("The teachers' union endorsed the governor on Monday.") == ["endorsed"]


def test_a_promise_in_the_present_progressive_to_no_one_is_a_standing_message(pipeline, make_article):
    promises = _typed(pipeline, make_article, "AGREE")
    assert promises("The senator is promising to help mining towns across the state.") == []
    assert promises("The senator promised on Monday to help the mining towns.") == ["promised"]
    assert promises("Iran is offering to swap prisoners with the United States.") != []


def test_the_country_a_verbal_act_is_addressed_to_is_not_where_it_was_done(pipeline, make_article):
    events = pipeline.process(make_article(
        "The senator urged the president on Monday to retaliate against Russia for the hacking.", "2024-03-04")).events
    call = next(e for e in events if e.type == "REQUEST")
    assert call.location is None
    events = pipeline.process(make_article("In Ukraine, the president urged the army to hold the line.", "2024-03-04")).events
    call = next(e for e in events if e.type == "REQUEST")
    assert call.location is not None and call.location.name == "Ukraine"


def test_fired_by_a_company_is_a_dismissal_and_fired_upon_an_attack(pipeline, make_article):
    attacks = _typed(pipeline, make_article, "ASSAULT")
    assert attacks("The clerk had been fired last week by the bakery, police said. He was arrested on "
                   "Monday.") == []
    assert attacks("The patrol was fired upon near the border on Monday.") == ["fired"]
    assert attacks("Shots were fired at the police station on Monday.") == ["fired"]


def test_a_programme_offers_nothing_and_the_one_offered_to_is_no_place(pipeline, make_article):
    def offers(text):
        return [(e.trigger.text, e.location.name if e.location else None)
                for e in pipeline.process(make_article(text, "2024-03-04")).events if e.type == "AGREE"]
    assert offers("For the senator, the talk show proved a safe space, and offered him a platform to say "
                  "whatever he wanted.") == []
    assert offers("Germany offered Ukraine a loan on Monday.") == [("offered", None)]


def test_a_name_word_a_disposition_and_a_state_left_are_no_acts(pipeline, make_article):
    def types(text):
        return [(e.type, e.trigger.text) for e in pipeline.process(make_article(text, "2024-03-04")).events]
    assert ("COERCE", "Ban") not in types("UN chief Ban Ki-moon condemned the test. Later, Ban, a diplomat from "
                                          "South Korea, said the council would act.")
    assert types("We remain open to credible talks with North Korea, the State Department said.") == []
    assert types("We remain committed to supporting the Afghan people, the embassy said.") == []
    assert "arrest" not in [t for _, t in types("The activist was released from house arrest in 2010.")]
    assert ("COERCE", "arrest") in types("Police placed the activist under house arrest on Monday.")


def test_released_after_hospital_care_is_no_release(pipeline, make_article):
    releases = _typed(pipeline, make_article, "RETREAT")
    assert releases("A man was shot on Friday. He was taken to hospital and later released.") == []
    assert releases("The militants seized two aid workers and later released them.") == ["released"]


def test_a_suicide_bomber_is_no_aerial_bomber(events):
    ev = only(events("A suicide bomber blew himself up near the base, killing six soldiers."), "ASSAULT")
    assert ev.mode == "suicide-attack"


def test_a_courts_judgment_and_an_exchange_of_fire_are_events(events):
    # PLOVER SANCTION, mode convict: the court is the source, the one convicted the target
    evs = events("A jury in Denver on Monday convicted Karl Ostrander of fraud.")
    assert [(e.type, e.mode, [a.name for a in e.source_actors], [a.name for a in e.target_actors])
            for e in evs] == [("SANCTION", "convict", ["jury"], ["Karl Ostrander"])]
    assert ("SANCTION", "convict") in [(e.type, e.mode) for e in events("The judge sentenced Ostrander to 20 years.")]
    evs = events("The gunman was killed in a gun battle with deputies on Sunday.")
    assert [(e.type, e.trigger.text) for e in evs] == [("ASSAULT", "gun battle")]


def test_the_town_of_a_hospital_is_where_the_wounded_were_treated_not_where_shot(pipeline, make_article):
    text = ("A 9-year-old boy was shot in the shoulder in Aurora on Friday. His older sister was shot and "
            "underwent surgery at Denver General Hospital.")
    events = [e for e in pipeline.process(make_article(text, "2024-01-29")).events if e.type == "ASSAULT"]
    assert all(e.location is None or e.location.name != "Denver" for e in events), \
        [(e.trigger.text, e.location) for e in events]


def test_a_robbery_is_a_seizure_by_force_and_a_robbed_win_is_none(pipeline, make_article):
    def told(text):
        return [(e.type, e.mode, [a.name for a in e.source_actors])
                for e in pipeline.process(make_article(text, "2024-01-29")).events]
    assert told("Two gunmen robbed a taxi driver of his wallet in Kisumu on Friday.") == \
        [("COERCE", "seize", ["gunmen"])]
    assert told("Supporters said the referee robbed the team of a deserved win on Saturday.") == []


def test_a_police_raid_without_harm_is_a_search_and_arrests(events):
    ev = next(e for e in events("Detectives raided three flats in Leeds on Tuesday and arrested five men.") if e.trigger.text == "raided")
    assert (ev.type, ev.mode) == ("COERCE", "arrest")
    # a raid with shots fired, or made by soldiers, stays an attack
    ev = next(e for e in events("Police raided the farmhouse and killed two gunmen.") if e.trigger.text == "raided")
    assert ev.type == "ASSAULT"
    assert [e.type for e in events("Soldiers raided the village at dawn.")] == ["ASSAULT"]


def test_harm_done_to_oneself_is_no_attack(events):
    evs = events("Last year a retired sergeant shot himself in the parking lot of a clinic in Ohio.")
    assert [e for e in evs if e.type == "ASSAULT"] == [], [(e.trigger.text, e.casualties) for e in evs]


def test_troops_stationed_somewhere_tell_no_deployment(events):
    text = ("The alliance is reviewing its missions. Critics say reform is slow. The review began last year. "
            "About 40,000 soldiers are deployed in nine missions.")
    assert [e for e in events(text) if e.type == "MOBILIZE"] == []


def test_workers_called_on_to_strike_would_stop_work(events):
    evs = events("The union called on workers to strike on Monday.")
    assert [(e.type, e.status) for e in evs if e.trigger.text == "strike"] == [("PROTEST", "hypothetical")]


def test_missiles_fired_into_the_sea_are_a_show_of_force_not_an_attack(events):
    assert [e.type for e in events("The regime fired two missiles into the sea on Monday.")] == ["MOBILIZE"]
    assert [e.type for e in events("Militants fired two rockets at the town on Monday.")] == ["ASSAULT"]


def test_a_pledge_to_impose_sanctions_is_a_threat(events):
    evs = events("The ministers pledged to impose further sanctions on the regime.")
    assert [e.type for e in evs if e.trigger.text == "pledged"] == ["THREATEN"]
    evs = events("The parliament agreed to lift the embargo on medicine sales.")  # an agreement to ease
    assert [e.type for e in evs if e.trigger.text == "agreed"] == ["AGREE"]


def test_a_town_naming_the_hospital_the_hurt_were_flown_to_is_not_the_scene(pipeline, make_article):
    text = "The girl, 6, killed inside a parked van at a mall in Ashford, was flown to a Brixton-area hospital where she died."
    events = [e for e in pipeline.process(make_article(text, "2024-01-29")).events if e.type == "ASSAULT"]
    assert events and all(e.location is None or e.location.name != "Brixton" for e in events), \
        [(e.trigger.text, e.location) for e in events]
    text = "Gunmen stormed a hospital in Mosul on Tuesday, killing five people."
    events = [e for e in pipeline.process(make_article(text, "2024-01-29")).events if e.type == "ASSAULT"]
    assert [e.location.name for e in events if e.location] == ["Mosul"]


def test_a_video_released_by_police_is_no_release_of_people(events):
    evs = events("Footage from inside the shop released by the police: the clerk was hit twice.")
    assert "RETREAT" not in [e.type for e in evs], [(e.type, e.trigger.text) for e in evs]
    evs = events("The families of hostages released by the rebels arrived in the capital.")
    assert "RETREAT" in [e.type for e in evs]


def test_a_place_in_the_sites_name_of_a_page_title_is_no_scene(pipeline, make_article):
    text = ("Two men arrested after raid - KXYZ.com: Fresno, Clovis: News, Weather\n"
            "Two men were arrested in Modesto on Tuesday after a raid on a house.")
    events = [e for e in pipeline.process(make_article(text, "2024-01-29")).events if e.type == "COERCE"]
    assert events and all(e.location is None or e.location.name not in {"Fresno", "Clovis"} for e in events), \
        [(e.trigger.text, e.location) for e in events]


def test_blocking_a_debate_is_no_protest_and_agreeing_what_should_be_is_no_agreement(events):
    assert "PROTEST" not in [e.type for e in events("Denmark has long blocked any debate on a common army.")]
    assert "PROTEST" in [e.type for e in events("Farmers blocked the highway with tractors on Monday.")]
    assert "AGREE" not in [e.type for e in events("The governor agreed that the state's voting rules should be changed.")]
    assert "AGREE" in [e.type for e in events("Chile and Peru agreed that the border dispute should go to arbitration.")]


def test_a_year_that_qualifies_a_noun_is_no_date_to_carry_on(events):
    evs = events("The mayor praised the 2011 water reform. He also accused the council of hiding debts.")
    accusation = next(e for e in evs if e.type == "ACCUSE")
    assert accusation.date is None, accusation.date
    evs = events("Rebels attacked the town of Ruvu on Monday. They also accused the army of looting.")
    assert next(e for e in evs if e.type == "ACCUSE").date is not None


def test_when_a_statement_was_issued_dates_what_it_says(events):
    evs = events("In a statement issued Thursday evening, the senator called the bank's conduct outrageous.",
                 "2024-03-16")
    ev = next(e for e in evs if e.type == "ACCUSE")
    assert ev.date is not None and ev.date.value.startswith("2024-03-14"), ev.date


@pytest.mark.parametrize("text, trigger, event_type, sub_event", [
    # a participle the tagger reads as an adjective, which the lemmatizer leaves whole
    ("Rioters stoned the police station and torched vehicles parked outside it on Friday.", "torched", "ASSAULT", None),
    # a form the rule lemmatizer cuts wrong ("raped" -> "rap")
    ("Police in the district said two teenage girls were raped by armed men on Sunday.", "raped", "ASSAULT",
     "Sexual violence"),
    ("Hundreds of youths looted shops and a fuel depot in the market district overnight.", "looted", "ASSAULT", None),
    # ground taken, told by what was taken: the taker's kind says whose gain it is
    ("Government troops captured a rebel-held village in the hills on Saturday, the army said.",
     "captured a rebel-held village", "ASSAULT", "Government regains territory"),
    ("Army engineers cleared 400 landmines from farmland near the border last month.", "cleared 400 landmines",
     "COERCE", None),
])
def test_triggers_of_looting_rape_ground_taken_and_mines_cleared(pipeline, make_article, text, trigger, event_type,
                                                                 sub_event):
    events = pipeline.process(make_article(text, "2024-03-04")).events
    event = next(e for e in events if e.trigger.text == trigger)
    assert event.type == event_type
    if sub_event:
        assert event.acled is not None and event.acled.sub_event_type == sub_event


def test_capturing_people_is_no_ground_taken(pipeline, make_article):
    events = pipeline.process(make_article("The rebels captured two soldiers near the river on Monday.", "2024-03-04")).events
    assert all(e.cameo != "192" for e in events)


def test_the_triggers_own_adverb_names_its_mode(pipeline, make_article):
    events = pipeline.process(make_article(
        "A guard sexually abused a detainee at the camp in the district on Monday, the commission said.",
        "2024-03-04")).events
    abused = next(e for e in events if e.trigger.text == "abused")
    assert abused.mode == "sexual"
    assert abused.acled is not None and abused.acled.sub_event_type == "Sexual violence"
    plain = pipeline.process(make_article("Guards abused detainees at the camp on Monday, the commission said.",
                                          "2024-03-04")).events
    assert [e.mode for e in plain if e.trigger.text == "abused"] == ["beat"]


def test_deploying_a_device_or_a_method_is_no_mobilisation(pipeline, make_article):
    mobilised = _typed(pipeline, make_article, "MOBILIZE")
    assert mobilised("A deputy deployed a Taser when the man lunged at him, the sheriff said.") == []
    assert mobilised("The airbags deployed when the van struck the barrier.") == []
    assert mobilised("The ministry deployed 2,000 police officers to the port city on Monday.") == ["deployed"]


@pytest.mark.parametrize("text, target", [
    ("The coast guard captured 14 pirates off the coast on Tuesday.", "pirates"),
    ("Police apprehended the fugitive at a bus station in Kisumu.", "fugitive"),
])
def test_capturing_people_is_an_arrest(events, text, target):
    ev = only(events(text), "COERCE")
    assert (ev.mode, ev.cameo) == ("arrest", "173")
    assert target in " ".join(a.text for a in ev.target_actors)
    # an arrest takes people, not ground: never a territory sub-event
    assert "territory" not in (ev.acled.sub_event_type if ev.acled else "")


@pytest.mark.parametrize("text", [
    "Rebels captured Kidal on Sunday.",  # ground, not people
    "The photographer captured the moment the dam burst.",
])
def test_capturing_no_people_is_no_arrest(events, text):
    assert not [e for e in events(text) if e.mode == "arrest"]


@pytest.mark.parametrize("text", [
    "Turkish troops have set up a new observation post near the town.",  # a noun before the post
    "Soldiers set up two new bases in the valley last week.",  # "bases" is no "basis"
])
def test_a_base_or_post_set_up_is_a_base_established(events, text):
    ev = only(events(text), "MOBILIZE")
    assert ev.acled is not None and ev.acled.event_type == "Strategic developments"


@pytest.mark.parametrize("text, diplomacy", [
    ("China condemned Japan's decision to release the water on Tuesday.", True),
    ("Iran rejected the latest French proposal, the foreign ministry said.", True),
    # one state and its own people: no diplomacy
    ("The government condemned the protesters who blocked the highway.", False),
])
def test_an_act_of_one_state_towards_another_is_diplomacy(events, text, diplomacy):
    ev = next(e for e in events(text) if e.type in {"ACCUSE", "REJECT"})
    assert ("diplomacy" in ev.contexts) == diplomacy


@pytest.mark.parametrize("text", [
    "Two workers died when a wall collapsed at a building site on Monday.",
    "Five people were killed when their minibus overturned near the river crossing.",
    "A cyclist is dead after a driver lost control of his van on Friday, police said.",
    "The collision killed three passengers, the rail operator said.",
])
def test_deaths_in_an_accident_are_no_attack(events, text):
    assert [e for e in events(text) if e.type == "ASSAULT"] == []


def test_a_killing_beside_an_accident_word_is_still_an_attack(events):
    ev = only(events("Gunmen killed four passengers after the bus overturned on the road."), "ASSAULT")
    assert [a.text for a in ev.source_actors] == ["Gunmen"]


def test_a_shooting_by_police_with_no_protest_is_no_force_against_protesters(events):
    ev = only(events("The family of a man who was shot by police on Friday is demanding answers."), "ASSAULT")
    assert ev.acled.sub_event_type != "Excessive force against protesters"


def test_tear_gas_fired_at_protesters_is_a_protest_with_intervention(events):
    evs = events("Police fired tear gas to disperse protesters in the capital on Monday.")
    assert {e.acled.sub_event_type for e in evs if e.acled} == {"Protest with intervention"}


def test_who_is_placed_under_arrest_is_the_arrest_target(events):
    ev = only(events("Officers placed two teenagers under arrest at the station on Friday."), "COERCE")
    assert "Officers" in [a.text for a in ev.source_actors]
    assert "teenagers" in " ".join(a.text for a in ev.target_actors)


def test_taken_into_custody_is_an_arrest_of_the_one_named(events):
    text = "Police made an arrest in the killing. Dale Norris, 31, was taken into custody in Perth."
    ev = only(events(text), "COERCE")
    assert ev.mode == "arrest" and [a.name for a in ev.target_actors] == ["Dale Norris"]


def test_a_murder_told_beside_its_arrest_is_no_arrest(events):
    evs = events("Police made an arrest in the double murder of two sisters last weekend.")
    assert all(e.acled is None or e.acled.sub_event_type != "Arrests" for e in evs if e.type == "ASSAULT")
