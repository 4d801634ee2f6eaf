"""Claims of responsibility, denials and accusations on wire-style sentences written for these
tests."""

from __future__ import annotations

import pytest

from tidings.extract.actors import extract_actors
from tidings.extract.claims import claim_lexicon, extract_claims
from tidings.models import Event, Span, article_id_for, event_id_for


def claims_of(nlp, text, events=()):
    doc = nlp(text)
    return extract_claims(doc, extract_actors(doc), list(events))


def only(claims):
    assert len(claims) == 1, [(c.kind, c.evidence.text) for c in claims]
    return claims[0]


def assault(text, word, occurrence=0):
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(word, start + 1)
    return Event(id=event_id_for(article_id_for(text), "ASSAULT", start, start + len(word)),
                 type="ASSAULT", trigger=Span(text=word, start=start, end=start + len(word)))


def test_claims_data_is_well_formed():
    lex = claim_lexicon()
    assert "responsibility" in lex.responsibility_nouns
    assert set(lex.accusation_verbs.values()) <= {"dobj", "to", "on"}
    assert lex.negated_fates["reiterate"] == "not_reiterated"
    assert lex.fates["withdraw"] == "withdrawn"


def test_claim_of_responsibility_with_channel_and_event(nlp):
    text = ("A drone hit a US base in Syria on Sunday. The Islamic Resistance in Iraq claimed "
            "responsibility for the drone attack in a statement posted on Telegram.")
    hit = assault(text, "hit")
    attack = assault(text, "attack")
    c = only(claims_of(nlp, text, [hit, attack]))
    assert c.kind == "claim"
    assert c.actor.name == "Islamic Resistance in Iraq"
    assert c.accused is None
    assert c.certainty == "firm"
    assert c.status is None
    assert c.channel.text == "in a statement posted on Telegram"
    assert text[c.channel.start:c.channel.end] == c.channel.text
    assert c.event_ids == [attack.id]  # the object of "responsibility for"
    assert c.evidence.text.startswith("The Islamic Resistance in Iraq claimed")
    assert text[c.evidence.start:c.evidence.end] == c.evidence.text


def test_claimed_the_attack_links_the_articles_assaults(nlp):
    text = "Gunmen stormed a checkpoint near Kirkuk. Islamic State claimed the attack in a video."
    stormed = assault(text, "stormed")
    c = only(claims_of(nlp, text, [stormed]))
    assert (c.kind, c.actor.name, c.channel.text) == ("claim", "Islamic State", "in a video")
    assert c.event_ids == [stormed.id]


def test_said_it_carried_out_is_a_claim(nlp):
    c = only(claims_of(nlp, "The Houthis said they carried out the strike on the tanker."))
    assert (c.kind, c.actor.name, c.certainty) == ("claim", "Houthis", "firm")


def test_denial(nlp):
    c = only(claims_of(nlp, "Hamas denied any involvement in the bombing."))
    assert (c.kind, c.actor.name, c.accused) == ("denial", "Hamas", None)


def test_said_it_was_not_behind_is_a_denial(nlp):
    c = only(claims_of(nlp, "Hezbollah said it was not behind the rocket attack."))
    assert (c.kind, c.actor.name) == ("denial", "Hezbollah")


def test_blamed_the_attack_on(nlp):
    c = only(claims_of(nlp, "Iraqi officials blamed the attack on Kataib Hezbollah."))
    assert c.kind == "accusation"
    assert c.actor.text == "Iraqi officials"
    assert c.accused.name == "Kataib Hezbollah"
    assert c.certainty == "firm"


def test_accused_of(nlp):
    c = only(claims_of(nlp, "The army accused the Taliban of planting the bomb."))
    assert (c.kind, c.accused.name) == ("accusation", "Taliban")


def test_attributed_to(nlp):
    c = only(claims_of(nlp, "The ministry attributed the strike to Israel."))
    assert c.kind == "accusation"
    assert c.accused.text == "Israel"


def test_holds_responsible(nlp):
    c = only(claims_of(nlp, "Iran holds Israel responsible for the strike."))
    assert c.kind == "accusation"
    assert (c.actor.text, c.accused.text) == ("Iran", "Israel")


def test_suspicion_is_a_hedged_accusation(nlp):
    c = only(claims_of(nlp, "Police said they suspect Boko Haram carried out the attack."))
    assert (c.kind, c.accused.name, c.certainty) == ("accusation", "Boko Haram", "hedged")


def test_believed_to_be_behind_is_hedged(nlp):
    c = only(claims_of(nlp, "Officials said the Islamic State group was likely behind the bombing."))
    assert (c.kind, c.certainty) == ("accusation", "hedged")
    assert c.accused.name == "Islamic State"


