"""Time expressions, normalized to TIMEX3-style values against the publication date.

Candidates are the model's DATE and TIME entities, reshaped to the extent TimeML would mark
("about five hours" -> "five hours", "between 1994 and 1997" -> two expressions, "Sunday" +
"morning" -> "Sunday morning"), plus a few words the model rarely tags ("now", "recently").
dateparser is never run over raw text: it invents dates ("We" -> Wednesday, "Tower 22" -> 22
January); see ENVIRONMENT.md.

Normalization is a small grammar over tokens. Every token of a candidate is classified with the
lexicon in ``data/times.yaml`` (month, weekday, unit, number, relative word, ...); the classified
words are gathered into ``Parts`` (year, month, day, unit with its count, ...), and ``read_parts``
reads the value off them against the anchor (publication date) and the tense of the clause:
"Sunday" is the latest Sunday on or before the anchor unless the clause looks forward ("will meet
on Sunday" -> the next Sunday). Without an anchor, relative expressions keep ``value=None`` and
calendar expressions without a year are underspecified ("XXXX-10-07"); no date is made up.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import Literal

import numpy
from spacy.strings import hash_string
from spacy.tokens import Doc, Span

from ..config import DATA_DIR
from ..datafiles import english_words, frame_words, load_yaml, month_numbers
from ..models import Granularity, Time, TimeType

LEXICON_PATH = DATA_DIR / "times.yaml"
Tense = Literal["past", "present", "future"]

# Word kinds produced by ``classify_token``.
MONTH, WEEKDAY, PART, SEASON, UNIT, NUMBER, ORDINAL, RELATIVE = (
    "month", "weekday", "part", "season", "unit", "number", "ordinal", "relative")
DEICTIC, AGO, SET_QUANTIFIER, SET_WORD, REFERENCE, MODIFIER, YEAR, DECADE, CLOCK, MERIDIEM = (
    "deictic", "ago", "set_quantifier", "set_word", "reference", "modifier", "year", "decade",
    "clock", "meridiem")
THE, FILLER, OTHER, QUARTER = "the", "filler", "other", "quarter"
# Kinds that make a candidate a time expression at all: a span of only numbers and other words
# ("44", an age, or "Olympic") is not one.
TEMPORAL_KINDS = frozenset({MONTH, WEEKDAY, PART, SEASON, UNIT, DEICTIC, SET_WORD, REFERENCE, YEAR,
                            DECADE, CLOCK, MERIDIEM, QUARTER})
# Words with no value of their own that do not end a run of number words ("a couple of weeks",
# "Oct. 7, 2023").
FILLER_WORDS = frozenset({"of", "in", "on", "at", "-", "–", ",", "'s", "'", "’s", ".", "/"})
ARTICLES = english_words("determiners", "indefinite")
ENTITY_LABELS = frozenset({"DATE", "TIME"})
TRAILING_JUNK = frozenset({",", ".", ":", ";", "'s", "’s", "and", "or", "-", "--", "(", ")", "'", '"'})
# How much more a date after the anchor costs than one before it, when a month or day is named
# without a year: news reports what happened more often than what will ("Oct. 23" in a May
# article is last October, "Nov. 10" in a Nov. 2 article is next week).
FUTURE_COST: dict[str, float] = {"past": 3.0, "present": 2.0, "future": 1.0}

# How many sentences a year the text names ("My family moved to Kabul in 2009.") governs the
# months named after it without one.
NARRATIVE_SENTENCES = 3
# Words before a four-digit number that make it a clock time, not a year: "at 1145".
MILITARY_CLOCK_CUES = frozenset({"at", "around", "approximately"})

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
    quarters: dict[str, int]
    units: dict[str, str]
    numbers: dict[str, int | str]
    ordinals: dict[str, int]
    relatives: dict[str, int]
    deictic_days: dict[str, int]
    ago_words: dict[str, int]
    set_quantifiers: frozenset[str]
    set_words: dict[str, str]
    references: dict[str, str]
    reference_phrases: dict[str, str]
    standalone: dict[str, frozenset[str]]
    leading_trims: frozenset[str]
    separators: frozenset[str]
    general_today_nouns: frozenset[str]
    future_verbs: frozenset[str]
    scheduling_verbs: frozenset[str]
    timetable_verbs: frozenset[str]
    future_auxiliaries: frozenset[str]
    future_prefixes: tuple[tuple[str, ...], ...]
    time_zones: frozenset[str]
    named_days: frozenset[str]
    feasts: dict[str, tuple[int, int]]


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """Read ``data/times.yaml`` once; keys are lower-cased so the file may use any case."""
    raw = load_yaml(LEXICON_PATH.name)

    def table(name: str) -> dict:
        return {str(key).lower(): value for key, value in raw[name].items()}

    def words(name: str) -> frozenset[str]:
        return frozenset(str(word).lower() for word in raw[name])

    return Lexicon(
        months=month_numbers(dotted=True), weekdays=table("weekdays"), parts_of_day=table("parts_of_day"),
        day_modifiers=table("day_modifiers"), clock_words=table("clock_words"),
        meridiems=table("meridiems"), seasons=table("seasons"), season_starts=raw["season_starts"],
        quarters=table("quarters"), units=table("units"), numbers=table("numbers"), ordinals=table("ordinals"),
        relatives=table("relatives"), deictic_days=table("deictic_days"),
        ago_words=table("ago_words"), set_quantifiers=words("set_quantifiers"),
        set_words=table("set_words"), references=table("references"),
        reference_phrases=table("reference_phrases"),
        standalone={str(word).lower(): frozenset(tags) for word, tags in raw["standalone"].items()},
        leading_trims=words("leading_trims"), separators=words("separators"),
        general_today_nouns=words("general_today_nouns"), future_verbs=words("future_verbs"),
        scheduling_verbs=words("scheduling_verbs"), timetable_verbs=words("timetable_verbs"), future_auxiliaries=words("future_auxiliaries"),
        future_prefixes=tuple(tuple(str(w).lower() for w in p) for p in raw["future_prefixes"]),
        time_zones=words("time_zones"), named_days=words("named_days"),
        feasts={str(name).lower(): (int(str(day)[:2]), int(str(day)[3:5])) for name, day in raw["feasts"].items()},
    )


# --- classification ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Word:
    """One token of a candidate, classified: ``kind`` is one of the kinds above."""

    kind: str
    value: int | str | None
    text: str


def classify_token(lower: str, previous: Word | None, lex: Lexicon) -> Word:
    """What one lower-cased token means in a time expression. Order matters where a word is
    ambiguous: "second" is a unit after a number ("30 second") and an ordinal otherwise."""
    if lower in FILLER_WORDS or lower in lex.time_zones:
        return Word(FILLER, None, lower)
    if lower == "second" and previous is not None and previous.kind == NUMBER:
        return Word(UNIT, "S", lower)
    if lower[:1].isdecimal() or lower[:1] == "'":
        return classify_number_token(lower, previous)
    for kind, table in (
        (QUARTER, lex.quarters), (MONTH, lex.months), (WEEKDAY, lex.weekdays), (PART, lex.parts_of_day),
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
    month ("7th") or a plain number ("2,500")."""
    if lower.isdecimal():
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
        # "the '90s": the century the digit most likely means in news copy.
        digit = match.group(1)
        return Word(DECADE, ("19" if digit >= "3" else "20") + digit, lower)
    if match := _ORDINAL_DAY.match(lower):
        return Word(ORDINAL, int(match.group(1)), lower)
    if lower.replace(",", "").isdecimal():
        return Word(NUMBER, int(lower.replace(",", "")), lower)
    return Word(OTHER, None, lower)


