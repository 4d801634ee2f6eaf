"""Within-article links: claimed-only events, statements tied to the verbal events they carry."""

from __future__ import annotations

import pytest

from tidings.pipeline import extract_all

pytestmark = pytest.mark.slow

STORY = (
    "A drone attack on an army base near Deir ez-Zor killed two soldiers on Sunday, the army said. "
    "The Islamic Resistance in Iraq claimed responsibility for the attack in a statement on Telegram. "
    "The group also claimed two rocket attacks on bases in Syria last week. "
    "The Syrian foreign ministry condemned the attack, calling it a violation of sovereignty."
)


@pytest.fixture(scope="module")
def result(nlp):
    from datetime import date

    from tidings.models import Article, article_id_for

    article = Article(id=article_id_for(STORY), text=STORY, published=date(2024, 3, 5))
    return extract_all(nlp(STORY), article)


def test_event_told_by_the_reporter_stays_asserted(result):
    drone = next(e for e in result.events if e.mode == "drone")
    assert drone.status == "asserted"


def test_event_known_only_from_a_claim_is_claimed_and_dated_in_the_past(result):
    rockets = next(e for e in result.events if e.trigger.text == "rocket attacks")
    assert rockets.status == "claimed"
    assert rockets.date is not None and rockets.date.value == "2024-W09"
    claims = [c for c in result.claims if rockets.id in c.event_ids]
    assert claims and claims[0].kind == "claim"


def test_condemnation_statement_and_accuse_event_are_linked(result):
    accuse = next(e for e in result.events if e.type == "ACCUSE")
    statement = next(s for s in result.statements if s.cue.text == "condemned")
    assert accuse.id in statement.event_ids
    assert statement.content.text in [span.text for span in accuse.evidence]


def test_attacks_on_four_bases_are_four_claimed_events(nlp):
    from datetime import date

    from tidings.models import Article, article_id_for

    text = ("BAGHDAD, Feb 5 (Reuters) - The Islamic Resistance in Iraq claimed drone attacks on four bases, "
            "three in Syria and one in Jordan, in a statement on Telegram on Sunday.")
    article = Article(id=article_id_for(text), text=text, published=date(2024, 2, 5))
    result = extract_all(nlp(text), article)
    attacks = [e for e in result.events if e.type == "ASSAULT"]
    assert len(attacks) == 4
    assert len({e.id for e in attacks}) == 4
    assert [e.location.country for e in attacks] == ["SYR", "SYR", "SYR", "JOR"]
    assert {e.status for e in attacks} == {"claimed"}
    claim = next(c for c in result.claims if c.kind == "claim")
    assert set(claim.event_ids) >= {e.id for e in attacks}