def test_writers_own_suspicion_is_not_a_claim(nlp):
    # Decided in claims.py: nobody in the text makes this attribution, so no Claim record.
    assert claims_of(nlp, "Suspected Islamist militants carried out the attack on Sunday.") == []
    assert claims_of(nlp, "The attack was blamed on Boko Haram.") == []


def test_withdrawn_claim_keeps_its_record(nlp):
    text = "Islamic State claimed the attack in a video. The group later withdrew its claim."
    c = only(claims_of(nlp, text))
    assert (c.kind, c.actor.name, c.status) == ("claim", "Islamic State", "withdrawn")


def test_not_reiterated_without_an_earlier_claim(nlp):
    c = only(claims_of(nlp, "Kataib Hezbollah did not reiterate its responsibility for the strike."))
    assert (c.kind, c.actor.name, c.status) == ("claim", "Kataib Hezbollah", "not_reiterated")


# --- claimants named through a group noun, nobody as claimant, reported perpetrators ------------


def test_claimant_is_the_name_the_group_noun_introduces(nlp):
    # "Guerrillas of the X movement claimed ...": the claimant is the movement, not "Guerrillas"
    text = "Fighters of the Northern Liberation Front claimed responsibility for the ambush on Tuesday."
    c = only(claims_of(nlp, text))
    assert (c.kind, c.actor.text) == ("claim", "Northern Liberation Front")
    text = "A commando unit, the Black Hand Brigade, claimed responsibility for the bombing."
    assert only(claims_of(nlp, text)).actor.text == "Black Hand Brigade"


def test_passive_claim_names_the_agent(nlp):
    text = "The bombing was claimed by a little-known group, the Black Hand."
    c = only(claims_of(nlp, text))
    assert (c.kind, c.actor.text, c.accused) == ("claim", "Black Hand", None)


def test_no_claimant_means_no_claim(nlp):
    assert claims_of(nlp, "No group has claimed responsibility for the bombing.") == []
    assert claims_of(nlp, "Neither the rebels nor any other organization has claimed "
                          "responsibility for the bombing.") == []


def test_reported_passive_deed_accuses_its_agent(nlp):
    text = "Police said the judge was killed by members of the Red Dawn Brigade."
    c = only(claims_of(nlp, text))
    assert (c.kind, c.actor.text, c.accused.text) == ("accusation", "Police", "Red Dawn Brigade")


def test_according_to_source_accuses_the_doer(nlp):
    text = "The mayor was abducted by rebels on Monday, according to the police."
    c = only(claims_of(nlp, text))
    assert (c.kind, c.actor.text, c.accused.text) == ("accusation", "police", "rebels")
    assert text[c.actor.start:c.actor.end] == "police"


def test_each_conjoined_accused_gets_an_accusation(nlp):
    text = "The opposition blamed the government and the army for the massacre."
    claims = claims_of(nlp, text)
    assert [(c.kind, c.accused.text) for c in claims] == [("accusation", "government"), ("accusation", "army")]
    assert claims[0].evidence == claims[1].evidence


def test_second_conjoined_deed_is_claimed(nlp):
    text = "The rebels said they seized the town hall and burned the police station."
    assert [(c.kind, c.actor.text) for c in claims_of(nlp, text)] == [("claim", "rebels")]


def test_claim_date_is_the_day_of_the_claim_not_of_the_attack(nlp):
    from datetime import date

    from tidings.extract.times import extract_times

    text = "On Tuesday the Black Hand Brigade claimed responsibility for Sunday's bombing in a statement."
    doc = nlp(text)
    times = extract_times(doc, date(2024, 1, 31))
    c = only(extract_claims(doc, extract_actors(doc), [], times))
    assert (c.date.text, c.date.value) == ("Tuesday", "2024-01-30")
    text = "The Black Hand Brigade claimed responsibility for Sunday's bombing."
    doc = nlp(text)
    c = only(extract_claims(doc, extract_actors(doc), [], extract_times(doc, date(2024, 1, 31))))
    assert c.date is None


def test_habitual_or_unmade_claims_are_no_claims(nlp):
    assert claims_of(nlp, "The group rarely claims responsibility for its attacks.") == []
    assert claims_of(nlp, "The militia has not claimed responsibility for the bombing.") == []
    assert claims_of(nlp, "The rebels could claim responsibility for the ambush.") == []


def test_responsibility_for_no_act_of_violence_is_no_claim(nlp):
    assert claims_of(nlp, "The minister took responsibility for her decision to resign.") == []


def test_a_speakers_own_forces_make_a_claim_not_an_accusation(nlp):
    claim = only(claims_of(nlp, "The defence ministry said its forces struck a weapons depot near the border."))
    assert claim.kind == "claim"
    assert claim.accused is None
    assert "ministry" in claim.actor.text


def test_denial_of_accusations(nlp):
    claim = only(claims_of(nlp, "Tehran denied the accusations on Monday."))
    assert claim.kind == "denial"