def classify(tokens: Span, lex: Lexicon) -> list[Word]:
    words: list[Word] = []
    previous: Word | None = None
    for token in tokens:
        word = classify_token(token.lower_, previous, lex)
        words.append(word)
        if word.text not in ("-", ","):
            previous = word
    # "one August morning": "one" is an article here (some morning of August), not the 1st
    if len(words) >= 2 and words[0].text == "one" and words[1].kind == MONTH and not any(
            w.kind in (NUMBER, ORDINAL, YEAR) for w in words[2:]):
        words[0] = Word(FILLER, None, "one")
    return words


def is_temporal(words: list[Word]) -> bool:
    return any(w.kind in TEMPORAL_KINDS for w in words)


# --- parts: the classified words gathered into slots ----------------------------------------------


@dataclass
class Parts:
    """What a candidate says, slot by slot. ``count`` is the number before ``unit`` ("three" in
    "three months"; "X" for "several"); ``relative`` the direction word (-1 last, 0 this, +1 next);
    ``outer_unit`` a unit that qualifies the main one ("year" in "the year-ago quarter")."""

    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None
    part: str | None = None
    clock: str | None = None
    season: str | None = None
    decade: str | None = None
    quarter: int | None = None
    half: int | None = None
    ordinal: int | None = None  # an ordinal that is none of the above ("the eighth day")
    unit: str | None = None
    unit_plural: bool = False
    count: int | str | None = None
    outer_unit: str | None = None
    relative: int | None = None
    meridiem: bool = False  # an "a.m." or "p.m." was read
    relative_word: str | None = None
    deictic: int | None = None
    deictic_word: str | None = None
    ago: int | None = None
    set_quantifier: bool = False
    set_value: str | None = None
    reference: str | None = None
    modifier: str | None = None
    the: bool = False
    loose_number: int | str | None = None  # a number not attached to anything ("10" in "10 a.m.")


def gather(words: list[Word]) -> Parts:
    """Fill the slots in reading order. A run of number words is added up ("twenty four" -> 24,
    "nineteen ninety-four" -> the year 1994) and attaches to the unit or month after it; other
    words between a number and its unit are passed over ("eight trading days")."""
    parts = Parts()
    run: list[int | str] = []
    run_is_article = False  # "a"/"an" alone: one, but replaced by a number word that follows
    ordinal: int | None = None
    for word in words:
        kind, value = word.kind, word.value
        if kind in (FILLER, OTHER):
            continue
        if kind == NUMBER:
            if word.text in ARTICLES:
                if run and not run_is_article:
                    flush_run(parts, run)
                run, run_is_article = [1], True
                continue
            if run_is_article:
                run = []  # "a few" is few, "a couple" two, "a hundred" a hundred
            run.append(value)
            run_is_article = False
            continue
        if kind == ORDINAL:
            tens = number_value(run) if run and not run_is_article else None
            if isinstance(tens, int) and tens in (20, 30) and value < 10:
                value = tens + value  # "twenty-first"
            elif run and not run_is_article:
                flush_run(parts, run)
            run, run_is_article, ordinal = [], False, value
            continue
        if kind == UNIT:
            count = None if not run else (1 if run_is_article else number_value(run))
            if value == "Q" and ordinal is not None:
                parts.quarter = ordinal
            elif value == "HALF" and ordinal is not None:
                parts.half = ordinal
            elif parts.unit is None or (parts.count is None and count is None):
                if parts.unit is not None:
                    parts.outer_unit = parts.unit  # "the year-earlier quarter"
                parts.unit, parts.unit_plural, parts.count = value, word.text.endswith("s"), count
                if ordinal is not None and count is None:
                    parts.ordinal = ordinal  # "the eighth day": which day, not how long
            run, run_is_article, ordinal = [], False, None
            continue
        if kind == MONTH:
            if run and not run_is_article and isinstance(day := number_value(run), int) and 1 <= day <= 31:
                parts.day = day  # "28 January"
            elif run and not run_is_article:
                flush_run(parts, run)
            elif ordinal is not None:
                parts.day = ordinal  # "7th October", "the eighth of March"
            parts.month = value
            run, run_is_article, ordinal = [], False, None
            continue
        if run and not run_is_article:
            flush_run(parts, run)
        run, run_is_article = [], False
        if ordinal is not None and parts.month is not None and parts.day is None:
            parts.day = ordinal  # "March eighth"
        ordinal = None
        assign(parts, word)
    if run and not run_is_article:
        flush_run(parts, run)
    if ordinal is not None and parts.month is not None and parts.day is None:
        parts.day = ordinal
    clock_by_part(parts)
    return parts


# The hours a part of the day gives a clock time without "a.m." or "p.m." in the afternoon:
# "9:20 Thursday NIGHT" is 21:20, "7:30 Friday EVENING" 19:30, "3 in the AFTERNOON" 15:00.
_AFTERNOON_HOURS = {"AF": range(1, 7), "EV": range(1, 12), "NI": range(6, 12)}


def clock_by_part(parts: Parts) -> None:
    """A clock time with no meridiem, read by the part of the day beside it."""
    if parts.clock is None or parts.meridiem or parts.part not in _AFTERNOON_HOURS:
        return
    hour, minute = parts.clock.split(":")
    if int(hour) in _AFTERNOON_HOURS[parts.part]:
        parts.clock = f"{int(hour) + 12:02d}:{minute}"


