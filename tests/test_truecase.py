"""All-capitals articles are parsed from a truecased copy; every span still quotes the article."""

from __future__ import annotations

import pytest

from tidings.truecase import is_all_caps, truecase

CAPS = ("GUERRILLAS OF THE FARABUNDO MARTI NATIONAL LIBERATION FRONT "
        "ATTACKED A POLICE STATION IN USULUTAN TODAY, KILLING TWO POLICEMEN. A MILITARY SPOKESMAN IN "
        "SAN SALVADOR "
        "SAID THE REBELS FIRED MORTARS AT THE BUILDING BEFORE DAWN AND FLED TOWARD THE HILLS.")


def test_all_caps_is_recognised_and_truecasing_keeps_the_length():
    assert is_all_caps(CAPS)
    assert not is_all_caps(CAPS.capitalize())
    assert not is_all_caps("NATO AND THE UN MET.")  # too short to judge: a headline
    cased = truecase(CAPS)
    assert len(cased) == len(CAPS)
    assert "Farabundo Marti National Liberation Front" in cased
    assert " attacked a police station " in cased


@pytest.mark.slow
def test_an_all_caps_article_reads_like_a_cased_one(pipeline, make_article):
    result = pipeline.process(make_article(CAPS, "1990-03-03"))
    for actor in result.actors:
        assert CAPS[actor.start:actor.end] == actor.text  # spans quote the article as given
    attack = next(e for e in result.events if e.type == "ASSAULT" and e.trigger.text == "ATTACKED")
    assert [a.text for a in attack.source_actors] == ["GUERRILLAS"]
    assert any(a.registry_id == "fmln" for a in result.actors)
    assert [s.text for s in attack.physical_targets] == ["POLICE STATION"]
