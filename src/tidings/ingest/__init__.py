"""Reading articles: ``.txt``, ``.html``, ``.jsonl`` files, directories of them, and JSONL on stdin.

``read_inputs`` turns command-line inputs into a stream of ``Article`` objects, in input order.
A path that does not exist is a usage error (raised before the first article, so the CLI can exit 2
without half an output). A *bad article* never raises: it comes out as an ``Article`` whose
``errors`` say why (codes in ``errors.py``), so a batch always goes on and every input is accounted
for.

The text of an article is kept exactly as given (only a byte-order mark is removed), because every
offset tidings reports indexes it. A leading dateline ("KABUL, Afghanistan (Jan. 25, 2013) —") is
read as metadata but stays in the text; ``Article.dateline`` is the span it covers.

Memory stays bounded: a file's size is checked with ``stat`` before it is read, and JSONL is read
line by line with a cap on the line length, so a 50 MB file or a single 1 GB line costs one error,
not the machine.
"""

from __future__ import annotations

import codecs
import hashlib
import json
import os
import re
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any, BinaryIO, NamedTuple


from ..config import settings
from ..datafiles import load_yaml, month_numbers
from ..errors import UsageError, error
from ..models import FORMAT, Article, ArticleError, ArticleResult, Span, article_id_for

#: File suffixes read, and how. Anything else inside a directory is skipped.
SUFFIXES: dict[str, str] = {".txt": "text", ".html": "html", ".htm": "html", ".jsonl": "jsonl",
                            ".rss": "feed", ".atom": "feed", ".xml": "feed", ".warc": "warc", ".gz": "warc"}

STDIN = "-"
# A stored result line (``tidings dump``) holds the article's text and all its facts as JSON, so it
# may be this many times the size limit of one article's text.
RESULT_LINE_FACTOR = 10

# Bytes that never occur in text files (C0 controls except tab, newline, vertical tab, form feed,
# carriage return and escape, plus DEL). A share above BINARY_CONTROL_SHARE means a binary file.
_CONTROL_BYTES = bytes([*range(0x01, 0x09), 0x0E, 0x0F, *range(0x10, 0x1B), *range(0x1C, 0x20), 0x7F])
_CONTROL_CHARS = re.compile("[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f]")
BINARY_CONTROL_SHARE = 0.05

# Datelines are only looked for this far into the text: they open an article.
_DATELINE_WINDOW = 300
# JSONL lines over the size limit are skipped in chunks of this size, never held whole.
_SKIP_CHUNK = 1 << 20
# An HTML page's main text needs one line of at least this many words: a page of navigation,
# buttons, a cookie banner or a list of headline links gives only short lines, and events read
# from "Attack of the week: read more" are not news (issue 19).
MIN_PARAGRAPH_WORDS = 8


# --- language data (src/tidings/data/languages.yaml) --------------------------------------------


@dataclass(frozen=True)
class _LanguageData:
    min_words: int
    min_letters: int
    sample_chars: int
    script_share: float
    english_share: float
    foreign_share: float
    foreign_ratio: float
    english: frozenset[str]
    latin: dict[str, frozenset[str]]
    scripts: dict[str, re.Pattern[str]]
    any_script: re.Pattern[str]  # a letter of any script in ``scripts``
    word_languages: dict[str, tuple[str, ...]]  # word -> the lists it is in ("en" for ``english``)
    months: dict[str, int]
    not_places: frozenset[str]


def _char_class(ranges: list[str]) -> re.Pattern[str]:
    """``["U+0600-U+06FF", ...]`` -> a compiled character class matching any of the ranges."""
    parts = []
    for item in ranges:
        low, _, high = item.partition("-")
        parts.append(f"{chr(int(low[2:], 16))}-{chr(int(high[2:], 16))}")
    return re.compile("[" + "".join(parts) + "]")


@lru_cache(maxsize=1)
def language_data() -> _LanguageData:
    """The parsed ``data/languages.yaml``, loaded once."""
    raw = load_yaml("languages.yaml")
    limits = raw["thresholds"]
    lists = {"en": raw["english"], **raw["latin_languages"]}
    word_languages: dict[str, list[str]] = {}
    for code, words in lists.items():
        for word in dict.fromkeys(words):
            word_languages.setdefault(word, []).append(code)
    return _LanguageData(
        min_words=int(limits["min_words"]),
        min_letters=int(limits["min_letters"]),
        sample_chars=int(limits["sample_chars"]),
        script_share=float(limits["script_share"]),
        english_share=float(limits["english_share"]),
        foreign_share=float(limits["foreign_share"]),
        foreign_ratio=float(limits["foreign_ratio"]),
        english=frozenset(raw["english"]),
        latin={code: frozenset(words) for code, words in raw["latin_languages"].items()},
        scripts={code: _char_class(ranges) for code, ranges in raw["scripts"].items()},
        any_script=_char_class([r for ranges in raw["scripts"].values() for r in ranges]),
        word_languages={word: tuple(codes) for word, codes in word_languages.items()},
        months=month_numbers(),
        not_places=frozenset(raw["not_dateline_places"]),
    )


