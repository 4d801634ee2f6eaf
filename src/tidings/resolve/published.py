"""The publication date of an article that carries none, taken from what the article states.

News tells what happened on or before the day it is published, so an undated article is dated by
the latest full date it writes out ("December 3, 2008", "3 Dec 2008"): a date with its day, month
and year, which resolves without any anchor. Relative dates ("Sunday", "last week") cannot date an
article: they need the date being inferred. The article's ``published_inferred`` says the date
was inferred, so a reader (and the merge, in its records' ``method``) can weigh it as such.

An address that carries a date (a URL like ``.../2017/06/05/story``, a file or record id like
``VOA_2017.06.05``) dates the article before anything it states: a story written in 2014 may write
out no date later than the 2013 events it recalls. Web date extractors (htmldate) read URLs the
same way.

Dates in the future of the article ("the trial opens on March 5, 2009") would place it too late;
they are told apart by tense, which the time expressions carry: a date read as looking forward
is not a candidate.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

from spacy.tokens import Doc

from ..extract.times import extract_times, tense_of
from ..extract.times import lexicon as times_lexicon
from ..models import Article, Time

_FULL_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_YEAR = re.compile(r"\b\d{4}\b")


def infer_published(times: Iterable[Time], *, forward: Iterable[Time] = ()) -> date | None:
    """The latest full date among ``times`` (normalized without an anchor), leaving out those in
    ``forward`` (dates the article tells as yet to come); None when it states none. A full date
    is a day-granular value whose text writes the year out: with no anchor nothing else resolves
    to a day, and the check keeps it so if a caller passes times normalized against one."""
    ahead = {(t.start, t.end) for t in forward}
    latest: date | None = None
    for time in times:
        if time.type != "date" or time.value is None or (time.start, time.end) in ahead:
            continue
        m = _FULL_DATE.match(time.value)
        if m is None or not _YEAR.search(time.text):
            continue
        try:
            day = date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:  # an impossible date ("February 30, 2009") dates nothing
            continue
        if latest is None or day > latest:
            latest = day
    return latest


# Year, month and day written together in an address, with any one separator: 2017-06-05,
# 2017/06/05, 2017.06.05, 2017_06_05 (years 1980-2039; no digit right before or after).
_ADDRESS_DATE = re.compile(r"(?<!\d)(19[89]\d|20[0-3]\d)([-/._])(0[1-9]|1[0-2])\2(0[1-9]|[12]\d|3[01])(?!\d)")


def date_in_address(article: Article) -> date | None:
    """The date an article's URL, id or origin writes out (the first of them that has one), if it
    is a real day no later than today."""
    for address in (article.url, article.id, article.origin):
        for m in _ADDRESS_DATE.finditer(address or ""):
            try:
                day = date(int(m[1]), int(m[3]), int(m[4]))
            except ValueError:
                continue
            if day <= date.today():
                return day
    return None


def date_undated(doc: Doc, article: Article, times: list[Time]) -> tuple[Article, list[Time]]:
    """An article given without a publication date takes the date its address writes out, else
    the latest full date it states, marked as inferred, and its time expressions ("Sunday") are
    read again against that date. Dates told as yet to come ("will open on March 5, 2009") are not
    candidates."""
    addressed = date_in_address(article)
    if addressed is not None:
        article = article.model_copy(update={"published": addressed, "published_inferred": True})
        return article, extract_times(doc, addressed)
    lex = times_lexicon()
    forward = [t for t in times
               if (span := doc.char_span(t.start, t.end, alignment_mode="expand")) is not None
               and tense_of(span, lex) == "future"]
    inferred = infer_published(times, forward=forward)
    if inferred is None:
        return article, times
    article = article.model_copy(update={"published": inferred, "published_inferred": True})
    # A day counted from the inferred date ("Friday", "yesterday") may fall before or after the
    # day the article states last (an arrest "Friday", after the shooting of "December 12"): it is
    # that day only when it lands on a date the article writes out ("on Sunday ... on October 11,
    # 2015"); else it keeps the reading it has without an anchor (a weekday, or none). A month
    # and day without a year ("on Dec. 14") take the inferred date's year.
    anchorless = {(t.start, t.end): t for t in times}
    stated = {t.value for t in times if t.value and _FULL_DATE.match(t.value) and _YEAR.search(t.text)}
    reread = []
    for time in extract_times(doc, inferred):
        before = anchorless.get((time.start, time.end))
        counted = before is not None and (before.value is None or before.value.startswith("XXXX-W")) \
            and not _YEAR.search(time.text) and (time.value or "")[:10] not in stated
        reread.append(before if counted else time)
    return article, reread
