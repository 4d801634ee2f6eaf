"""The general-news pre-filter: blank, before parsing, the sentences that cannot hold a fact.

Most sentences of business, sport or culture news hold no event trigger, casualty word, speech or
claim cue and no quotation, yet parsing them is what costs (spaCy is ~80% of tidings' time). With
``TIDINGS_PREFILTER=on`` the text handed to spaCy has those sentences replaced by spaces of the same
length (line breaks kept): every offset still indexes the article text, and spaCy sees one
whitespace token per blanked run instead of a sentence's worth of tokens. The article text itself
is never changed; extractors read it through ``text_of`` (the Doc carries it).

A chunk is one sentence, cut by a cheap regex (sentence-final punctuation before a capital, or a
line break). It is kept when it holds a cue word form (derived from the rule files named in
``data/prefilter.yaml``) or its paragraph holds a quote mark; the first ``lead_chunks`` chunks (the
headline, the dateline and the lead, which name the places and dates the story relies on) and
``window`` chunks either side of a kept chunk are kept too. The cost, measured in
docs/performance.md: toponyms and time expressions in blanked chunks are not found.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..config import DATA_DIR
from ..datafiles import DataFileError, MODELS, load_yaml
from .document import set_text

PATH = DATA_DIR / "prefilter.yaml"

# A word, hyphenated compounds whole ("cease-fire", "sit-in"); parts are looked up too.
_WORD = re.compile(r"[A-Za-z]+(?:[-'’][A-Za-z]+)*")
# Where a sentence may end: ., ! or ? (with closing quotes or brackets), then space, then a capital,
# a digit or an opening quote. Abbreviations before the period are checked in code.
_SENTENCE_END = re.compile(r"[.!?]+[\"'”’)\]]*[ \t]+(?=[\"“‘(\[]?[A-Z0-9])")
# Straight and curly double quotes, and the doubled apostrophes and backquotes that some copy uses
# for them (''WHAT?'' in a PolNeAR-style op-ed, ``...'' in ECB+-style text).
_QUOTES = re.compile("[\"“”]|''|``")
_VOWELS = set("aeiou")


@dataclass(frozen=True)
class Rules:
    cues: frozenset[str]  # word forms that keep a chunk alone
    # multiword entries by the forms of their first word: the forms of each word, all needed
    phrases: dict[str, tuple[tuple[frozenset[str], ...], ...]]
    lead_chunks: int
    window: int
    abbreviations: frozenset[str]


def inflections(lemma: str, irregular: frozenset[str] | set[str] = frozenset()) -> set[str]:
    """Inflected forms of a lemma, over-generated on purpose (a form that is no English word costs
    nothing): attack -> attacks, attacked, attacking; die -> dies, died; ban -> banned, banning;
    bury -> buries, buried. A lemma with ``irregular`` past forms gets those instead of "-ed"
    ones, so "see" gives "saw", "seen" and never the noun "seed"."""
    forms = {lemma, lemma + "s", lemma + "es", lemma + "ing"}
    if len(lemma) > 2 and lemma[-1] == "y" and lemma[-2] not in _VOWELS:
        forms.add(lemma[:-1] + "ies")
    if lemma.endswith("e"):
        forms.add(lemma[:-1] + "ing")
    doubles = len(lemma) > 2 and lemma[-1] not in _VOWELS | {"w", "x", "y"} and lemma[-2] in _VOWELS
    if doubles:
        forms.add(lemma + lemma[-1] + "ing")
    if irregular:
        return forms | set(irregular)
    forms.add(lemma + ("d" if lemma.endswith("e") else "ed"))
    if len(lemma) > 2 and lemma[-1] == "y" and lemma[-2] not in _VOWELS:
        forms.add(lemma[:-1] + "ied")
    if doubles:
        forms.add(lemma + lemma[-1] + "ed")
    return forms


def _entries(raw: dict, section: str) -> list[str]:
    """The lemma entries of one section of a rule file. ``triggers`` names events.yaml's verbs and
    nouns of every type when the file has no section of that name; a mapping gives its keys, or
    the words of its lists (casualties.yaml's triggers by kind)."""
    if section == "triggers" and section not in raw:
        return [entry.split("|")[0] for spec in raw.values()
                for part in ("verbs", "nouns") for entry in spec.get(part) or []]
    if section not in raw:
        raise DataFileError(f"prefilter.yaml: sources names the section {section!r}, which the file has not "
                            f"(it has: {', '.join(sorted(raw))})")
    value = raw[section]
    if isinstance(value, dict):
        if all(isinstance(v, list) for v in value.values()):
            return [str(word) for words in value.values() for word in words]
        return [str(key) for key in value]
    return [str(item) for item in value]


@lru_cache(maxsize=1)
def rules() -> Rules:
    """The cue word forms and the window settings, built once from the rule files."""
    raw = load_yaml(PATH.name)
    skip = set(raw["skip_words"])
    irregular = {lemma: set(forms) for lemma, forms in raw["irregular"].items()}
    weak = set(raw["weak_cues"])
    cues: set[str] = set(raw["extra_words"])
    phrases: dict[str, set[tuple[frozenset[str], ...]]] = {}
    for filename, sections in raw["sources"].items():
        if filename not in MODELS:
            raise DataFileError(f"prefilter.yaml: sources names {filename!r}, which is no data file "
                                f"(one of: {', '.join(sorted(MODELS))})")
        source = load_yaml(filename)
        for section in sections:
            for entry in _entries(source, section):
                words = [w for w in entry.strip().lower().split() if w not in skip]
                forms = tuple(frozenset(inflections(w, irregular.get(w, set()))) for w in words)
                if len(forms) == 1:
                    cues |= forms[0] - weak  # weak forms never keep a chunk alone; in phrases they count
                elif forms:
                    for first in forms[0]:
                        phrases.setdefault(first, set()).add(forms[1:])
    return Rules(cues=frozenset(cues), phrases={k: tuple(v) for k, v in phrases.items()},
                 lead_chunks=int(raw["lead_chunks"]), window=int(raw["window"]),
                 abbreviations=frozenset(raw["abbreviations"]))


def chunks(text: str, abbreviations: frozenset[str] = frozenset()) -> list[tuple[int, int, int]]:
    """``(start, end, line)`` of each sentence-ish chunk: the text cut after sentence-final
    punctuation (not after an abbreviation such as "Gen." or "U.S.") and at every line break.
    Chunks cover the text without gaps, whitespace included; blank lines join the chunk before."""
    out: list[tuple[int, int, int]] = []
    paragraph = 0
    line_start = 0
    for line in text.splitlines(keepends=True):
        line_end = line_start + len(line)
        start = line_start
        for match in _SENTENCE_END.finditer(line):
            word = _last_word(line, match.start())
            if word in abbreviations or (len(word) == 1 and word.isalpha()):
                continue  # "Gen. Smith", "John F. Kennedy": no sentence ends here
            end = line_start + match.end()
            _add(out, text, start, end, paragraph)
            start = end
        if start < line_end:
            _add(out, text, start, line_end, paragraph)
        paragraph += 1
        line_start = line_end
    return out


def _add(out: list[tuple[int, int, int]], text: str, start: int, end: int, paragraph: int) -> None:
    """Append a chunk; a blank line joins the chunk before it, so it counts for no window."""
    if out and not text[start:end].strip():
        out[-1] = (out[-1][0], end, out[-1][2])
    else:
        out.append((start, end, paragraph))


def _last_word(line: str, period: int) -> str:
    """The lowercase word before a period at ``period``, dots inside kept ("u.s")."""
    i = period
    while i > 0 and (line[i - 1].isalpha() or line[i - 1] == "."):
        i -= 1
    return line[i:period].lower()


def _has_cue(chunk: str, r: Rules) -> bool:
    words: set[str] = set()
    for match in _WORD.finditer(chunk):
        word = match.group().lower()
        words.add(word)
        if "-" in word:
            words.update(word.split("-"))
    if not words.isdisjoint(r.cues):
        return True
    return any(all(not forms.isdisjoint(words) for forms in rest)
               for first in words & r.phrases.keys() for rest in r.phrases[first])


def _quoted(text: str, parts: list[tuple[int, int, int]]) -> list[bool]:
    """Whether each chunk overlaps a quotation: quote marks paired in order within a line (an
    unpaired last mark runs to the line's end), so every sentence of a quotation is kept."""
    ranges: list[tuple[int, int]] = []
    for line in re.finditer(r"[^\n]+", text):
        marks = [m.start() for m in _QUOTES.finditer(text, line.start(), line.end())]
        marks.append(line.end())
        ranges += [(marks[i], marks[i + 1]) for i in range(0, len(marks) - 1, 2)]
    out = []
    i = 0
    for start, end, _ in parts:
        while i < len(ranges) and ranges[i][1] < start:
            i += 1
        out.append(i < len(ranges) and ranges[i][0] < end)
    return out


def kept_chunks(text: str) -> list[tuple[int, int, bool]]:
    """``(start, end, kept)`` for each chunk of ``text``."""
    r = rules()
    parts = chunks(text, r.abbreviations)
    hit = [q or _has_cue(text[s:e], r) for (s, e, _), q in zip(parts, _quoted(text, parts))]
    keep = [i < r.lead_chunks for i in range(len(parts))]
    for i, is_hit in enumerate(hit):
        if is_hit:
            for j in range(max(0, i - r.window), min(len(parts), i + r.window + 1)):
                keep[j] = True
    return [(s, e, k) for (s, e, _), k in zip(parts, keep)]


def blank(text: str) -> str:
    """``text`` with every chunk that cannot hold a fact replaced by spaces (line breaks kept).
    The result has the same length, so every offset into it indexes ``text``."""
    pieces = []
    for start, end, kept in kept_chunks(text):
        piece = text[start:end]
        if not kept:
            piece = re.sub(r"[^\n\r]", " ", piece)
        pieces.append(piece)
    return "".join(pieces)


class PrefilterTokenizer:
    """Wraps a spaCy tokenizer: tokenizes the blanked text and keeps the article text on the Doc
    for ``text_of``, so evidence spans quote the article, not the blanks."""

    def __init__(self, tokenizer):
        self.tokenizer = tokenizer

    def __call__(self, text: str):
        doc = self.tokenizer(blank(text))
        set_text(doc, text)
        return doc

    def pipe(self, texts, batch_size: int = 1000):
        for text in texts:
            yield self(text)
