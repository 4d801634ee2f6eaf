"""An article given without a publication date takes the latest full date it states, marked as
inferred; relative dates are then read against it."""

from __future__ import annotations

from datetime import date

import pytest

from tidings.models import Article, Time
from tidings.resolve.published import infer_published


def time(text: str, value: str | None, start: int = 0, granularity: str = "day") -> Time:
    return Time(text=text, start=start, end=start + len(text), value=value, type="date",
                granularity=granularity)


def test_the_latest_full_date_dates_the_article():
    times = [time("March 3, 2011", "2011-03-03"), time("March 5, 2011", "2011-03-05", 40),
             time("Sunday", None, 80), time("2010", "2010", 90, "year")]
    assert infer_published(times) == date(2011, 3, 5)


def test_no_full_date_no_inferred_date():
    # A month, a year, a day without a year: none says on which day the article was written.
    times = [time("March 2011", "2011-03", granularity="month"), time("March 3", "XXXX-03-03", 20)]
    assert infer_published(times) is None


def test_a_date_told_as_yet_to_come_is_left_out():
    past, ahead = time("May 2, 2012", "2012-05-02"), time("June 9, 2012", "2012-06-09", 30)
    assert infer_published([past, ahead], forward=[ahead]) == date(2012, 5, 2)


@pytest.mark.parametrize("article_id, text, published, word, value", [
    # a weekday read against the inferred date: the latest Sunday on or before it, a stated day
    ("undated", "A fire destroyed a timber warehouse in Ostrava on Sunday, firefighters said. The owner had "
                "insured it on October 2, 2015, and the fire came on October 11, 2015.",
     date(2015, 10, 11), "Sunday", "2015-10-11"),
    # the arrest came after the stabbing the article dates; counted back from that date it would
    # fall the day before it: it stays a weekday
    ("undated", "A cook was stabbed to death on March 4, 2017, behind a diner in Tilford. "
                "Police arrested a dishwasher on Friday at a bus station.",
     date(2017, 3, 4), "Friday", "XXXX-WXX-5"),
    # an address dates the article before what it recalls
    ("wire_2014.06.04.118", "A court on Monday jailed a man who helped hide the bombers of the April 15, 2013, "
                            "attack. He was arrested on April 19, 2013.",
     date(2014, 6, 4), "Monday", "2014-06-02"),
])
def test_the_pipeline_marks_the_date_inferred_and_reads_weekdays_against_it(pipeline, article_id, text, published,
                                                                             word, value):
    result = pipeline.process(Article(id=article_id, text=text))
    assert result.article.published == published and result.article.published_inferred is True
    assert next(t for t in result.times if t.text == word).value == value


def test_a_given_date_is_kept_and_not_marked(pipeline):
    text = "A fire destroyed a timber warehouse in Ostrava on October 2, 2015."
    result = pipeline.process(Article(id="dated", text=text, published=date(2015, 10, 5)))
    assert result.article.published == date(2015, 10, 5)
    assert result.article.published_inferred is False


def test_a_date_in_an_address():
    from tidings.resolve.published import date_in_address

    assert date_in_address(Article(id="x", text="t", url="https://news.example/2016/09/26/curfew")) == date(2016, 9, 26)
    # no day, a number that only looks like one, a day still to come: no date
    for address in ("story-2016-09", "item 20160926117", "2016-13-01", "2999-01-01"):
        assert date_in_address(Article(id=address, text="t")) is None
