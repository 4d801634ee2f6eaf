"""Time expressions, normalized to TIMEX3-style values against the publication date.

Candidates are the model's DATE and TIME entities, reshaped to the extent TimeML would mark
("about five hours" -> "five hours", "between 1994 and 1997" -> two expressions, "Sunday" +
"morning" -> "Sunday morning"), plus a few words the model rarely tags ("now", "recently").
dateparser is never run over raw text: it invents dates ("We" -> Wednesday, "Tower 22" -> 22
January); see ENVIRONMENT.md.

Normalization is a small grammar over tokens. Every token of a candidate is classified with the
lexicon in ``data/times.yaml`` (month, weekday, unit, number, relative word, ...); the classified
words are gathered into ``Parts`` (year, month, day, unit with its count, ...) and ``read_parts``
reads the value off them, against the anchor (publication date) and the tense of the sentence:
"Sunday" is the latest Sunday on or before the anchor, unless the sentence looks forward ("will
meet on Sunday" -> the next Sunday). Without an anchor, relative expressions keep ``value=None``
and calendar expressions without a year are underspecified ("XXXX-10-07"); no date is made up.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from typing import Literal

import yaml
from spacy.tokens import Doc, Span, Token

from ..config import DATA_DIR
from ..models import Granularity, Time, TimeType

LEXICON_PATH = DATA_DIR / "times.yaml"
Tense = Literal["past", "present", "future"]

# Word kinds produced by ``classify_token``.
MONTH, WEEKDAY, PART, SEASON, UNIT, NUMBER, ORDINAL, RELATIVE = (
    "month", "weekday", "part", "season", "unit", "number", "ordinal", "relative")
DEICTIC, AGO, SET_QUANTIFIER, SET_WORD, REFERENCE, MODIFIER, YEAR, DECADE, CLOCK, MERIDIEM = (
    "deictic", "ago", "set_quantifier", "set_word", "reference", "modifier", "year", "decade",
    "clock", "meridiem")
THE, OTHER = "the", "other"
# Kinds that make a candidate a time expression at all; a span of only OTHER/NUMBER/THE words
# ("44", an age, or "Olympic") is not one.
TEMPORAL_KINDS = frozenset({MONTH, WEEKDAY, PART, SEASON, UNIT, DEICTIC, SET_WORD, REFERENCE, YEAR,
                            DECADE, CLOCK})
# Words skipped by the grammar: they carry no value of their own, and do not end a run of number
# words ("a couple of weeks", "Oct. 7, 2023").
FILLERS = frozenset({"of", "in", "on", "at", "-", ",", "'s", "'", "’s", "."})
# Tokens that do not count as the word before the next one ("30-second": "second" follows "30").
JOINERS = frozenset({"-", ","})
ENTITY_LABELS = frozenset({"DATE", "TIME"})
TRAILING_JUNK = frozenset({",", ".", ":", ";", "'s", "’s", "and", "or", "-", "--", "(", ")"})

_CLOCK = re.compile(r"^(\d{1,2})[:.](\d{2})$")
_DECADE = re.compile(r"^(1\d|20)(\d)0s$")
_SHORT_DECADE = re.compile(r"^'?(\d)0s$")
_ORDINAL_DAY = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)$")


@dataclass(frozen=True)
class Lexicon:
    """The tables of ``data/times.yaml``, loaded once."""

    months: dict[str, int]
    weekdays: dict[str, int]
    parts_of_day: dict[str, str]
    day_modifiers: dict[str, str]
    clock_words: dict[str, str]
    meridiems: dict[str, int]
    seasons: dict[str, str]
    season_starts: dict[str, int]
    units: dict[str, str]
    numbers: dict[str, int | str]
    ordinals: dict[str, int]
    relatives: dict[str, int]
    deictic_days: dict[str, int]
    ago_words: dict[str, int]
    set_quantifiers: frozenset[str]
    set_words: dict[str, str]
    references: dict[str, str]
    standalone: dict[str, frozenset[str]]
    standalone_phrases: tuple[tuple[str, ...], ...]
    leading_trims: frozenset[str]
    separators: frozenset[str]
    general_today_nouns: frozenset[str]
    future_verbs: frozenset[str]
    future_auxiliaries: frozenset[str]


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """Read ``data/times.yaml`` once; keys are lower-cased so the file may use any case."""
    raw = yaml.safe_load(LEXICON_PATH.read_text(encoding="utf-8"))

    def table(name: str) -> dict:
        return {str(key).lower(): value for key, value in raw[name].items()}

    def words(name: str) -> frozenset[str]:
        return frozenset(str(word).lower() for word in raw[name])

    return Lexicon(
        months=table("months"), weekdays=table("weekdays"), parts_of_day=table("parts_of_day"),
        day_modifiers=table("day_modifiers"), clock_words=table("clock_words"),
        meridiems=table("meridiems"), seasons=table("seasons"), season_starts=raw["season_starts"],
        units=table("units"), numbers=table("numbers"), ordinals=table("ordinals"),
        relatives=table("relatives"), deictic_days=table("deictic_days"),
        ago_words=table("ago_words"), set_quantifiers=words("set_quantifiers"),
        set_words=table("set_words"), references=table("references"),
        standalone={word.lower(): frozenset(tags) for word, tags in raw["standalone"].items()},
        standalone_phrases=tuple(tuple(p) for p in raw["standalone_phrases"]),
        leading_trims=words("leading_trims"), separators=words("separators"),
        general_today_nouns=words("general_today_nouns"), future_verbs=words("future_verbs"),
        future_auxiliaries=words("future_auxiliaries"),
    )


# --- classification ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Word:
    """One token of a candidate, classified: ``kind`` is one of the kinds above."""

    kind: str
    value: int | str | tuple[int, int] | None
    text: str


def classify_token(lower: str, previous: Word | None, lex: Lexicon) -> Word:
    """What one lower-cased token means in a time expression. Order matters where a word is
    ambiguous: "second" is a unit after a number ("30 second") and an ordinal otherwise."""
    if lower == "second" and previous is not None and previous.kind == NUMBER:
        return Word(UNIT, "S", lower)
    if lower == "past" and previous is not None and previous.kind == THE:
        # "the past three years" reads "past" as a direction; a bare "the past" is a reference,
        # which read_parts recovers when no unit follows.
        return Word(RELATIVE, -1, lower)
    if lower[:1].isdigit() or lower[:1] == "'":
        return classify_number_token(lower, previous)
    for kind, table in (
        (MONTH, lex.months), (WEEKDAY, lex.weekdays), (PART, lex.parts_of_day),
        (SEASON, lex.seasons), (UNIT, lex.units), (ORDINAL, lex.ordinals),
        (NUMBER, lex.numbers), (RELATIVE, lex.relatives), (DEICTIC, lex.deictic_days),
        (AGO, lex.ago_words), (SET_WORD, lex.set_words), (REFERENCE, lex.references),
        (MODIFIER, lex.day_modifiers), (CLOCK, lex.clock_words), (MERIDIEM, lex.meridiems),
    ):
        if lower in table:
            return Word(kind, table[lower], lower)
    if lower in lex.set_quantifiers:
        return Word(SET_QUANTIFIER, None, lower)
    if lower == "the":
        return Word(THE, None, lower)
    return Word(OTHER, None, lower)


def classify_number_token(lower: str, previous: Word | None) -> Word:
    """Digits: a year ("1998"), a decade ("1990s", "'90s"), a clock time ("10:35"), a day of the
    month ("7th") or a plain number."""
    if lower.isdigit():
        number = int(lower)
        if len(lower) == 4 and 1000 <= number <= 2199:
            return Word(YEAR, number, lower)
        return Word(NUMBER, number, lower)
    if match := _CLOCK.match(lower):
        hour, minute = int(match.group(1)), int(match.group(2))
        if hour <= 24 and minute < 60:
            return Word(CLOCK, f"{hour:02d}:{minute:02d}", lower)
    if match := _DECADE.match(lower):
        return Word(DECADE, match.group(1) + match.group(2), lower)
    if (match := _SHORT_DECADE.match(lower)) and (lower[0] == "'" or (previous and previous.text == "'")):
        # "the '90s": the century is the one the digit most likely means in news copy.
        digit = match.group(1)
        return Word(DECADE, ("19" if digit >= "3" else "20") + digit, lower)
    if match := _ORDINAL_DAY.match(lower):
        return Word(ORDINAL, int(match.group(1)), lower)
    if lower.replace(",", "").isdigit():
        return Word(NUMBER, int(lower.replace(",", "")), lower)
    return Word(OTHER, None, lower)


def classify(tokens: Span | list[Token], lex: Lexicon) -> list[Word]:
    words: list[Word] = []
    previous: Word | None = None
    for token in tokens:
        word = classify_token(token.lower_, previous, lex)
        words.append(word)
        if word.text not in JOINERS:
            previous = word
    return words


def is_temporal(words: list[Word]) -> bool:
    return any(w.kind in TEMPORAL_KINDS for w in words)


# --- parts: the classified words gathered into slots ----------------------------------------------


@dataclass
class Parts:
    """What a candidate says, slot by slot. ``count`` is the number before ``unit`` ("three" in
    "three months"; "X" for "several"); ``relative`` the direction word (-1 last, 0 this, +1 next)."""

    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None
    part: str | None = None
    clock: str | None = None
    meridiem: int | None = None
    season: str | None = None
    decade: str | None = None
    quarter: int | None = None
    half: int | None = None
    unit: str | None = None
    unit_plural: bool = False
    count: int | str | None = None
    relative: int | None = None
    relative_word: str | None = None
    deictic: int | None = None
    deictic_word: str | None = None
    ago: int | None = None
    set_quantifier: bool = False
    set_value: str | None = None
    reference: str | None = None
    modifier: str | None = None
    the: bool = False
    numbers: list[int | str] = field(default_factory=list)


def gather(words: list[Word]) -> Parts:
    """Fill the slots in reading order. Runs of number words are combined ("twenty four" -> 24,
    "a few" -> X) and attach to the unit or month next to them."""
    parts = Parts()
    pending_number: int | str | None = None
    pending_article = False  # the pending number is an "a"/"an", which a following number replaces
    pending_ordinal: int | None = None
    for word in words:
        kind, value = word.kind, word.value
        if word.text in FILLERS:
            continue
        if kind == NUMBER:
            if pending_article:
                pending_number = None  # "a few" is few, "a couple" two, "a hundred" a hundred
            pending_number = combine_numbers(pending_number, value)
            pending_article = word.text in ("a", "an")
            continue
        pending_article = False
        if kind == ORDINAL:
            pending_ordinal = value
            continue
        if kind == UNIT:
            if value == "Q" and pending_ordinal is not None:
                parts.quarter = pending_ordinal
            elif value == "HALF" and pending_ordinal is not None:
                parts.half = pending_ordinal
            elif parts.unit is None or parts.count is None:
                parts.unit = value
                parts.unit_plural = word.text.endswith("s")
                parts.count = pending_number
            pending_number = pending_ordinal = None
            continue
        if kind == MONTH:
            parts.month = value
            if pending_number is not None and isinstance(pending_number, int) and 1 <= pending_number <= 31:
                parts.day = pending_number  # "28 January"
            elif pending_ordinal is not None:
                parts.day = pending_ordinal  # "7th October"
            pending_number = pending_ordinal = None
            continue
        if pending_number is not None:
            flush_number(parts, pending_number, kind)
            pending_number = None
        if pending_ordinal is not None and parts.month is not None and parts.day is None:
            parts.day = pending_ordinal  # "October 7th"
        pending_ordinal = None
        if kind == MERIDIEM and parts.numbers and parts.clock is None:
            hour = parts.numbers.pop()
            if isinstance(hour, int) and 1 <= hour <= 12:
                parts.clock = f"{hour % 12 + value:02d}:00"
        elif kind == MERIDIEM and parts.clock is not None:
            hour, minute = parts.clock.split(":")
            parts.clock = f"{int(hour) % 12 + value:02d}:{minute}"
        else:
            assign(parts, word)
    if pending_number is not None:
        flush_number(parts, pending_number, None)
    if pending_ordinal is not None and parts.month is not None and parts.day is None:
        parts.day = pending_ordinal
    return parts


def combine_numbers(before: int | str | None, value: int | str | None) -> int | str | None:
    """Add up a run of number words: "twenty" "four" -> 24, "a" "hundred" -> 100, "a" "few" -> X."""
    if value == "X" or before == "X":
        return "X"
    if before is None:
        return value
    if isinstance(value, int) and value in (100, 1000, 12) and isinstance(before, int) and before < value:
        return before * value
    if isinstance(before, int) and isinstance(value, int):
        return before + value
    return value


def flush_number(parts: Parts, number: int | str, next_kind: str | None) -> None:
    """A number not followed by a unit or month: the day after a month ("Oct. 7"), or a bare
    number kept for a clock ("10" before "a.m.")."""
    if parts.month is not None and parts.day is None and isinstance(number, int) and 1 <= number <= 31:
        parts.day = number
    else:
        parts.numbers.append(number)


def assign(parts: Parts, word: Word) -> None:
    kind, value = word.kind, word.value
    if kind == YEAR:
        parts.year = value
    elif kind == WEEKDAY:
        parts.weekday = value
    elif kind == PART:
        parts.part = value
    elif kind == CLOCK:
        parts.clock = value
    elif kind == SEASON:
        parts.season = value
    elif kind == DECADE:
        parts.decade = value
    elif kind == RELATIVE:
        parts.relative, parts.relative_word = value, word.text
    elif kind == DEICTIC:
        parts.deictic, parts.deictic_word = value, word.text
    elif kind == AGO:
        parts.ago = value
    elif kind == SET_QUANTIFIER:
        parts.set_quantifier = True
    elif kind == SET_WORD:
        parts.set_value = value
    elif kind == REFERENCE:
        parts.reference = value
    elif kind == MODIFIER:
        parts.modifier = value
    elif kind == THE:
        parts.the = True


# --- reading a value off the parts ----------------------------------------------------------------


@dataclass(frozen=True)
class Reading:
    value: str | None
    type: TimeType = "date"


UNREAD = Reading(None)  # a time expression whose value the grammar cannot tell: kept, value null

DATE_UNITS = {"D": "D", "W": "W", "M": "M", "Y": "Y", "WE": "WE"}
CLOCK_UNITS = {"H": "H", "MIN": "M", "S": "S"}
SCALED_UNITS = {"DE": ("Y", 10), "CE": ("Y", 100), "FN": ("W", 2), "Q": ("M", 3)}
VAGUE_UNITS = {"D": "D", "W": "W", "M": "M", "Y": "Y", "DE": "DE", "CE": "CE", "H": "H",
               "MIN": "M", "Q": "Q", "WE": "WE", "FN": "W", "S": "S"}


def read_parts(parts: Parts, anchor: date | None, tense: Tense) -> Reading:
    """The TIMEX3 value the parts spell, most specific reading first."""
    if parts.set_quantifier or parts.set_value:
        return read_set(parts)
    if parts.clock is not None or (parts.part is not None and parts.weekday is None
                                   and parts.deictic is None and parts.month is None):
        return read_time_of_day(parts, anchor, tense)
    if parts.decade is not None:
        return Reading(parts.decade)
    if parts.year is not None:
        return read_with_year(parts)
    if parts.month is not None:
        return read_month(parts, anchor, tense)
    if parts.quarter is not None or parts.half is not None:
        return read_quarter(parts, anchor, tense)
    if parts.deictic is not None:
        return with_part(shift_days(anchor, parts.deictic), parts, deictic=parts.deictic_word)
    if parts.weekday is not None:
        return with_part(resolve_weekday(parts.weekday, parts.relative, anchor, tense), parts)
    if parts.unit is not None and parts.ago is not None:
        return read_ago(parts, anchor)
    if parts.unit is not None:
        return read_unit(parts, anchor, tense)
    if parts.season is not None:
        return read_season(parts, anchor, tense)
    if parts.reference is not None:
        return Reading(parts.reference)
    if parts.relative_word in ("past", "current"):
        return Reading("PAST_REF" if parts.relative_word == "past" else "PRESENT_REF")
    return UNREAD


def read_set(parts: Parts) -> Reading:
    """ "weekly" -> P1W; "every Monday" -> XXXX-WXX-1; "each year" -> P1Y; "every July" -> XXXX-07."""
    if parts.set_value is not None:
        return Reading(parts.set_value, "set")
    if parts.weekday is not None:
        suffix = f"T{parts.part}" if parts.part else ""
        return Reading(f"XXXX-WXX-{parts.weekday}{suffix}", "set")
    if parts.month is not None:
        return Reading(f"XXXX-{parts.month:02d}", "set")
    if parts.unit is not None:
        count = parts.count if isinstance(parts.count, int) else 1
        return Reading(duration_value(parts.unit, count), "set")
    if parts.part is not None:
        return Reading(f"XXXX-XX-XXT{parts.part}", "set")  # "every morning"
    return Reading(None, "set")


def read_time_of_day(parts: Parts, anchor: date | None, tense: Tense) -> Reading:
    """ "10:35 a.m." / "noon Thursday" / "this morning" / "last night": a date and a time of day."""
    day: str | None
    if parts.deictic is not None:
        day = shift_days(anchor, parts.deictic)
    elif parts.month is not None and parts.day is not None:
        day = calendar_day(parts, anchor, tense)
    elif parts.weekday is not None:
        day = resolve_weekday(parts.weekday, parts.relative, anchor, tense)
    elif parts.relative == -1 and parts.part == "NI":
        day = shift_days(anchor, -1)  # "last night" is the night before the anchor
    elif anchor is not None and (parts.relative in (None, 0)):
        day = anchor.isoformat()  # "this morning", "10 a.m.": the day of the report
    else:
        day = None
    time_part = parts.clock if parts.clock is not None else parts.part
    if time_part is None:
        return UNREAD
    if day is None:
        return Reading(f"XXXX-XX-XXT{time_part}", "time") if anchor is None else UNREAD
    return Reading(f"{day}T{time_part}", "time")


def read_with_year(parts: Parts) -> Reading:
    """Calendar expressions that name their year: no anchor needed."""
    year = parts.year
    if parts.month is not None and parts.day is not None:
        return with_part(calendar_day(parts, None, "present"), parts)
    if parts.month is not None:
        return Reading(f"{year:04d}-{parts.month:02d}")
    if parts.quarter is not None and 1 <= parts.quarter <= 4:
        return Reading(f"{year:04d}-Q{parts.quarter}")
    if parts.half is not None and 1 <= parts.half <= 2:
        return Reading(f"{year:04d}-H{parts.half}")
    if parts.season is not None:
        return Reading(f"{year:04d}-{parts.season}")
    return Reading(f"{year:04d}")


def read_month(parts: Parts, anchor: date | None, tense: Tense) -> Reading:
    """ "Oct. 7", "last October", "October": the year comes from the anchor, the relative word and
    the tense (see ``resolve_year``)."""
    if parts.day is not None:
        return with_part(calendar_day(parts, anchor, tense), parts)
    if anchor is None:
        return UNREAD if parts.relative is not None else Reading(f"XXXX-{parts.month:02d}")
    year = resolve_year(parts.month, None, parts.relative, anchor, tense)
    return Reading(f"{year:04d}-{parts.month:02d}")


def calendar_day(parts: Parts, anchor: date | None, tense: Tense) -> str | None:
    """The day of a month and day ("Oct. 7"), with its year named, resolved, or left as XXXX."""
    month, day = parts.month, parts.day
    if not valid_day(month, day):
        return None
    if parts.year is not None:
        year = f"{parts.year:04d}"
    elif anchor is None:
        if parts.relative is not None:
            return None
        year = "XXXX"
    else:
        year = f"{resolve_year(month, day, parts.relative, anchor, tense):04d}"
    return f"{year}-{month:02d}-{day:02d}"


def resolve_year(month: int, day: int | None, relative: int | None, anchor: date, tense: Tense) -> int:
    """The year of a month (and day) named without one. "last October" is the latest October
    before the anchor's month, "next October" the first after it. A bare "Oct. 7" is the nearest
    one, not after the anchor in a past-tense sentence nor before it in a future one."""
    key = (month, day or 0)
    anchor_key = (anchor.month, anchor.day if day else 0)
    if relative == -1:
        return anchor.year if key < anchor_key else anchor.year - 1
    if relative == 1:
        return anchor.year if key > anchor_key else anchor.year + 1
    if relative == 0:
        return anchor.year
    candidates = [anchor.year - 1, anchor.year, anchor.year + 1]
    if tense == "past":
        candidates = [y for y in candidates if (y, *key) <= (anchor.year, *anchor_key)]
    elif tense == "future":
        candidates = [y for y in candidates if (y, *key) >= (anchor.year, *anchor_key)]
    anchor_index = anchor.year * 12 + anchor.month
    return min(candidates, key=lambda y: (abs(y * 12 + month - anchor_index), -y))


def read_quarter(parts: Parts, anchor: date | None, tense: Tense) -> Reading:
    """ "the third quarter" / "fourth-quarter" / "this year's third quarter" / "the first half"."""
    if parts.quarter is not None:
        number, letter, months = parts.quarter, "Q", 3
    else:
        number, letter, months = parts.half, "H", 6
    if not 1 <= number <= 12 // months:
        return UNREAD
    if anchor is None:
        return Reading(f"XXXX-{letter}{number}") if parts.relative is None else UNREAD
    year = anchor.year
    if parts.unit == "Y" and parts.relative is not None:
        year += parts.relative  # "last year's fourth quarter"
    elif parts.unit == "Y" and parts.ago is not None:
        year -= 1  # "the year-earlier third quarter"
    elif tense != "future" and (number - 1) * months + 1 > anchor.month:
        year -= 1  # a quarter that has not begun yet is last year's in a report of results
    return Reading(f"{year:04d}-{letter}{number}")


def read_ago(parts: Parts, anchor: date | None) -> Reading:
    """ "two years ago" -> 2022 (a date at the unit's granularity), "a year earlier" likewise;
    "years ago" / "several weeks ago" -> PAST_REF."""
    count = parts.count
    if count is None and not parts.unit_plural:
        count = 1  # "year-earlier", "a year ago"
    if not isinstance(count, int):
        return Reading("PAST_REF" if parts.ago < 0 else "FUTURE_REF")
    if anchor is None:
        return UNREAD
    return shift_unit(anchor, parts.unit, parts.ago * count)


def read_unit(parts: Parts, anchor: date | None, tense: Tense) -> Reading:
    """A unit with a direction or a count: "last week" (a date), "the past week" / "three months"
    (durations), "weeks" / "recent years" (vague durations)."""
    unit, count = parts.unit, parts.count
    if count is None and parts.unit_plural and (parts.relative is not None or parts.reference):
        return Reading(duration_value(unit, "X"), "duration")  # "coming weeks", "recent years"
    if count is None and parts.relative is not None:
        if parts.the and parts.relative_word in ("past", "last") and unit not in ("WE", "Q"):
            return Reading(duration_value(unit, 1), "duration")  # "the past week": a stretch
        if parts.relative_word in ("coming", "following", "latest") and unit not in ("WE", "Q"):
            if unit in ("D", "W", "M", "Y") and parts.the:
                return Reading(duration_value(unit, 1), "duration")
        if anchor is None:
            return UNREAD
        if unit == "Q":
            return previous_quarter(anchor, parts.relative)
        if unit == "WE":
            return Reading(weekend_value(anchor, parts.relative, tense))
        return shift_unit(anchor, unit, parts.relative)
    if count is None and unit == "WE" and anchor is not None:
        return Reading(weekend_value(anchor, None, tense))  # "the weekend"
    if count is None and parts.unit_plural:
        return Reading(duration_value(unit, "X"), "duration")  # "weeks", "the years"
    if count is None:
        return UNREAD  # "the year", "the day": which one depends on the story, not the words
    return Reading(duration_value(unit, count), "duration")


def read_season(parts: Parts, anchor: date | None, tense: Tense) -> Reading:
    """ "last spring" -> 2023-SP, "this summer" -> 2024-SU: the season's year is the year it
    starts in (winter starts in December)."""
    if anchor is None:
        return Reading(f"XXXX-{parts.season}") if parts.relative is None else UNREAD
    start = lexicon().season_starts[parts.season]
    # The season occurrence that contains the anchor, or the latest one that started before it.
    year = anchor.year if start <= anchor.month else anchor.year - 1
    current_end = year * 12 + start + 2
    contains_anchor = anchor.year * 12 + anchor.month <= current_end
    relative = parts.relative
    if relative is None:
        relative = 1 if tense == "future" and not contains_anchor else 0
    if relative == -1 and not contains_anchor:
        relative = 0  # "last summer" in October is the summer just ended
    return Reading(f"{year + relative:04d}-{parts.season}")


# --- calendar arithmetic -------------------------------------------------------------------------


def valid_day(month: int, day: int) -> bool:
    return 1 <= day <= (29 if month == 2 else 30 if month in (4, 6, 9, 11) else 31)


def shift_days(anchor: date | None, days: int) -> str | None:
    return (anchor + timedelta(days=days)).isoformat() if anchor is not None else None


def with_part(day: str | None, parts: Parts, deictic: str | None = None) -> Reading:
    """A day, with its part of the day when one is named ("Sunday morning", "early Sunday",
    "tonight") as TIMEX3 writes it: 2024-01-28TMO."""
    if day is None:
        return UNREAD
    part = parts.part or parts.modifier or ("NI" if deictic == "tonight" else None)
    return Reading(f"{day}T{part}", "time") if part else Reading(day)


def resolve_weekday(weekday: int, relative: int | None, anchor: date | None, tense: Tense) -> str | None:
    """ "Sunday": the latest Sunday on or before the anchor; in a future-tense sentence, or with
    "next"/"coming", the first Sunday after it. "last Sunday" is the latest one before the anchor."""
    if anchor is None:
        return f"XXXX-WXX-{weekday}" if relative is None else None
    back = (anchor.isoweekday() - weekday) % 7
    if relative == 1 or (relative is None and tense == "future"):
        ahead = (weekday - anchor.isoweekday()) % 7 or 7
        return (anchor + timedelta(days=ahead)).isoformat()
    if relative == -1 and back == 0:
        back = 7
    return (anchor - timedelta(days=back)).isoformat()


def shift_unit(anchor: date, unit: str, amount: int) -> Reading:
    """The anchor moved by ``amount`` units, at that unit's granularity: week -> 2024-W04."""
    if unit == "D":
        return Reading((anchor + timedelta(days=amount)).isoformat())
    if unit in ("W", "FN"):
        day = anchor + timedelta(weeks=amount * (2 if unit == "FN" else 1))
        iso = day.isocalendar()
        return Reading(f"{iso.year:04d}-W{iso.week:02d}")
    if unit == "M":
        index = anchor.year * 12 + anchor.month - 1 + amount
        return Reading(f"{index // 12:04d}-{index % 12 + 1:02d}")
    if unit == "Y":
        return Reading(f"{anchor.year + amount:04d}")
    if unit == "DE":
        return Reading(f"{(anchor.year + 10 * amount) // 10:03d}")
    if unit == "CE":
        return Reading(f"{(anchor.year + 100 * amount) // 100:02d}")
    if unit == "Q":
        return previous_quarter(anchor, amount)
    if unit == "WE":
        return Reading(weekend_value(anchor + timedelta(weeks=amount), 0, "present"))
    return UNREAD  # hours and minutes from an anchor that has no time of day


def previous_quarter(anchor: date, relative: int) -> Reading:
    index = anchor.year * 4 + (anchor.month - 1) // 3 + relative
    return Reading(f"{index // 4:04d}-Q{index % 4 + 1}")


def weekend_value(anchor: date, relative: int | None, tense: Tense) -> str:
    """The ISO week whose weekend is meant. "the weekend" in a past-tense report published on a
    weekday is the one just gone; "this weekend" the one of the anchor's week."""
    week = anchor - timedelta(days=anchor.weekday())  # Monday of the anchor's week
    if relative is None:
        relative = 0 if tense == "future" or anchor.isoweekday() >= 6 else -1
    elif relative == -1 and anchor.isoweekday() >= 6:
        relative = -1
    iso = (week + timedelta(weeks=relative)).isocalendar()
    return f"{iso.year:04d}-W{iso.week:02d}-WE"


def duration_value(unit: str, count: int | str) -> str:
    """TIMEX3 durations: P3M, P1W, PT24H, P10Y (a decade), PXY (years, vaguely)."""
    if count == "X" or not isinstance(count, int):
        code = VAGUE_UNITS.get(unit, unit)
        return f"PTX{code}" if unit in CLOCK_UNITS else f"PX{code}"
    if unit in CLOCK_UNITS:
        return f"PT{count}{CLOCK_UNITS[unit]}"
    if unit in SCALED_UNITS:
        code, scale = SCALED_UNITS[unit]
        return f"P{count * scale}{code}"
    return f"P{count}{DATE_UNITS.get(unit, unit)}"


def granularity_of(reading: Reading) -> Granularity:
    """day / week / month / year for calendar values; other for durations, sets, quarters,
    seasons, decades and references. A time of day ("2024-01-28TMO") pins its day: day."""
    value = reading.value
    if value is None or reading.type in ("duration", "set") or value[:1] == "P":
        return "other"
    if len(value) >= 10 and value[4] == "-" and value[7] == "-" and value[:4].isdigit() and value[8:10].isdigit():
        return "day"
    if value[4:6] == "-W" and value[:4].isdigit() and value[6:8].isdigit():
        return "week"
    if len(value) == 7 and value[5:7].isdigit() and value[:4].isdigit():
        return "month"
    if len(value) == 4 and value.isdigit():
        return "year"
    return "other"


# --- context: tense and the general "today" ------------------------------------------------------


def tense_of(span: Span, lex: Lexicon) -> Tense:
    """The tense of the clause the expression sits in, from the governing verb: "will meet on
    Sunday" and "is expected to meet on Sunday" are future; a past-tense verb is past."""
    verb = span.root
    for _ in range(4):  # climb from the expression to the verb it modifies
        if verb.pos_ in ("VERB", "AUX") or verb.head is verb:
            break
        verb = verb.head
    for child in verb.children:
        if child.dep_ in ("aux", "auxpass") and child.lower_ in lex.future_auxiliaries:
            return "future"
    head = verb.head
    if (verb.dep_ in ("xcomp", "ccomp", "advcl") and any(c.lower_ == "to" for c in verb.children)
            and head.lemma_.lower() in lex.future_verbs):
        return "future"
    if verb.tag_ in ("VBD",) or any(c.dep_ == "aux" and c.tag_ == "VBD" for c in verb.children):
        return "past"
    if verb.tag_ == "VBN" and any(c.dep_ in ("aux", "auxpass") and c.lower_ in ("has", "have", "had", "was", "were")
                                  for c in verb.children):
        return "past"
    return "present"


def is_general_today(doc: Doc, index: int, lex: Lexicon) -> bool:
    """ "the Europe of today", "today's world": today as an era, not as the anchor date."""
    if index > 0 and doc[index - 1].lower_ == "of":
        return True
    return (index + 2 < len(doc) and doc[index + 1].lower_ in ("'s", "’s")
            and doc[index + 2].lower_ in lex.general_today_nouns)


# --- candidates ----------------------------------------------------------------------------------


def candidate_spans(doc: Doc, lex: Lexicon) -> list[tuple[int, int]]:
    """Token ranges of time expressions: the model's DATE/TIME entities, reshaped, plus the
    standalone words and phrases of the lexicon outside them."""
    spans: list[tuple[int, int]] = []
    covered: set[int] = set()
    for entity in doc.ents:
        if entity.label_ not in ENTITY_LABELS:
            continue
        covered.update(range(entity.start, entity.end))
        if is_age(doc, entity.start, entity.end):
            continue
        for start, end in split_entity(doc, entity.start, entity.end, lex):
            spans.append(extend(doc, start, end, lex))
    for token in doc:
        if token.i in covered:
            continue
        tags = lex.standalone.get(token.lower_)
        if tags is not None and token.pos_ in tags:
            spans.append((token.i, token.i + 1))
            covered.add(token.i)
            continue
        for phrase in lex.standalone_phrases:
            end = token.i + len(phrase)
            if (end <= len(doc) and not covered.intersection(range(token.i, end))
                    and all(doc[token.i + k].lower_ == word for k, word in enumerate(phrase))):
                spans.append((token.i, end))
                covered.update(range(token.i, end))
                break
    spans.sort()
    return spans


def is_age(doc: Doc, start: int, end: int) -> bool:
    """ "6-year-old", "52 years old", "aged 44": ages are not time expressions."""
    if any(doc[i].lower_ in ("old", "aged") for i in range(start, end)):
        return True
    return end < len(doc) and doc[end].lower_ in ("old", "-old")


def split_entity(doc: Doc, start: int, end: int, lex: Lexicon) -> list[tuple[int, int]]:
    """An entity cut at separators ("between 1994 and 1997", "the six months ended Oct. 1") and
    at commas between years ("1994, 1995"), each piece trimmed to its TimeML extent."""
    pieces: list[tuple[int, int]] = []
    piece_start = start
    for i in range(start, end):
        lower = doc[i].lower_
        cut = lower in lex.separators or (lower == "," and years_on_both_sides(doc, piece_start, i, end))
        if cut:
            pieces.append((piece_start, i))
            piece_start = i + 1
    pieces.append((piece_start, end))
    trimmed = []
    for piece in pieces:
        piece = trim(doc, *piece, lex)
        if piece[1] > piece[0] and is_temporal(classify(doc[piece[0]:piece[1]], lex)):
            trimmed.append(piece)
    return trimmed


def years_on_both_sides(doc: Doc, left: int, comma: int, end: int) -> bool:
    def has_year(tokens: range) -> bool:
        return any(len(doc[i].text) == 4 and doc[i].is_digit for i in tokens)

    left_range = range(left, comma)
    months = lexicon().months
    if any(doc[i].lower_ in months for i in left_range):
        return False  # "Oct. 7, 2023": the year belongs to the date
    return has_year(left_range) and has_year(range(comma + 1, end))


def trim(doc: Doc, start: int, end: int, lex: Lexicon) -> tuple[int, int]:
    """Drop leading words TimeML leaves outside ("about", "only", "earlier" in "earlier this
    week") while something temporal remains, and trailing punctuation, possessives, conjunctions."""
    while end > start and (doc[end - 1].lower_ in TRAILING_JUNK or doc[end - 1].is_space):
        end -= 1
    while start < end and (doc[start].is_space or doc[start].is_punct):
        start += 1
    while (start + 1 < end and doc[start].lower_ in lex.leading_trims
           and is_temporal(classify(doc[start + 1:end], lex))):
        start += 1
    return start, end


def extend(doc: Doc, start: int, end: int, lex: Lexicon) -> tuple[int, int]:
    """Take in the neighbours the model leaves out: "Wednesday" + "night", "9 a.m." + "Tuesday",
    "each" + "Thursday"."""
    last = doc[end - 1].lower_
    if end < len(doc):
        following = doc[end].lower_
        if following in lex.parts_of_day and (last in lex.weekdays or last in lex.deictic_days):
            end += 1
        elif following in lex.weekdays and (last in lex.meridiems or last in lex.clock_words):
            end += 1
    if start > 0 and doc[start - 1].lower_ in lex.set_quantifiers:
        first = doc[start].lower_
        if first in lex.weekdays or first in lex.months or first in lex.units:
            start -= 1
    return start, end


# --- the extractor -------------------------------------------------------------------------------


def extract_times(doc: Doc, anchor: date | None) -> list[Time]:
    """Every time expression of ``doc`` with its TIMEX3-style value against ``anchor`` (the
    publication date). Offsets index ``doc.text``; expressions whose value the grammar cannot
    tell are kept with ``value=None``."""
    lex = lexicon()
    times: list[Time] = []
    for start, end in candidate_spans(doc, lex):
        span = doc[start:end]
        reading = read_span(span, anchor, lex)
        times.append(Time(text=span.text, start=span.start_char, end=span.end_char,
                          value=reading.value, type=reading.type, granularity=granularity_of(reading)))
    return times


def read_span(span: Span, anchor: date | None, lex: Lexicon) -> Reading:
    words = classify(span, lex)
    if len(span) == 1 and span[0].lower_ == "today" and is_general_today(span.doc, span.start, lex):
        return Reading("PRESENT_REF")
    return read_parts(gather(words), anchor, tense_of(span, lex))