def number_value(run: list[int | str]) -> int | str:
    """A run of number words as one number: "twenty" "four" -> 24, "two" "hundred" -> 200,
    "several" -> X."""
    if "X" in run:
        return "X"
    total = current = 0
    for number in run:
        if number == 100:
            current = max(current, 1) * 100
        elif number == 1000:
            total += max(current, 1) * 1000
            current = 0
        else:
            current += number
    return total + current


def spelled_year(run: list[int | str]) -> int | None:
    """ "nineteen ninety-four" -> 1994, "twenty twenty-four" -> 2024."""
    if len(run) < 2 or "X" in run or not 11 <= run[0] <= 20 or run[1] < 10:
        return None
    rest = sum(run[1:])
    return run[0] * 100 + rest if rest < 100 else None


def flush_run(parts: Parts, run: list[int | str]) -> None:
    """A run of numbers followed by no unit or month: a spelled-out year, the day after a month
    ("Oct. 7"), the year after "the year" ("the year two thousand"), or a loose number kept for
    a clock ("10" before "a.m.")."""
    if (year := spelled_year(run)) is not None:
        parts.year = year
        return
    number = number_value(run)
    if parts.month is not None and parts.day is None and isinstance(number, int) and 1 <= number <= 31:
        parts.day = number
    elif parts.unit == "Y" and parts.count is None and isinstance(number, int) and 1000 <= number <= 2199:
        parts.year, parts.unit = number, None
    else:
        parts.loose_number = number


def assign(parts: Parts, word: Word) -> None:
    kind, value = word.kind, word.value
    if kind == YEAR:
        parts.year = value
    elif kind == QUARTER:
        parts.quarter = value
    elif kind == WEEKDAY:
        parts.weekday = value
        parts.set_quantifier |= word.text.endswith("s")  # "Mondays"
    elif kind == PART:
        parts.part = value
        parts.set_quantifier |= word.text.endswith("s")  # "Tuesday nights"
    elif kind == MERIDIEM:
        read_meridiem(parts, value)
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


def read_meridiem(parts: Parts, offset: int) -> None:
    """ "10 p.m." -> 22:00, "10:30 a.m." -> 10:30, "12 a.m." -> 00:00."""
    parts.meridiem = True
    if parts.clock is not None:
        hour, minute = parts.clock.split(":")
        if 1 <= int(hour) <= 12:
            parts.clock = f"{int(hour) % 12 + offset:02d}:{minute}"
    elif isinstance(parts.loose_number, int) and 1 <= parts.loose_number <= 12:
        parts.clock = f"{parts.loose_number % 12 + offset:02d}:00"
        parts.loose_number = None


# --- reading a value off the parts ----------------------------------------------------------------


@dataclass(frozen=True)
class Reading:
    value: str | None
    type: TimeType = "date"


UNREAD = Reading(None)  # a time expression whose value the grammar cannot tell: kept, value null

CLOCK_UNITS = {"H": "H", "MIN": "M", "S": "S"}
SCALED_UNITS = {"DE": ("Y", 10), "CE": ("Y", 100), "FN": ("W", 2)}
VAGUE_UNITS = {"DE": "DE", "CE": "CE", "FN": "W"}
# Relative words that point at another event of the story, not at the publication date.
ANAPHORIC = frozenset({"following", "previous", "preceding"})


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
        return read_with_year(parts, anchor, tense)
    if parts.month is not None:
        return read_month(parts, anchor, tense)
    if parts.quarter is not None or parts.half is not None:
        return read_quarter(parts, anchor, tense)
    if parts.unit == "Q" and parts.count is None and not parts.unit_plural:
        return read_reported_quarter(parts, anchor, tense)
    if parts.deictic is not None:
        return with_part(shift_days(anchor, parts.deictic), parts, deictic=parts.deictic_word)
    if parts.weekday is not None:
        return with_part(resolve_weekday(parts.weekday, parts.relative, anchor, tense), parts)
    if parts.unit is not None and parts.ago is not None:
        return read_ago(parts, anchor)
    if parts.unit is not None:
        return read_unit(parts, anchor)
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
    suffix = f"T{parts.part}" if parts.part else ""
    if parts.weekday is not None:
        return Reading(f"XXXX-WXX-{parts.weekday}{suffix}", "set")
    if parts.month is not None:
        return Reading(f"XXXX-{parts.month:02d}", "set")
    if parts.unit is not None:
        count = parts.count if isinstance(parts.count, int) else 1
        return Reading(duration_value(parts.unit, count), "set")
    if parts.part is not None:
        return Reading(f"XXXX-XX-XX{suffix}", "set")  # "every morning"
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
    elif parts.relative in (None, 0) and parts.relative_word not in ANAPHORIC:
        day = shift_days(anchor, 0)  # "this morning", "10 a.m.": the day of the report
    else:
        return UNREAD  # "the next morning": the morning after some event of the story
    time_part = parts.clock if parts.clock is not None else parts.part
    if day is None:
        return Reading(f"XXXX-XX-XXT{time_part}", "time") if anchor is None else UNREAD
    return Reading(f"{day}T{time_part}", "time")


def read_with_year(parts: Parts, anchor: date | None, tense: Tense) -> Reading:
    """Calendar expressions that name their year."""
    year = parts.year
    if parts.month is not None and parts.day is not None:
        return with_part(calendar_day(parts, anchor, tense), parts)
    if parts.month is not None:
        return Reading(f"{year:04d}-{parts.month:02d}")
    if parts.quarter is not None and 1 <= parts.quarter <= 4:
        return Reading(f"{year:04d}-Q{parts.quarter}")
    if parts.half is not None and 1 <= parts.half <= 2:
        return Reading(f"{year:04d}-H{parts.half}")
    if parts.season is not None:
        return Reading(f"{year:04d}-{parts.season}")
    if parts.unit == "Q" and parts.count is None and anchor is not None:
        # "the 1988 quarter": the same quarter as the one being reported, in that year
        quarter = reported_quarter_index(anchor, tense) % 4 + 1
        return Reading(f"{year:04d}-Q{quarter}")
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
    """The day of a month and day ("Oct. 7"), its year named, resolved, or left as XXXX."""
    month, day = parts.month, parts.day
    if not valid_day(month, day) or (parts.year is not None and not valid_date(parts.year, month, day)):
        return None
    if parts.year is not None:
        year = f"{parts.year:04d}"
    elif anchor is None:
        if parts.relative is not None:
            return None
        year = "XXXX"
    else:
        year = f"{resolve_year(month, day, parts.relative, anchor, tense, parts.weekday):04d}"
    return f"{year}-{month:02d}-{day:02d}"