# --- language ---------------------------------------------------------------------------------

_WORD = re.compile(r"[^\W\d_]+")
_LETTER = re.compile(r"[^\W\d_]")
_ENGLISH_TAGS = frozenset({"en", "eng", "english"})


def is_english_tag(tag: str) -> bool:
    """Whether a declared language tag ("en", "en-GB", "eng", "English") means English."""
    return re.split(r"[-_]", tag.strip().lower(), maxsplit=1)[0] in _ENGLISH_TAGS


def detect_language(text: str) -> str | None:
    """The ISO 639-1 code of the language ``text`` is clearly written in ("en", "fr", "ar", ...).

    Returns None when the text cannot be judged: too short, or no list wins clearly (a table of
    names, a mix). The check reads only the first ``sample_chars`` characters: script first
    (Arabic, Cyrillic, CJK, ... by Unicode range), then the share of common function words.
    """
    data = language_data()
    sample = text[: data.sample_chars]
    if not sample.isascii():
        foreign = len(data.any_script.findall(sample))
        if foreign >= data.min_letters and foreign > data.script_share * len(_LETTER.findall(sample)):
            counts = {code: len(chars.findall(sample)) for code, chars in data.scripts.items()}
            return max(counts, key=counts.__getitem__)
    words = _WORD.findall(sample.lower())
    if len(words) < data.min_words:
        return None
    # one pass over the distinct words, not one per language: this runs on every article
    hits: Counter[str] = Counter()
    for word, count in Counter(words).items():
        for code in data.word_languages.get(word, ()):
            hits[code] += count
    english = hits["en"] / len(words)
    best = max(data.latin, key=hits.__getitem__)
    share = hits[best] / len(words)
    if share >= data.foreign_share and share >= data.foreign_ratio * english:
        return best
    if english >= data.english_share:
        return "en"
    return None


# --- datelines --------------------------------------------------------------------------------


class Dateline(NamedTuple):
    """A dateline read from the start of an article. ``span`` indexes the article text."""

    span: Span
    place: str  # "KABUL, Afghanistan"
    date: date | None  # the dateline's date; None when it has none or its year is unknown
    agency: str | None  # "Reuters" in "(Reuters)", when the parenthesis is not a date


_H = r"[^\S\n]"  # horizontal white space, NBSP included
# a word of a place name: "GAZA", "AL-AIN", "N'DJAMENA", "D.C."; never ending in a hyphen, which
# would let "AL-QAIDA-LINKED" pass for a place and its dash
_NAME = r"[^\W\d_](?:[\w'’.&\-]*[\w'’.])?"
_PART = rf"{_NAME}(?:{_H}{_NAME}){{0,4}}"
_DASH = r"(?:--?|—|–|―)"


@lru_cache(maxsize=1)
def _dateline_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    months = "|".join(sorted(language_data().months, key=len, reverse=True))
    month = rf"(?i:{months})\b\.?"
    # "Jan. 25, 2013", "Jan 29", "10 JAN 90", "3 March 2024"
    day_first = rf"(?P<d2>\d{{1,2}}){_H}+(?P<m2>{month})(?:,?{_H}+(?P<y2>\d{{4}}|\d{{2}}))?"
    month_first = rf"(?P<m1>{month}){_H}*(?P<d1>\d{{1,2}})(?:(?:,|{_H})+(?P<y1>\d{{4}}|\d{{2}}))?"
    date = rf"(?:{month_first}|{day_first})"
    dateline = re.compile(
        rf"(?P<place>{_PART}(?:,{_H}+{_PART}){{0,2}}?"
        # a country in parentheses before the date, FBIS style: "MANAGUA (NICARAGUA), 9 MAR 89"
        rf"(?:{_H}*\({_PART}\)(?=,))?)"
        rf"(?:,{_H}+(?P<date>{date}))?"
        rf"(?:{_H}*\((?P<paren>[^()\n]{{1,60}})\))?"
        rf"(?P<tail>{_H}*{_DASH}(?=\s|\Z|(?P<glued>[A-Z])))?"
        # a dateline ends with its parenthesis or its dash; a bare "NAIROBI, Kenya" is just text
        rf"(?<=[)\-—–―])"
    )
    return dateline, re.compile(rf"{_H}*{date}{_H}*")