def test_accusation_links_to_an_attack_of_unknown_doer_not_to_the_accusers_own_strike(nlp, make_article):
    from tidings.pipeline import extract_all

    text = ("Army jets bombed the village of Tal Hamid on Sunday. A bomb exploded at a checkpoint on "
            "Monday, killing two soldiers. The army blamed the rebels for the attack.")
    result = extract_all(nlp(text), make_article(text, "2024-01-29"))
    accusation = only([c for c in result.claims if c.kind == "accusation"])
    linked = [e.trigger.text for e in result.events if e.id in accusation.event_ids]
    assert "bombed" not in linked
    assert any(t in linked for t in ("exploded", "bomb", "killing"))


def test_reported_deed_links_to_the_event_its_verb_tells(nlp):
    text = "The minister said that members of the army massacred six farmers near the river."
    massacred = assault(text, "massacred")
    c = only(claims_of(nlp, text, [massacred]))
    assert (c.kind, c.accused.name) == ("accusation", "army")
    assert c.event_ids == [massacred.id]


def test_conjunct_after_an_apposition_is_accused_too(nlp):
    text = "We blame the Red Party, the regime of Ortega, and its armed forces for this cowardly assassination."
    accused = [c.accused.text for c in claims_of(nlp, text)]
    assert accused == ["Red Party", "its armed forces"]


def test_wanted_owed_or_non_violent_deeds_are_no_claims(nlp):
    assert claims_of(nlp, "I do not want to assume a leading role in the talks, Garcia said.") == []
    assert claims_of(nlp, "The rebels must accept their responsibility, the president said.") == []
    assert claims_of(nlp, "The commander said he was carrying out his duties impartially.") == []


def test_armed_body_reporting_its_unnamed_units_deed_claims_it(nlp):
    c = only(claims_of(nlp, "The Red Liberation Front reported that urban commando units attacked the police headquarters."))
    assert (c.kind, c.actor.text, c.accused) == ("claim", "Red Liberation Front", None)


def test_police_reporting_the_other_sides_fighters_accuse_them(nlp):
    c = only(claims_of(nlp, "Police said that guerrillas attacked the police headquarters on Thursday."))
    assert (c.kind, c.accused.text) == ("accusation", "guerrillas")


def test_according_to_on_the_main_verb_accuses_the_doer_of_a_relative_clause(nlp):
    text = "The mayor of Achi, who was kidnapped on Monday by Red Front guerrillas, was found dead, according to the police."
    c = only(claims_of(nlp, text, [assault(text, "kidnapped")]))
    assert (c.kind, c.actor.text, c.accused.text) == ("accusation", "police", "Red Front guerrillas")
    assert c.event_ids == [assault(text, "kidnapped").id]


@pytest.mark.parametrize("text, claimant", [
    ("Militants attacked a police post in Bannu on Monday, killing two officers. The Pakistani "
     "Taliban claimed responsibility for the attack.", "Tehrik-i-Taliban Pakistan"),
    ("A suicide bomber killed 12 people at a mosque in Peshawar on Friday. Islamic State claimed "
     "responsibility for the bombing.", "Islamic State"),
    ("Gunmen stormed a hotel in Mogadishu on Saturday. Al-Shabaab claimed the attack.", "Al-Shabaab"),
])
def test_a_claim_ties_to_an_attack_whose_doers_are_only_described(pipeline, make_article, text, claimant):
    """"gunmen", "militants", "a suicide bomber" name no group: the group that claims the attack
    may be them, so the claim is tied to it and the claimant is a perpetrator of the record."""
    result = pipeline.process(make_article(text))
    (attack,) = result.events
    (claim,) = result.claims
    assert claim.event_ids == [attack.id]
    assert claimant in [a.name for a in attack.source_actors]


def test_a_claim_is_not_tied_to_an_attack_a_named_other_group_did(pipeline, make_article):
    result = pipeline.process(make_article(
        "Hamas militants fired rockets at Sderot on Monday. Islamic Jihad claimed the attack."))
    (claim,) = result.claims
    assert claim.event_ids == []


def test_a_bare_denial_is_about_what_was_just_blamed(pipeline, make_article):
    result = pipeline.process(make_article(
        "A drone struck a base in Anbar on Sunday, killing two soldiers. The United States blamed "
        "Iran-backed militias for the attack. Iran denied any involvement."))
    (attack,) = [e for e in result.events if e.type == "ASSAULT"]
    (denial,) = [c for c in result.claims if c.kind == "denial"]
    assert denial.event_ids == [attack.id]


def test_a_denial_of_its_own_matter_is_not_tied_to_the_attack_before(pipeline, make_article):
    result = pipeline.process(make_article(
        "A drone struck a base in Anbar on Sunday, killing two soldiers. The United States blamed "
        "Iran-backed militias for the attack. The ministry denied any involvement in the contract dispute."))
    assert all(c.event_ids == [] for c in result.claims if c.kind == "denial")