def resolve_year(month: int, day: int | None, relative: int | None, anchor: date, tense: Tense,
                 weekday: int | None = None) -> int:
    """The year of a month (and day) named without one. "last October" is the latest October
    before the anchor's month, "next October" the first after it. A bare "Oct. 7" is the nearest
    one, a date after the anchor costing ``FUTURE_COST`` times more than one before it (and a
    past one excluded in a future-tense clause); "Monday, Oct. 26" takes the year in which
    Oct. 26 is a Monday."""
    key = (month, day or 0)
    anchor_key = (anchor.month, anchor.day if day else 0)
    if relative == -1:
        return anchor.year if key < anchor_key else anchor.year - 1
    if relative == 1:
        return anchor.year if key > anchor_key else anchor.year + 1
    if relative == 0:
        return anchor.year
    candidates = [anchor.year - 1, anchor.year, anchor.year + 1]
    if day is not None and weekday is not None:
        matching = [y for y in candidates if valid_date(y, month, day)
                    and date(y, month, day).isoweekday() == weekday]
        candidates = matching or candidates
    if tense == "future":
        candidates = [y for y in candidates if (y, *key) >= (anchor.year, *anchor_key)] or candidates

    def cost(year: int) -> float:
        if day is not None and valid_date(year, month, day):
            offset = (date(year, month, day) - anchor).days
        else:
            offset = (year * 12 + month - anchor.year * 12 - anchor.month) * 30
        return -offset if offset <= 0 else offset * FUTURE_COST[tense]

    return min(candidates, key=cost)


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


def read_reported_quarter(parts: Parts, anchor: date | None, tense: Tense) -> Reading:
    """A quarter without its number. "the quarter" and "the latest quarter" are the last one
    completed (the one a report of results covers); "this quarter" the anchor's own; "the
    year-ago quarter" and "last year's quarter" the reported one a year back."""
    if anchor is None:
        return UNREAD
    current = anchor.year * 4 + (anchor.month - 1) // 3
    if parts.outer_unit == "Y" and (parts.ago is not None or parts.relative == -1):
        index = reported_quarter_index(anchor, tense) - 4
    elif parts.relative is not None and parts.relative_word not in ANAPHORIC:
        index = current + parts.relative
    elif parts.relative is None and parts.ago is None and parts.outer_unit is None:
        index = reported_quarter_index(anchor, tense)
    else:
        return UNREAD
    return Reading(f"{index // 4:04d}-Q{index % 4 + 1}")


def reported_quarter_index(anchor: date, tense: Tense) -> int:
    """year * 4 + quarter - 1 of the quarter a report published on ``anchor`` is about."""
    current = anchor.year * 4 + (anchor.month - 1) // 3
    return current if tense == "future" else current - 1


def read_ago(parts: Parts, anchor: date | None) -> Reading:
    """ "two years ago" -> 2022 (a date at the unit's granularity), "a year earlier" likewise;
    "years ago" / "several weeks ago" -> PAST_REF."""
    count = parts.count
    if count is None and not parts.unit_plural:
        count = 1  # "year-earlier"
    if not isinstance(count, int):
        return Reading("PAST_REF" if parts.ago < 0 else "FUTURE_REF")
    if anchor is None:
        return UNREAD
    return shift_unit(anchor, parts.unit, parts.ago * count)


def read_unit(parts: Parts, anchor: date | None) -> Reading:
    """A unit with a direction or a count: "last week" and "the past year" (dates), "three
    months" (a duration), "weeks" / "recent years" / "the coming months" (vague durations)."""
    unit, count = parts.unit, parts.count
    if parts.ordinal is not None and unit == "CE" and 1 <= parts.ordinal <= 21:
        return Reading(f"{parts.ordinal - 1:02d}")  # "the 20th century" is the 1900s: 19
    if parts.ordinal is not None:
        return UNREAD  # "the eighth day" of something the story names
    if count is None and parts.unit_plural:
        return Reading(duration_value(unit, "X"), "duration")
    if count is None and parts.relative is not None:
        if parts.relative_word in ANAPHORIC or anchor is None:
            return UNREAD  # "the following year": the year after some event of the story
        if unit == "WE":
            return Reading(weekend_value(anchor, parts.relative, "present"))
        return shift_unit(anchor, unit, parts.relative)
    if count is None and unit == "WE":
        return Reading(weekend_value(anchor, None, "past")) if anchor is not None else UNREAD
    if count is None:
        return UNREAD  # "the year", "the day": which one depends on the story, not the words
    return Reading(duration_value(unit, count), "duration")


def read_season(parts: Parts, anchor: date | None, tense: Tense) -> Reading:
    """ "last spring" -> the latest spring that has ended; "this summer" -> this year's; "next
    winter" -> the first one that has not begun. A season's year is the year it starts in."""
    if anchor is None:
        return Reading(f"XXXX-{parts.season}") if parts.relative is None else UNREAD
    start = lexicon().season_starts[parts.season]
    month = anchor.year * 12 + anchor.month
    relative = parts.relative
    if relative is None:
        relative = {"past": -1, "future": 1}.get(tense, 0)
        if anchor.year * 12 + start <= month <= anchor.year * 12 + start + 2:
            relative = 0  # the season the anchor falls in
    if relative == 0:
        year = anchor.year
    elif relative < 0:
        year = anchor.year if anchor.year * 12 + start + 2 < month else anchor.year - 1
    else:
        year = anchor.year if anchor.year * 12 + start > month else anchor.year + 1
    return Reading(f"{year:04d}-{parts.season}")


# --- calendar arithmetic -------------------------------------------------------------------------


def valid_day(month: int, day: int) -> bool:
    return 1 <= day <= (29 if month == 2 else 30 if month in (4, 6, 9, 11) else 31)