def _date_from(match: re.Match[str], reference: date | None) -> date | None:
    """The date in a dateline match (groups m1/d1/y1 or m2/d2/y2); the year from ``reference``
    when the dateline has none (the date closest to it, so "Dec 31" near Jan 2 is last year)."""
    month_name, day, year = match["m1"], match["d1"], match["y1"]
    if month_name is None:
        month_name, day, year = match["m2"], match["d2"], match["y2"]
    month = language_data().months[month_name.rstrip(".").lower()]
    if year is not None:
        # two-digit years are wire-service style of the last century ("10 JAN 90") or this one
        full_year = int(year) if len(year) == 4 else (1900 if int(year) >= 50 else 2000) + int(year)
        return _valid_date(full_year, month, int(day))
    if reference is None:
        return None
    candidates = [d for y in (reference.year - 1, reference.year, reference.year + 1)
                  if (d := _valid_date(y, month, int(day))) is not None]
    return min(candidates, key=lambda d: abs((d - reference).days), default=None)


def _valid_date(year: int, month: int, day: int) -> date | None:
    """The date, or None when the calendar has no such day ("Feb 30")."""
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _first_lines(text: str) -> Iterator[int]:
    """Where a dateline may start: the first non-blank line, and the second one when the first is
    short enough to be a headline ("Blast kills 12 in Kabul\\n\\nKABUL (AP) — ...")."""
    pos = len(text) - len(text.lstrip())
    yield pos
    newline = text.find("\n", pos, pos + 200)
    if newline != -1:
        rest = text[newline:]
        yield newline + len(rest) - len(rest.lstrip())


# Where a dateline glued to a scraped page's title may start: capitals right after a lower-case
# letter or a digit ("Fox 59INDIANAPOLIS, Ind. (Jan. 8, 2016)-") or after a title separator.
_GLUED_START = re.compile(r"(?<=[a-z0-9])(?=[A-Z]{2})|(?<=\| )(?=[A-Z]{2})")


_SITE_ENDS = (".com", ".net", ".org", ".tv")  # a site's address, glued to the dateline after it


def _glued_starts(text: str) -> Iterator[int]:
    """Where a dateline glued to a page title may start, within the opening window."""
    for match in _GLUED_START.finditer(text, 0, min(len(text), _DATELINE_WINDOW)):
        yield match.start()


def title_end(text: str, title: str | None) -> int | None:
    """Where the page title that opens ``text`` ends, when the text starts with the article's title
    (scraped pages glue it to the story: "Woman hurt in Dover stabbing | KXYZ 12DOVER, Del.–A
    woman was"), else None."""
    title = (title or "").strip()
    start = len(text) - len(text.lstrip())
    if not title or not text.startswith(title, start):
        return None
    end = start + len(title)
    return end if text[end:].strip() else None


def parse_dateline(text: str, published: date | None = None, title: str | None = None) -> Dateline | None:
    """The dateline that opens ``text`` (or the line after a headline), or None if it has none.

    Forms read: ``KABUL, Afghanistan (Jan. 25, 2013) —``, ``WASHINGTON, Jan 29 (Reuters) -``,
    ``BAGHDAD (AP) —``, ``NAIROBI, Kenya, March 3 (AFP) -``. The place must be in capitals (wire
    style), or else be at most three words followed by both a parenthesis and a dash:
    "Police (pictured) -" is not one.
    A date without a year takes its year from ``published``. When the text opens with its
    ``title``, the dateline may follow the title with no break, and its dash may touch the story.
    """
    pattern, date_only = _dateline_patterns()
    firsts = list(_first_lines(text))
    after_title = title_end(text, title)
    if after_title is not None:
        firsts.insert(0, after_title + len(text[after_title:]) - len(text[after_title:].lstrip()))
    for start in [*firsts, *(s for s in _glued_starts(text) if s not in firsts)]:
        match = pattern.match(text, start, min(len(text), start + _DATELINE_WINDOW))
        if match is None or (match["glued"] is not None and after_title is None):
            continue
        place, paren = match["place"], match["paren"]
        parts = [p.strip() for p in place.split(",")]
        if not all(p[0].isupper() for p in parts) or parts[0].upper() in language_data().not_places:
            continue
        paren_date = date_only.fullmatch(paren) if paren else None
        if start not in firsts and not (parts[0].isupper() and len(parts) > 1 and paren and match["tail"]) \
                and not (parts[0].isupper() and match["tail"] and text[max(0, start - 4):start].lower().endswith(_SITE_ENDS)) \
                and not (parts[0].isupper() and paren and match["tail"] and "|" in text[max(0, start - 80):start]):
            continue  # glued to a page title: only the full wire form "PLACE, State (...) -", a place
            # in capitals and its dash right after the site's address ("FOX6Now.comMILWAUKEE --"), or
            # a wire dateline right after the site's name ("| Colorado Springs Gazette, NewsSAN FRANCISCO (AP) —")
        if not parts[0].isupper():
            # "Kabul (Reuters) -" is a dateline; "By Jane Doe. BOSTON (Reuters) -" starts with a
            # byline, not a place: a title-case place is at most three words ("Dar es Salaam")
            if len(parts[0].split()) > 3:
                continue
            looks_like_agency = paren is not None and all(w[0].isupper() for w in paren.split())
            if match["tail"] is None or not (paren_date or looks_like_agency):
                continue
        if match["date"] is not None:
            when = _date_from(match, published)
        elif paren_date is not None:
            when = _date_from(paren_date, published)
        else:
            when = None
        end = match.start("tail") if match["tail"] is not None else match.end()
        return Dateline(
            span=Span(text=text[start:end], start=start, end=end),
            place=place,
            date=when,
            agency=paren.strip() if paren and paren_date is None else None,
        )
    return None


# --- decoding ---------------------------------------------------------------------------------


def _binary_reason(data: bytes) -> str | None:
    """Why ``data`` looks binary (NUL bytes, many control bytes), or None when it looks like text."""
    nul = data.find(0)
    if nul != -1:
        return f"NUL byte at offset {nul}"
    controls = len(data) - len(data.translate(None, _CONTROL_BYTES))
    if controls > BINARY_CONTROL_SHARE * len(data):
        return f"{controls} control bytes in {len(data)}"
    return None


def _binary_text_reason(text: str) -> str | None:
    """Like ``_binary_reason`` for text that is already decoded (a JSONL ``text`` field)."""
    controls = _CONTROL_CHARS.findall(text)
    if "\x00" in controls:
        return f"NUL character at offset {text.index(chr(0))}"
    if len(controls) > BINARY_CONTROL_SHARE * len(text):
        return f"{len(controls)} control characters in {len(text)}"
    return None


def decode_text(data: bytes) -> str | ArticleError:
    """Bytes -> text, or the error that says why not (E002 binary, E003 not UTF-8).

    UTF-8 is required; a UTF-8 byte-order mark is removed, and UTF-16/32 with a byte-order mark are
    decoded (Windows tools write them). Bytes are never replaced: an invalid byte is an error.
    """
    for bom, codec in ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
                       (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError as exc:
                return error("E003", detail=f"{codec} with a byte-order mark, but {exc.reason} at byte {exc.start}")
            reason = _binary_text_reason(text)
            return error("E002", detail=reason) if reason else text
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    reason = _binary_reason(data)
    if reason:
        return error("E002", detail=reason)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return error("E003", detail=f"byte 0x{data[exc.start]:02x} at offset {exc.start}: {exc.reason}")


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_\-:.]+)""", re.IGNORECASE)


def decode_html(data: bytes) -> str | ArticleError:
    """HTML bytes -> text: UTF-8 (or UTF-16 with a BOM) first, then the charset the page declares
    in a ``<meta>`` tag, decoded strictly. Old news sites still serve windows-1252 and say so."""
    text = decode_text(data)
    if not isinstance(text, ArticleError) or text.code != "E003":
        return text
    declared = _META_CHARSET.search(data[:4096])
    if declared is None:
        return text
    charset = declared.group(1).decode("ascii")
    try:
        return data.decode(charset)
    except LookupError:
        return error("E003", detail=f"not UTF-8, and the declared charset {charset!r} is unknown")
    except UnicodeDecodeError as exc:
        return error("E003", detail=f"not valid as the declared charset {charset!r}: byte {exc.start}")


# --- building articles ------------------------------------------------------------------------


def _raw_id(raw: bytes | str) -> str:
    """An id for an article whose text could not be read: a hash of what was there (the bytes, or
    for a file that was never read, its path), so errors are still reported under stable ids."""
    data = raw.encode("utf-8", "surrogatepass") if isinstance(raw, str) else raw
    return "a-" + hashlib.sha256(data).hexdigest()[:16]


def _failed(raw: bytes | str, origin: str, errors: list[ArticleError], **meta: Any) -> Article:
    return Article(id=meta.pop("id", None) or _raw_id(raw), text="", origin=origin, errors=errors, **meta)


def article_from_text(
    text: str,
    origin: str,
    *,
    published: date | None = None,
    fields: dict[str, Any] | None = None,
    errors: Iterable[ArticleError] = (),
) -> Article:
    """An ``Article`` from decoded text, with its dateline, language and publication date.

    ``fields`` carries metadata the input declared (JSONL fields, HTML metadata): ``id``,
    ``published`` (a date), ``title``, ``url``, ``source``, ``language``. The publication date is the
    declared one, else the dateline's date, else ``published`` (the command line's --published).
    """
    fields = dict(fields or {})
    errors = list(errors)
    declared_published = fields.pop("published", None)
    if not text.strip():
        return _failed(text, origin, [*errors, error("E001")], **fields)
    reason = _binary_text_reason(text)
    if reason:
        return _failed(text, origin, [*errors, error("E002", detail=reason)], **fields)

    dateline = parse_dateline(text, published, fields.get("title"))
    if declared_published is not None:
        when = declared_published
    elif dateline is not None and dateline.date is not None:
        when = dateline.date
    else:
        when = published

    declared_language = fields.pop("language", None)
    if declared_language is not None:
        # a declared language is trusted over the guess: it is how a user overrides a wrong guess
        language = declared_language
        if not is_english_tag(declared_language):
            errors.append(error("E008", detail=declared_language))
    else:
        detected = detect_language(text)
        language = detected or "en"
        if detected is not None and detected != "en":
            errors.append(error("E008", detail=detected))

    source = fields.pop("source", None) or (dateline.agency if dateline else None)
    return Article(
        id=fields.pop("id", None) or article_id_for(text),
        text=text,
        published=when,
        language=language,
        source=source,
        dateline=dateline.span if dateline else None,
        dateline_place=dateline.place if dateline else None,
        origin=origin,
        errors=errors,
        **fields,
    )


def article_from_bytes(data: bytes, origin: str, *, published: date | None = None) -> Article:
    """An ``Article`` from the bytes of a plain-text article (a ``.txt`` file). Never raises."""
    if not data:
        return _failed(data, origin, [error("E001")])
    text = decode_text(data)
    if isinstance(text, ArticleError):
        return _failed(data, origin, [text])
    return article_from_text(text, origin, published=published)


def article_from_html(data: bytes, origin: str, *, published: date | None = None) -> Article:
    """An ``Article`` from an HTML page: the main text as trafilatura finds it (scripts, styles,
    navigation and comments never reach it), with the page's title, date and URL. Never raises."""
    if not data.strip():
        return _failed(data, origin, [error("E001")])
    html = decode_html(data)
    if isinstance(html, ArticleError):
        return _failed(data, origin, [html])
    import trafilatura  # heavy (lxml, htmldate): loaded only when an HTML page is read

    try:
        document = trafilatura.bare_extraction(
            html,
            with_metadata=True,
            include_comments=False,
            prune_xpath=["//noscript"],  # "please enable JavaScript" is not the article
            # metadata only: htmldate's extensive search guesses dates from any number in the page
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except Exception as exc:  # trafilatura on hostile markup: the page fails, the batch goes on
        return _failed(data, origin, [error("E007", detail=f"extraction failed: {type(exc).__name__}: {exc}")])
    if document is None or not (document.text or "").strip():
        return _failed(data, origin, [error("E007", detail="no paragraph of text outside scripts, "
                                                            "styles, navigation and boilerplate")])
    if not any(len(line.split()) >= MIN_PARAGRAPH_WORDS for line in document.text.splitlines()):
        return _failed(data, origin, [error("E007", detail=f"no paragraph of {MIN_PARAGRAPH_WORDS} "
                                                            f"words or more, only short lines (menus, "
                                                            f"buttons, headline links)")])
    fields: dict[str, Any] = {"title": document.title, "url": document.url, "source": document.sitename}
    if document.date:
        # a page's date is declared metadata, like JSONL's. htmldate writes ISO dates, so a value
        # that does not parse is htmldate's doubt, not the page's error: the dateline then decides
        fields["published"] = _parse_published(document.date)
    return article_from_text(document.text, origin, published=published,
                             fields={k: v for k, v in fields.items() if v is not None})


def _parse_published(value: str) -> date | None:
    """"2024-01-29" or an ISO timestamp ("2024-01-29T10:00:00Z") -> date; None if neither."""
    try:
        return datetime.fromisoformat(value).date()  # takes bare dates too
    except ValueError:
        return None


_STRING_FIELDS = ("id", "title", "url", "source", "language")


def article_from_record(record: object, origin: str, *, published: date | None = None,
                        raw: bytes | str = b"") -> Article:
    """An ``Article`` from one parsed JSONL value. Only ``text`` is required; unknown keys are
    ignored; a field of the wrong type is E006 naming it, a bad ``published`` E010."""
    if not isinstance(record, dict):
        return _failed(raw, origin, [error("E005", detail=f"{origin}: expected a JSON object, "
                                                         f"got {_json_type(record)}")])
    errors: list[ArticleError] = []
    fields: dict[str, Any] = {}
    for name in _STRING_FIELDS:
        value = record.get(name)
        if value is None:
            continue
        if isinstance(value, str):
            fields[name] = value
        else:
            errors.append(error("E006", detail=f"{origin}: field {name!r} must be a string, "
                                               f"got {_json_type(value)}"))
    value = record.get("published")
    if value is not None:
        if not isinstance(value, str):
            errors.append(error("E006", detail=f"{origin}: field 'published' must be a string "
                                               f"(YYYY-MM-DD), got {_json_type(value)}"))
        elif (parsed := _parse_published(value)) is None:
            errors.append(error("E010", detail=f"{origin}: {value!r}"))
        else:
            fields["published"] = parsed
    text = record.get("text")
    if not isinstance(text, str):
        got = "nothing" if text is None else _json_type(text)
        errors.append(error("E006", detail=f"{origin}: field 'text' is required and must be a string, got {got}"))
        return _failed(raw, origin, errors, **fields)
    return article_from_text(text, origin, published=published, fields=fields, errors=errors)


def _json_type(value: object) -> str:
    names = {dict: "an object", list: "an array", str: "a string", bool: "a boolean",
             int: "a number", float: "a number"}
    return names.get(type(value), type(value).__name__)


# --- files and streams ------------------------------------------------------------------------


def _read_file(path: Path, origin: str, max_bytes: int) -> bytes | ArticleError:
    """The bytes of ``path``, or E004 when ``stat`` says it is over the limit (never read), or E009."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            return error("E004", detail=f"{origin} ({size:,} bytes)", limit=f"{max_bytes:,}")
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)  # the file may have grown since stat
    except OSError as exc:
        return error("E009", detail=f"{origin}: {exc.strerror or exc}")
    if len(data) > max_bytes:
        return error("E004", detail=f"{origin} (over {max_bytes:,} bytes)", limit=f"{max_bytes:,}")
    return data


def _read_one(path: Path, build, published: date | None, max_bytes: int | None) -> Article:
    """One article from a whole file, built from its bytes by ``build``. Never raises."""
    origin = str(path)
    data = _read_file(path, origin, settings().max_bytes if max_bytes is None else max_bytes)
    if isinstance(data, ArticleError):
        return _failed(origin, origin, [data])
    return build(data, origin, published=published)


def read_text_file(path: Path, *, published: date | None = None, max_bytes: int | None = None) -> Article:
    """One ``.txt`` article. Never raises."""
    return _read_one(path, article_from_bytes, published, max_bytes)


def read_html_file(path: Path, *, published: date | None = None, max_bytes: int | None = None) -> Article:
    """One ``.html`` article. Never raises."""
    return _read_one(path, article_from_html, published, max_bytes)


def _lines(stream: BinaryIO, max_bytes: int) -> Iterator[tuple[int, bytes | int]]:
    """(line number, bytes) for each line; (line number, size) for a line over ``max_bytes``,
    which is skipped in chunks so that it is never held in memory whole."""
    number = 0
    while True:
        line = stream.readline(max_bytes + 1)
        if not line:
            return
        number += 1
        if len(line) <= max_bytes or (len(line) == max_bytes + 1 and line.endswith(b"\n")):
            yield number, line
            continue
        size = len(line)
        while not line.endswith(b"\n"):
            line = stream.readline(_SKIP_CHUNK)
            if not line:
                break
            size += len(line)
        yield number, size


def read_jsonl(stream: BinaryIO, name: str, *, published: date | None = None,
               max_bytes: int | None = None, results: bool = False) -> Iterator[Article | ArticleResult]:
    """One ``Article`` per non-blank line of a JSONL stream; ``origin`` is ``name:LINE``.
    A bad line yields an Article with its error (E003, E004, E005, E006, ...) and reading goes on.

    With ``results``, a line that is a stored article result (``"format": "tidings/1"`` with an
    ``article``: what ``tidings dump`` and ``tidings extract --format jsonl`` write) comes out as
    that ``ArticleResult``, to be stored as it is (see ``result_from_record``)."""
    limit = settings().max_bytes if max_bytes is None else max_bytes
    line_limit = limit * RESULT_LINE_FACTOR if results else limit
    for number, line in _lines(stream, line_limit):
        origin = f"{name}:{number}"
        if isinstance(line, int):
            yield _failed(origin, origin, [error("E004", detail=f"line {origin} ({line:,} bytes)",
                                                 limit=f"{line_limit:,}")])
            continue
        if number == 1 and line.startswith(codecs.BOM_UTF8):
            line = line[len(codecs.BOM_UTF8):]
        if not line.strip():
            continue  # blank lines (a trailing newline, a separator) are not articles
        line = line.rstrip(b"\r\n")  # the line ending is not part of the JSON value
        try:
            decoded = line.decode("utf-8")
        except UnicodeDecodeError as exc:
            yield _failed(line, origin, [error("E003", detail=f"line {origin}, byte 0x{line[exc.start]:02x} "
                                                             f"at column {exc.start + 1}: {exc.reason}")])
            continue
        try:
            record = json.loads(decoded)
        except json.JSONDecodeError as exc:
            yield _failed(line, origin, [error("E005", detail=f"{origin}: {exc.msg} (column {exc.colno})")])
            continue
        except RecursionError:  # "[[[[..." nested deeper than the parser allows
            yield _failed(line, origin, [error("E005", detail=f"{origin}: nested too deeply")])
            continue
        if results and is_result_record(record):
            yield result_from_record(record, origin, raw=line)
        elif len(line) > limit:  # only reachable with ``results``: an article line over the limit
            yield _failed(origin, origin, [error("E004", detail=f"line {origin} ({len(line):,} bytes)",
                                                 limit=f"{limit:,}")])
        else:
            yield article_from_record(record, origin, published=published, raw=line)


def is_result_record(record: object) -> bool:
    """Whether a parsed JSONL value is a stored article result rather than an input article."""
    return isinstance(record, dict) and record.get("format") == FORMAT and isinstance(record.get("article"), dict)


def result_from_record(record: dict[str, Any], origin: str, *, raw: bytes | str = b"") -> ArticleResult | Article:
    """The ``ArticleResult`` a result line holds, checked: it must validate against the tidings/1
    model, and its facts' offsets must index its article text (a hand-edited text or span would
    otherwise be stored as evidence it is not). A line that fails is an Article with E006 saying
    where; it is not re-extracted, so nothing is silently changed. The result keeps the ``origin``
    it was first read from."""
    from pydantic import ValidationError

    try:
        result = ArticleResult.model_validate(record)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "the line"
        return _failed(raw, origin, [error("E006", detail=f"{origin}: a tidings/1 result line whose "
                                                         f"{where} is wrong: {first['msg']}")])
    text = result.article.text
    for span in _result_spans(result):
        if not 0 <= span.start <= span.end <= len(text) or text[span.start:span.end] != span.text:
            return _failed(raw, origin, [error("E006", detail=f"{origin}: a tidings/1 result line whose "
                                                             f"span {span.text!r} at {span.start}-{span.end} "
                                                             f"does not index its article text")],
                           id=result.article.id)
    return result


def _result_spans(result: ArticleResult) -> Iterator[Any]:
    """The spans of a result that must slice its text: mentions, triggers, evidence, quotes."""
    yield from result.actors
    yield from result.places
    yield from result.times
    for event in result.events:
        yield event.trigger
        yield from event.evidence
    for statement in result.statements:
        yield statement.content


# --- feeds and web archives ---------------------------------------------------------------------


def _html_fragment_text(fragment: str) -> str:
    """The text of an HTML fragment (a feed entry's content): tags dropped, scripts and styles
    removed with their content. Feed entries are too short for trafilatura's main-text search."""
    import lxml.html
    from lxml_html_clean import Cleaner

    if "<" not in fragment:
        return fragment.strip()
    try:
        tree = lxml.html.fromstring(fragment)
    except (ValueError, lxml.etree.ParserError):
        return ""
    cleaned = Cleaner(scripts=True, javascript=True, style=True, comments=True).clean_html(tree)
    return " ".join(cleaned.text_content().split())


def read_feed(path: Path, *, published: date | None = None, max_bytes: int | None = None) -> Iterator[Article]:
    """Articles from an RSS or Atom feed file: one per entry, its content (or summary) as text, its
    link, title and date as metadata. A feed that cannot be parsed is one E009 article."""
    import feedparser

    limit = settings().max_bytes if max_bytes is None else max_bytes
    data = _read_file(path, str(path), limit * 10)  # a feed holds many articles
    if isinstance(data, ArticleError):
        yield _failed(str(path), str(path), [data])
        return
    feed = feedparser.parse(data)
    if feed.bozo and not feed.entries:
        yield _failed(data, str(path), [error("E009", detail=f"{path}: not a readable RSS/Atom feed "
                                                          f"({feed.get('bozo_exception')})")])
        return
    source = feed.feed.get("title")
    for n, entry in enumerate(feed.entries, 1):
        origin = f"{path}#{n}"
        body = entry.get("content", [{}])[0].get("value") or entry.get("summary") or ""
        text = _html_fragment_text(body)
        if len(text.encode("utf-8")) > limit:
            yield _failed(text, origin, [error("E004", detail=f"feed entry {n}", limit=limit)])
            continue
        when = entry.get("published_parsed") or entry.get("updated_parsed")
        fields: dict[str, Any] = {"title": entry.get("title"), "url": entry.get("link"), "source": source}
        if when:
            fields["published"] = date(when.tm_year, when.tm_mon, when.tm_mday)
        yield article_from_text(text, origin, published=published,
                                fields={k: v for k, v in fields.items() if v is not None})


def read_warc(path: Path, *, published: date | None = None, max_bytes: int | None = None) -> Iterator[Article]:
    """Articles from a WARC archive (``.warc`` or ``.warc.gz``), streamed record by record: every
    HTTP response with an HTML body becomes one article, its target URI the article's URL."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    limit = settings().max_bytes if max_bytes is None else max_bytes
    try:
        handle = path.open("rb")
    except OSError as exc:
        yield _failed(str(path), str(path), [error("E009", detail=f"{path}: {exc.strerror or exc}")])
        return
    with handle:
        try:
            for n, record in enumerate(ArchiveIterator(handle), 1):
                if record.rec_type != "response" or record.http_headers is None:
                    continue
                if "html" not in (record.http_headers.get_header("Content-Type") or ""):
                    continue
                uri = record.rec_headers.get_header("WARC-Target-URI")
                origin = f"{path}#{n}"
                body = record.content_stream().read(limit + 1)
                if len(body) > limit:
                    yield _failed(uri or origin, origin, [error("E004", detail=f"WARC record {n}", limit=limit)])
                    continue
                article = article_from_html(body, origin, published=published)
                if uri and article.url is None:
                    article = article.model_copy(update={"url": uri})
                yield article
        except ArchiveLoadFailed as exc:
            yield _failed(str(path), str(path), [error("E009", detail=f"{path}: not a readable WARC archive ({exc})")])


def walk_directory(root: Path, skipped: list[Path] | None = None) -> Iterator[Path | ArticleError]:
    """The readable files under ``root`` (``SUFFIXES``), depth first in sorted name order, so the
    same tree always gives the same order. A directory that cannot be listed comes out as the E009
    error that names it, in its place. Hidden entries (".git", editor swap files) are skipped;
    symbolic links to directories are not followed (they can loop). Other files (a PDF, an image)
    are not read: they are added to ``skipped``, so that the caller can say which (issue 19)."""
    try:
        with os.scandir(root) as scan:
            entries = sorted(scan, key=lambda e: e.name)
    except OSError as exc:
        yield error("E009", detail=f"cannot list directory {root}: {exc.strerror or exc}")
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = Path(entry.path)
        if entry.is_dir(follow_symlinks=False):
            yield from walk_directory(path, skipped)
        elif entry.is_file() and path.suffix.lower() in SUFFIXES and (
                path.suffix.lower() != ".gz" or path.name.lower().endswith(".warc.gz")):
            yield path
        elif skipped is not None:
            skipped.append(path)


def _read_path(path: Path, published: date | None, max_bytes: int,
               results: bool = False) -> Iterator[Article | ArticleResult]:
    kind = SUFFIXES[path.suffix.lower()]
    if kind == "warc" and not path.name.lower().endswith(".warc.gz"):
        yield _failed(str(path), str(path), [error("E009", detail=f"{path}: a .gz input must be a .warc.gz archive")])
    elif kind == "feed":
        yield from read_feed(path, published=published, max_bytes=max_bytes)
    elif kind == "warc":
        yield from read_warc(path, published=published, max_bytes=max_bytes)
    elif kind == "text":
        yield read_text_file(path, published=published, max_bytes=max_bytes)
    elif kind == "html":
        yield read_html_file(path, published=published, max_bytes=max_bytes)
    else:
        try:
            handle = path.open("rb")
        except OSError as exc:
            yield _failed(str(path), str(path), [error("E009", detail=f"{path}: {exc.strerror or exc}")])
            return
        with handle:
            yield from read_jsonl(handle, str(path), published=published, max_bytes=max_bytes,
                                  results=results)


def _check_input(item: str) -> str | Path:
    """The input as ``STDIN`` or a ``Path`` that exists and can be read, or a ``UsageError``."""
    if item == STDIN:
        return STDIN
    path = Path(item)
    if path.is_dir():
        return path
    if not path.exists():
        raise UsageError(f"input not found: {item}")
    if path.suffix.lower() not in SUFFIXES:
        raise UsageError(f"cannot read {item}: an input is a .txt, .html, .htm, .jsonl, RSS/Atom "
                         f"(.rss, .atom, .xml) or WARC (.warc, .warc.gz) file, a directory of them, "
                         f"or - for JSONL on standard input")
    return path


def read_inputs(
    inputs: list[str],
    *,
    published: date | None = None,
    max_bytes: int | None = None,
    stdin: BinaryIO | None = None,
    results: bool = False,
    skipped: list[Path] | None = None,
) -> Iterator[Article | ArticleResult]:
    """Articles from command-line inputs, in input order: ``.txt``, ``.html``/``.htm`` and
    ``.jsonl`` files, directories of them (walked recursively in sorted order), and ``-`` for JSONL
    on ``stdin`` (default: the process's standard input).

    Raises ``UsageError`` at once, before any article is read, for an input that does not exist or
    is of an unknown type. Every other problem is an ``Article`` with ``errors``.
    ``published`` is the fallback publication date (the CLI's --published); ``max_bytes`` the size
    limit of one article (default ``settings().max_bytes``). With ``results``, JSONL lines that
    are stored article results (``tidings dump``) come out as ``ArticleResult`` objects.
    Files in directories that are none of these (a PDF) are appended to ``skipped`` as they are met.
    """
    checked = [_check_input(item) for item in inputs]
    limit = settings().max_bytes if max_bytes is None else max_bytes
    return _read_checked(checked, published, limit, stdin, results, skipped)


def _read_checked(checked: list[str | Path], published: date | None, limit: int,
                  stdin: BinaryIO | None, results: bool = False,
                  skipped: list[Path] | None = None) -> Iterator[Article | ArticleResult]:
    for item in checked:
        if item == STDIN:
            stream = stdin if stdin is not None else sys.stdin.buffer
            yield from read_jsonl(stream, "<stdin>", published=published, max_bytes=limit, results=results)
        elif isinstance(item, Path) and item.is_dir():
            for path in walk_directory(item, skipped):
                if isinstance(path, ArticleError):
                    yield _failed(path.message, str(item), [path])
                else:
                    yield from _read_path(path, published, limit, results)
        else:
            yield from _read_path(Path(item), published, limit, results)