def valid_date(year: int, month: int, day: int) -> bool:
    if (month, day) == (2, 29):
        return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    return valid_day(month, day)


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
    """ "Sunday": the latest Sunday on or before the anchor; in a future-tense clause, or with
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
        iso = (anchor + timedelta(weeks=amount * (2 if unit == "FN" else 1))).isocalendar()
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
        index = anchor.year * 4 + (anchor.month - 1) // 3 + amount
        return Reading(f"{index // 4:04d}-Q{index % 4 + 1}")
    if unit == "WE":
        return Reading(weekend_value(anchor + timedelta(weeks=amount), 0, "present"))
    return UNREAD  # hours and minutes from an anchor that has no time of day


def weekend_value(anchor: date, relative: int | None, tense: Tense) -> str:
    """The ISO week whose weekend is meant. "the weekend" in a report published on a weekday is
    the one just gone; "this weekend" the one of the anchor's week; "last weekend" the one before."""
    monday = anchor - timedelta(days=anchor.weekday())
    if relative is None:
        relative = 0 if tense == "future" or anchor.isoweekday() >= 6 else -1
    iso = (monday + timedelta(weeks=relative)).isocalendar()
    return f"{iso.year:04d}-W{iso.week:02d}-WE"


def duration_value(unit: str, count: int | str) -> str:
    """TIMEX3 durations: P3M, P1W, PT24H, P2Q, P10Y (a decade), PXY (years, vaguely)."""
    if not isinstance(count, int):
        code = VAGUE_UNITS.get(unit, CLOCK_UNITS.get(unit, unit))
        return f"PTX{code}" if unit in CLOCK_UNITS else f"PX{code}"
    if unit in CLOCK_UNITS:
        return f"PT{count}{CLOCK_UNITS[unit]}"
    if unit in SCALED_UNITS:
        code, scale = SCALED_UNITS[unit]
        return f"P{count * scale}{code}"
    return f"P{count}{unit}"


def granularity_of(reading: Reading) -> Granularity:
    """day / week / month / year for calendar values; other for durations, sets, quarters,
    seasons, decades and references. A time of day ("2024-01-28TMO") pins its day: day."""
    value = reading.value
    if value is None or reading.type in ("duration", "set"):
        return "other"
    if not value[:4].isdigit():
        return "other"
    if len(value) >= 10 and value[4] + value[7] == "--" and (value[5:7] + value[8:10]).isdigit():
        return "day"
    if value[4:6] == "-W" and value[6:8].isdigit():
        return "week"
    if len(value) == 7 and value[4] == "-" and value[5:7].isdigit():
        return "month"
    if len(value) == 4:
        return "year"
    return "other"


# --- context: tense and the general "today" ------------------------------------------------------


def tense_of(span: Span, lex: Lexicon) -> Tense:
    """The tense of the clause the expression sits in, from the verb it modifies: "will meet on
    Sunday", "said he would leave Sunday", "is expected to meet on Sunday", "planned a rally on
    Saturday" and "as soon as Tuesday" look forward; a past-tense verb is past."""
    doc = span.doc
    for prefix in lex.future_prefixes:
        start = span.start - len(prefix)
        if start >= 0 and all(doc[start + k].lower_ == word for k, word in enumerate(prefix)):
            return "future"
    verb = span.root
    for _ in range(4):  # climb from the expression to the verb it modifies
        if verb.pos_ in ("VERB", "AUX") or verb.head.i == verb.i:
            break
        verb = verb.head
    tense = clause_tense(verb, lex)
    # a non-finite verb ("will last three days, STARTING on Wednesday", "are set to resume
    # starting Friday") takes the tense of the clause it hangs from
    for _ in range(3):
        if tense != "present" or not is_non_finite(verb) or verb.head.i == verb.i:
            break
        verb = verb.head
        tense = clause_tense(verb, lex)
    return tense


def is_non_finite(verb) -> bool:
    """A present participle or an infinitive hanging from another clause: it has no tense of its
    own."""
    if verb.dep_ not in ("advcl", "acl", "xcomp", "pcomp", "prep", "conj"):
        return False
    if any(c.dep_ in ("aux", "auxpass") and c.tag_ in ("MD", "VBD", "VBZ", "VBP") for c in verb.children):
        return False
    # a past participle ("the decision, announced Wednesday, ...") tells what is done: its own past
    return verb.tag_ in ("VBG", "VB")


def clause_tense(verb, lex: Lexicon) -> Tense:
    """The tense one verb's own clause shows (see ``tense_of``)."""
    for child in verb.children:
        if child.dep_ in ("aux", "auxpass") and child.lower_ in lex.future_auxiliaries:
            return "future"
    if verb.lemma_.lower() in lex.scheduling_verbs:
        return "future"
    if verb.lemma_.lower() in lex.timetable_verbs and (verb.tag_ in ("VBZ", "VBP") or (
            verb.tag_ == "VBG" and any(c.dep_ == "aux" and c.tag_ in ("VBZ", "VBP") for c in verb.children))):
        return "future"  # "the curfew begins Friday", "the summit, which starts on Thursday"
    if (verb.dep_ in ("xcomp", "ccomp", "advcl") and any(c.lower_ == "to" for c in verb.children)
            and verb.head.lemma_.lower() in lex.future_verbs):
        return "future"
    if verb.tag_ == "VBD" or any(c.dep_ in ("aux", "auxpass") and c.tag_ == "VBD" for c in verb.children):
        return "past"
    if verb.tag_ == "VBN" and any(c.dep_ == "aux" and c.lower_ in ("has", "have") for c in verb.children):
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
    """Token ranges of time expressions: the model's DATE/TIME entities reshaped, plus the
    standalone words and reference phrases of the lexicon outside them; overlaps merged."""
    spans: list[tuple[int, int]] = []
    covered: set[int] = set()
    for entity in doc.ents:
        if entity.label_ not in ENTITY_LABELS:
            continue
        covered.update(range(entity.start, entity.end))
        if is_age(doc, entity.start, entity.end) or is_address(doc, entity.start, entity.end):
            continue
        for start, end in split_entity(doc, entity.start, entity.end, lex):
            spans.append(extend(doc, start, end, lex))
    spans.extend(standalone_spans(doc, covered, lex))
    # a date in figures the model tags as a number or not at all ("on 1/3/2016")
    spans.extend((t.i, t.i + 1) for t in doc if "/" in t.text and _SLASH_DATE.fullmatch(t.text)
                 and not any(a <= t.i < b for a, b in spans))
    spans = [(start, end) for start, end in spans if not named_day(doc, start, lex)]
    spans.sort()
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and (start < merged[-1][1] or joins_day(doc, *merged[-1], start, end, lex)):
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def named_day(doc: Doc, start: int, lex: Lexicon) -> bool:
    """A weekday that is part of a name ("Bloody Friday", "Good Friday", "Black Monday"): an event
    or a feast, no day of the story (times.yaml: named_days)."""
    first = doc[start]
    if first.lower_ in lex.named_days and start + 1 < len(doc):
        first, before = doc[start + 1], first
    else:
        before = doc[start - 1] if start > 0 else None
    return before is not None and first.lower_ in lex.weekdays and before.is_title and \
        before.lower_ in lex.named_days


def joins_day(doc: Doc, left_start: int, left_end: int, start: int, end: int, lex: Lexicon) -> bool:
    """Whether two neighbouring candidates name one moment: "Sunday" + ", 28 January" or "Sunday
    night" + ", January 28th" (a weekday and its date), "10:30 p.m." + "on Saturday" or "dawn" + "on Sunday" (a time and its day). The model often
    tags them apart; read apart, the clock time would fall on the publication date."""
    gap = [doc[i].lower_ for i in range(left_end, start)]
    if not gap and left_end - left_start > 1 and doc[left_end - 1].lower_ == "on":
        left_end, gap = left_end - 1, ["on"]  # the model took the "on" into the time: "9:20 on" + "Thursday"
    if len(gap) > 1 or (gap and gap[0] not in (",", "on")):
        return False
    left_last = doc[left_end - 1].lower_
    right = [doc[i].lower_ for i in range(start, end)]
    if gap == [","] and (left_last in lex.weekdays or (
            left_last in lex.parts_of_day and any(doc[i].lower_ in lex.weekdays for i in range(left_start, left_end)))):
        return any(word in lex.months for word in right)  # "Thursday night, January 21st"
    if (left_last in lex.meridiems or left_last in lex.clock_words or left_last in lex.time_zones
            or _CLOCK.match(left_last)  # "9:20 on Thursday night"
            or (left_last in lex.parts_of_day and gap == ["on"])):  # "at dawn on Sunday"
        return any(w in lex.weekdays or w in lex.months or w in lex.deictic_days for w in right)
    return False


def standalone_spans(doc: Doc, covered: set[int], lex: Lexicon) -> list[tuple[int, int]]:
    """ "now", "recently", "in the near future": words and phrases the model rarely tags. Only
    tokens whose lower-case form is such a word, or ends such a phrase, are looked at (one
    vectorized membership test instead of a Python loop over every token)."""
    spans = []
    lowers = doc.to_array("LOWER")
    for i in numpy.flatnonzero(numpy.isin(lowers, standalone_hashes())).tolist():
        if i in covered:
            continue
        token = doc[i]
        tags = lex.standalone.get(token.lower_)
        if tags is not None and token.pos_ in tags:
            spans.append((i, i + 1))
            covered.add(i)
            continue
        for phrase in phrase_words():
            start = i + 1 - len(phrase)
            if (start >= 0 and phrase[-1] == token.lower_ and not covered.intersection(range(start, i))
                    and all(doc[start + k].lower_ == word for k, word in enumerate(phrase))):
                spans.append((start, i + 1))
                covered.update(range(start, i + 1))
                break
    return spans


@lru_cache(maxsize=1)
def phrase_words() -> tuple[tuple[str, ...], ...]:
    """The reference phrases as word tuples, longest first ("the near future" before "the future")."""
    return tuple(sorted((tuple(p.split()) for p in lexicon().reference_phrases), key=len, reverse=True))


@lru_cache(maxsize=1)
def standalone_hashes() -> numpy.ndarray:
    """spaCy's hashes of the standalone words and of the last words of reference phrases."""
    words = set(lexicon().standalone) | {phrase[-1] for phrase in phrase_words()}
    return numpy.array(sorted(hash_string(word) for word in words), dtype=numpy.uint64)


def is_address(doc: Doc, start: int, end: int) -> bool:
    """"the 1700 block of North Elm Street", "1567 W. National Avenue", "1501 Milton St.": a house
    number is no year."""
    if end - start != 1 or not doc[start].like_num:
        return False
    after = doc[end] if end < len(doc) else None
    if start > 0 and doc[start - 1].lower_ in {"in", "since", "by", "until", "of", "from", "during", "before", "after"}:
        return False  # "In 2015 Main Street was rebuilt"
    return after is not None and (after.lower_ in ("block", "blocks") or (
        after.is_title and after.pos_ == "PROPN" and after.i + 1 < len(doc) and doc[after.i + 1].lower_.rstrip(".") in _STREET_WORDS)
        or (after.lower_.rstrip(".") in {"n", "s", "e", "w", "north", "south", "east", "west"}
            and after.i + 2 < len(doc) and doc[after.i + 2].lower_.rstrip(".") in _STREET_WORDS))


_STREET_WORDS = frozenset({"street", "st", "avenue", "ave", "road", "rd", "boulevard", "blvd", "drive", "dr",
                           "lane", "ln", "way", "court", "ct", "place", "pl", "highway", "parkway"})


def is_age(doc: Doc, start: int, end: int) -> bool:
    """ "6-year-old", "52 years old", "aged 44": ages are not time expressions."""
    if any(doc[i].lower_ in ("old", "aged") for i in range(start, end)):
        return True
    return end < len(doc) and doc[end].lower_ in ("old", "-old")


def split_entity(doc: Doc, start: int, end: int, lex: Lexicon) -> list[tuple[int, int]]:
    """An entity cut at separators ("between 1994 and 1997", "the six months ended Oct. 1"), at
    commas between years ("1994, 1995"), and at "of" after a counted duration ("the first nine
    months of 1997"); each piece trimmed to its TimeML extent."""
    pieces: list[tuple[int, int]] = []
    piece_start = start
    for i in range(start, end):
        lower = doc[i].lower_
        cut = (lower in lex.separators
               or (lower == "," and years_on_both_sides(doc, piece_start, i, end, lex))
               or (lower == "of" and counted_duration(doc, piece_start, i, lex)))
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


def years_on_both_sides(doc: Doc, left: int, comma: int, end: int, lex: Lexicon) -> bool:
    """A comma between "1994" and "1995" separates two years; in "Oct. 7, 2023" it does not."""
    if any(doc[i].lower_ in lex.months for i in range(left, comma)):
        return False

    def has_year(tokens: range) -> bool:
        return any(len(doc[i].text) == 4 and doc[i].is_digit for i in tokens)

    return has_year(range(left, comma)) and has_year(range(comma + 1, end))


def counted_duration(doc: Doc, start: int, of: int, lex: Lexicon) -> bool:
    """Whether ``doc[start:of]`` ends in a number and a unit ("the first nine months")."""
    return (of - start >= 2 and doc[of - 1].lower_ in lex.units
            and (doc[of - 2].is_digit or doc[of - 2].lower_ in lex.numbers))


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
    """Take in the neighbours the model leaves out: "Wednesday" + "night", "9 a.m. (EST)" +
    "Tuesday", "each" + "Thursday", "This" + "year"."""
    last = doc[end - 1].lower_
    if last in lex.time_zones and end - 2 >= start:
        last = doc[end - 2].lower_  # "9 a.m. EST" ends in its time zone
    if end < len(doc):
        if doc[end].lower_ in lex.parts_of_day and (last in lex.weekdays or last in lex.deictic_days):
            end += 1
        elif last in lex.meridiems or last in lex.clock_words:
            after = end + 1 if doc[end].lower_ in lex.time_zones and end + 1 < len(doc) else end
            if doc[after].lower_ in lex.weekdays:
                end = after + 1
    if start > 0:
        first, before = doc[start].lower_, doc[start - 1].lower_
        anchored = first in lex.weekdays or first in lex.months or first in lex.units or first in lex.seasons
        if anchored and (before in lex.set_quantifiers or before in lex.relatives):
            start -= 1
    return start, end


# --- the extractor -------------------------------------------------------------------------------


def extract_times(doc: Doc, anchor: date | None) -> list[Time]:
    """Every time expression of ``doc`` with its TIMEX3-style value against ``anchor`` (the
    publication date). Offsets index ``doc.text``; expressions whose value the grammar cannot
    tell are kept with ``value=None``."""
    lex = lexicon()
    times: list[Time] = []
    # the last year the text names, and where: a narrative's own year, for the next few sentences
    stated_year: int | None = None
    stated_at = -1
    for start, end in candidate_spans(doc, lex):
        span = doc[start:end]
        if model_year(span):
            continue  # "a 2006 Suzuki": a car's model, no date
        reading = iso_date(span) or slash_date(span) or military_clock(span, anchor) or read_span(span, anchor, lex)
        parts = gather(classify(span, lex))
        here = span.sent.start
        if parts.year is not None and parts.decade is None and reading.type != "time":
            # a past perfect ("had fled to Florida in June 1998") tells backstory, not the setting
            stated_year, stated_at = (parts.year, here) if sets_the_year(span, parts) else (None, -1)
        elif stated_year is not None and (anchor is None or stated_year < anchor.year) and \
                sum(1 for _ in doc[stated_at:here].sents) <= NARRATIVE_SENTENCES:
            reading = narrative_month(parts, stated_year, tense_of(span, lex)) or reading
        times.append(Time(text=span.text, start=span.start_char, end=span.end_char,
                          value=reading.value, type=reading.type, granularity=granularity_of(reading)))
    return times


def model_year(span: Span) -> bool:
    """A lone year between "a"/"an" or an owner's word and a name: a product's model ("a 2006 Suzuki",
    "an 1998 Ford Taurus", "his 2002 Honda"), no date. "the 2011 raid", "a 2015 report" name a date of an act or a thing."""
    doc = span.doc
    if not (len(span) == 1 and span[0].like_num and len(span[0].text) == 4 and span.start > 0
            and span.end < len(doc) and doc[span.end].pos_ == "PROPN" and doc[span.end].is_title):
        return False
    before = doc[span.start - 1].lower_
    if before in {"a", "an"}:
        return True
    # an owner's word: a car's model, not a company's year ("his 1990 Anheuser EARNINGS projection")
    after = doc[span.end + 1] if span.end + 1 < len(doc) else None
    return before in {"his", "her", "their", "its", "my", "our", "your"} and (
        after is None or not (after.pos_ == "NOUN" and after.is_lower))


def sets_the_year(span: Span, parts: Parts) -> bool:
    """Whether a year sets the scene of a story: a bare year ("in 2009") on a simple-past verb of
    its own clause ("My family moved to Kabul in 2009.", "In 1992 the war began"). Not a date
    ("the Dec. 21, 1988, bombing"), a noun's year ("a series of shootings dating to 1994"), nor
    backstory in the past perfect ("had fled to Florida in June 1998")."""
    if parts.month is not None or parts.day is not None:
        return False
    root = span.root
    if root.dep_ != "pobj" or root.head.lower_ not in ("in", "during"):
        return False
    verb = root.head.head
    if verb.tag_ != "VBD" or verb.dep_ in ("acl", "relcl"):
        return False
    return not any(c.dep_ == "aux" and c.lower_ in ("had", "'d") for c in verb.children)


_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
# "1/3/2016", "12/25/15": a date in figures as US copy writes it, month first (day first when the
# first figure cannot be a month: "25/12/2015").
_SLASH_DATE = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})")


def slash_date(span: Span) -> Reading | None:
    """A date written in figures with slashes: that day. Month first, as US news and police
    releases write it, unless the first figure cannot be a month; a two-figure year is this
    century's up to 49."""
    match = _SLASH_DATE.fullmatch(span.text.strip())
    if match is None:
        return None
    first, second, year = (int(g) for g in match.groups())
    if len(match.group(3)) == 2:
        year += 2000 if year < 50 else 1900
    month, day = (second, first) if first > 12 else (first, second)
    if not valid_date(year, month, day):
        return None
    return Reading(f"{year:04d}-{month:02d}-{day:02d}")


def iso_date(span: Span) -> Reading | None:
    """"2015-12-21": a date written as ISO 8601 (lists, tables, timelines) is that day; read word by
    word it would be a year and two loose numbers."""
    match = _ISO_DATE.fullmatch(span.text.strip())
    if match is None or not valid_date(*(int(g) for g in match.groups())):
        return None
    return Reading(match.group(0))


def military_clock(span: Span, anchor: date | None) -> Reading | None:
    """ "at 1145", "around 1835": a 24-hour clock time as wire copy writes it, not a year (a year
    that long before the publication date is not said "at"). Its day is not said: XXXX-XX-XX."""
    if len(span) != 1 or span.start == 0 or span.doc[span.start - 1].lower_ not in MILITARY_CLOCK_CUES:
        return None
    text = span[0].text
    if not (len(text) == 4 and text.isdecimal() and int(text[:2]) <= 23 and int(text[2:]) <= 59):
        return None
    if anchor is not None and int(text) > anchor.year - 50:
        return None
    return Reading(f"XXXX-XX-XXT{text[:2]}:{text[2:]}", "time")


def narrative_month(parts: Parts, stated_year: int, tense: Tense) -> Reading | None:
    """A month named without a year ("In May", "one August morning") in a past-tense story the
    text has set in an earlier year ("My family moved to Kabul in 2009."): that year's month, not
    the publication year's. A day of the month ("May 3") still follows the publication date: news
    copy dates its own days so."""
    if tense != "past" or parts.month is None or parts.day is not None or parts.weekday is not None:
        return None
    if parts.relative is not None or parts.deictic is not None or parts.set_quantifier or parts.unit is not None:
        return None
    return Reading(f"{stated_year:04d}-{parts.month:02d}")


def read_span(span: Span, anchor: date | None, lex: Lexicon) -> Reading:
    """The reading of one candidate: a reference phrase or a general "today" first, then the
    grammar."""
    phrase = lex.reference_phrases.get(span.text.lower())
    if phrase is not None:
        return Reading(phrase)
    if len(span) == 1 and span[0].lower_ == "today" and is_general_today(span.doc, span.start, lex):
        return Reading("PRESENT_REF")
    words = [t for t in span if t.lower_ not in {"the", "on", "this", "last"}]
    feast = lex.feasts.get(" ".join(t.lower_ for t in words).replace(" 's", "'s"))
    if feast is not None:  # "on Christmas Day", "New Year's Eve": a day of the year by its name
        parts = Parts()
        parts.month, parts.day = feast
        parts.relative = -1 if any(t.lower_ == "last" for t in span) else None
        return read_parts(parts, anchor, tense_of(span, lex))
    return read_parts(gather(classify(span, lex)), anchor, tense_of(span, lex))


# --- which clause a date belongs to ----------------------------------------------------------------

# Edges up which a clause passes its date on to the verb it hangs from ("attacked on Sunday,
# killing four": the killing is Sunday's). A relative clause or a conjoined verb is another event
# with its own date ("Smith, who was killed Friday, was buried on Sunday").
_SHARING_DEPS = frozenset({"advcl", "xcomp", "ccomp", "pcomp", "prep", "pobj", "dobj", "nsubj", "nsubjpass",
                           "attr", "oprd", "npadvmod", "compound", "amod", "nmod", "poss", "appos", "agent"})


_RELATIVE_DEPS = frozenset({"relcl", "acl"})


def clause_verb(token) -> object:
    """The verb whose clause ``token`` is in (itself when it is one)."""
    for _ in range(8):
        if token.pos_ in ("VERB", "AUX") or token.head.i == token.i:
            return token
        token = token.head
    return token


def _modifies(token, nouns: set) -> bool:
    """Whether ``token`` hangs from one of ``nouns`` with no verb between ("explosions just before
    noon")."""
    for _ in range(4):
        if token.head.i == token.i or token.pos_ in ("VERB", "AUX"):
            return False
        token = token.head
        if token in nouns:
            return True
    return False


def upward_clauses(verb) -> list:
    """``verb`` and the verbs whose clause it is part of, up to a relative clause or a conjunct."""
    chain = [verb]
    while verb.head.i != verb.i and verb.dep_ in _SHARING_DEPS:
        verb = clause_verb(verb.head)
        if verb in chain:
            break
        chain.append(verb)
    return chain


def _issued_with(verb, mine: list) -> bool:
    """A participle on a noun of talk in a phrase of the event's own verb: "In a statement ISSUED
    Tuesday morning, Clinton called ...": when the statement came is when it was said."""
    noun = verb.head
    return verb.dep_ == "acl" and noun.dep_ == "pobj" and noun.lemma_.lower() in frame_words("talk_nouns") \
        and noun.head.dep_ == "prep" and noun.head.head in mine


def own_clause_times(head, candidates: list[Time]) -> list[Time]:
    """The date expressions among ``candidates`` (one sentence's) that belong to the clause of an
    event word ``head``: those of its own verb or of a verb its clause hangs from; a conjoined
    verb's only when the event's verb has none ("attacked and killed four on Sunday"); another
    clause's when there is none of those and no relative clause or conjunct separates them (the
    parse often hangs a sentence's date off the wrong verb); the clause's above a "where" clause
    it is in; never one in a relative clause or another conjunct ("was killed on Friday and
    buried on Sunday")."""
    doc = head.doc
    mine = upward_clauses(clause_verb(head))
    # the nouns the event is told by: the event noun ("the attack staged tonight") and the noun
    # its relative clause describes ("two explosions just before noon that left five wounded")
    nouns = {head} if head.pos_ in ("NOUN", "PROPN") else set()
    if mine[-1].dep_ in _RELATIVE_DEPS:
        nouns.add(mine[-1].head)
    # a "where" clause tells what happened at a place the clause above it sets at a time: "The
    # call came Sunday evening from Route 9, where troopers say a woman had been stabbed"
    host = upward_clauses(clause_verb(mine[-1].head)) if mine[-1].dep_ in _RELATIVE_DEPS and any(
        k.dep_ == "advmod" and k.lower_ == "where" for k in mine[-1].children) else []
    own, shared, other = [], [], []
    closest = []  # of the event's own clause, not of a clause above it: "arrested him on FRIDAY
    # after a clerk was stabbed on THURSDAY NIGHT": the stabbing's day is Thursday
    conjoined = False
    for t in candidates:
        span = doc.char_span(t.start, t.end, alignment_mode="expand")
        if span is None or not len(span):
            continue
        verb = clause_verb(span.root)
        # "since 2017, WHEN a general was killed": the time a relative clause describes is its own;
        # so is one of a clause or phrase on the event's own noun ("priests WHO WERE KILLED on")
        on_noun = (verb.dep_ in _RELATIVE_DEPS and verb.head in nouns) or span.root in nouns \
            or _modifies(span.root, nouns)
        if verb in mine or on_noun or _issued_with(verb, mine):
            own.append(t)
            if verb == mine[0] or on_noun:
                closest.append(t)
        elif verb in host:
            shared.append(t)
        elif verb.dep_ == "conj" and (verb.head in mine or clause_verb(verb.head) in mine):
            shared.append(t)  # "attacked and killed four on Sunday"
        elif mine[0].dep_ == "conj" and mine[0].head.i == verb.i:
            shared.append(t)  # "on Sunday gunmen stormed the town and killed four"
        elif mine[-1].dep_ not in _RELATIVE_DEPS and upward_clauses(verb)[-1].dep_ not in _RELATIVE_DEPS:
            other.append(t)  # another clause of the sentence, neither of them a relative clause
        conjoined = conjoined or verb.dep_ == "conj" or mine[0].dep_ == "conj"
    # a date of a clause the parse does not tie to the event's is still the sentence's date, unless
    # a relative clause or a conjunct with its own date separates them
    return closest or own or shared or ([] if conjoined else other)

