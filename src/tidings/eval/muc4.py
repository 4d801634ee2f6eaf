"""MUC-4 (dev): terrorist incidents in Latin American news, 1989-1991, with answer-key templates.

The texts (``dev-muc3-NNNN-NNNN``) are upper case, one message per ``DEV-MUC3-NNNN (SRC)`` header.
The keys (``key-dev-NNNN.muc4``) hold one or more templates per message, one slot per line
(``4.  INCIDENT: TYPE   BOMBING``), a slot's further fillers on indented lines. In a filler,
``"..."`` quotes text strings, ``/`` separates alternatives, ``?`` marks an uncertain fill and a
set fill names the string it describes (``DEATH: "PEASANTS"``). A message whose only template is
all ``*`` is irrelevant (no terrorist incident); ``TEMPLATE  2 (OPTIONAL)`` marks a template a
system is not charged for missing.

How templates are used:

- a text counts for incident types when it has a relevant template. Its gold types are the PLOVER
  types of all its relevant templates, optional ones included (predicting an optional incident is
  not wrong), through ``data/crosswalk_muc4.yaml``;
- the recall measures (incident recall, perpetrators, confidence, victims) count the facts of the
  non-optional relevant templates, each distinct fact of a text once (several templates of one
  text often repeat the same perpetrator).

Scores:

- ``incident_type_accuracy``: the type of the text's most confident event is one of its gold types
  (no event = wrong);
- ``tst_incident_type_accuracy`` and ``tst_no_incident_assault`` (see ``score_tst``): the same
  incident type on TST1+TST2, which no shipped model is trained on (the sub-event model reads
  MUC-4 DEV sentences), and how many texts without an incident still get an ASSAULT;
- ``incident_type_recall`` / ``incident_mode_recall``: per template, some event of the text has its
  type (and, where the crosswalk names modes, one of those modes);
- ``perpetrator_org_recall``: per gold ``PERP: ORGANIZATION ID``, some predicted perpetrator
  (an event's source actor, the actor of a ``claim``, the ``accused`` of an ``accusation``) names it
  (``names_overlap``);
- ``perpetrator_mention_recall``: the same over all actors the article mentions, whatever their
  role: a diagnostic that tells a recognition failure from an attribution failure;
- ``perp_confidence_recall``: per organisation with confidence ``CLAIMED OR ADMITTED`` (our
  ``claim``) or ``SUSPECTED OR ACCUSED`` [``BY AUTHORITIES``] (our ``accusation``), we have a claim of
  that kind naming it (as ``actor`` of a claim, as ``accused`` of an accusation);
- ``perp_confidence_accuracy``: the same, over only those organisations that some claim or
  accusation of ours names: whether we told claimed from accused right. (Until 2026-11-24 this
  name was given to the recall above, which charged every organisation the text never lets us
  attribute, e.g. the writer's own "presumably carried out by X", to the claimed/accused
  distinction; ``perp_confidence_recall`` keeps that number.)
- ``victim_effect_exact``: per ``HUM TGT`` with a numeric ``NUMBER`` and effect ``DEATH`` or
  ``INJURY``, some casualty of the text has kind killed/injured and that exact number (``low`` equal,
  ``high`` equal or open: "at least 5" reports 5).

Where and when, each beside the dateline baseline (the answer a system gets by taking the
message's dateline, "SAN SALVADOR, 3 JAN 90", for every incident):

- ``incident_date_accuracy``: per relevant text whose required templates give ``INCIDENT: DATE`` as
  a day ("30 DEC 89") or a range of days ("08 JAN 90 - 09 JAN 90"), the date of our most confident
  event is a day inside one of them (no date or a month-only date = wrong). Keys that say only
  "before D" ("- 08 JAN 90") are not scored: the dateline satisfies them by construction.
  ``incident_date_baseline``: the dateline's date, scored the same way.
  ``incident_date_from_dateline``: of our day dates on those texts, the share equal to the
  dateline's date (a "today" or "yesterday" read against it, or a date the text repeats): how much
  of our score the baseline would also get. ``incident_date_answered_accuracy``: the accuracy over
  the texts where we gave a day (our date is null when the text gives none; the baseline always
  answers).
- ``incident_location_accuracy``: per relevant text whose required templates give an
  ``INCIDENT: LOCATION`` ("COLOMBIA: BOGOTA (CITY)", "EL SALVADOR"), the place of our most
  confident event lies in the key's country and, where the key names places under it, is named as
  one of them ("San Salvador" for "SAN SALVADOR (CITY)"); where the key names only the country,
  our place must be that country. ``incident_country_accuracy``: the country alone.
  ``incident_location_baseline`` / ``incident_country_baseline``: the dateline's place, resolved
  by the gazetteer, scored the same way. ``incident_location_answered_accuracy``: ours over the
  texts where our event has a place.

Upper case defeats the small spaCy model (every word looks like a proper noun), so texts are
truecased first (``truecase``): lower case, then capital letters back on sentence starts, on names
the actor registry, the country names and the GeoNames cities know, and on vowel-less acronyms
("FMLN"). Measured on the default 300 texts, see ``TRUECASE`` below.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path


from ..datafiles import load_yaml
from ..models import EVENT_TYPES, Actor, Article, ArticleResult, EvalReport, article_id_for
from ..annotate.truecase import common_words, proper_names, truecase  # noqa: F401 (read by tests and scripts)

NAME = "muc4"
# 300 of the 1,300 dev texts (about 100,000 words) take about 35 s with the small model on 2 cores.
DEFAULT_LIMIT: int | None = 300
SPLIT = "dev"
EXAMPLES = 10
# Whether texts are truecased before processing (measured: see the module doc and the report).
TRUECASE = True

_HEADER = re.compile(r"^((?:DEV|TST\d)-MUC\d-\d{4})\b.*$", re.MULTILINE)
_DATELINE = re.compile(r"^[^,\n]*,\s+(\d{1,2}) ([A-Z]{3}) (\d{2})\b")
_MONTHS = {m: i for i, m in enumerate(
    ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"], 1)}
_SLOT = re.compile(r"^(\d+)\.\s+(\S.*?)(?:\s{2,}(.*))?$")
_STRING = re.compile(r'"((?:[^"\\]|\\.)*)"')
_PARAGRAPH = re.compile(r"\n[ \t]*\n")
_NUMBER = re.compile(r"^~?(\d+)$")
_WORD = re.compile(r"[a-z0-9]+")

CONFIDENCE_KINDS = {
    "CLAIMED OR ADMITTED": "claim",
    "SUSPECTED OR ACCUSED": "accusation",
    "SUSPECTED OR ACCUSED BY AUTHORITIES": "accusation",
}
EFFECT_KINDS = {"DEATH": "killed", "INJURY": "injured"}


# --- reading the gold data ----------------------------------------------------------------------


@dataclass(frozen=True)
class Incident:
    """A MUC incident type and what it means in PLOVER."""

    muc_type: str
    type: str
    modes: frozenset[str]


@lru_cache(maxsize=1)
def crosswalk() -> dict[str, Incident]:
    """``data/crosswalk_muc4.yaml``: MUC incident type -> PLOVER type and accepted modes."""
    raw = load_yaml("crosswalk_muc4.yaml")
    table = {}
    for muc_type, entry in raw["incident_types"].items():
        if entry["type"] not in EVENT_TYPES:
            raise ValueError(f"crosswalk_muc4.yaml: {muc_type} maps to {entry['type']!r}, "
                             "not a PLOVER type")
        table[muc_type] = Incident(muc_type, entry["type"], frozenset(entry.get("modes") or ()))
    return table


def _strings(filler: str) -> tuple[str, ...]:
    """The quoted strings of a filler, unescaped."""
    return tuple(s.replace('\\"', '"') for s in _STRING.findall(filler))


def _labels(filler: str) -> list[str]:
    """The set-fill labels of a filler: ``? DEATH / INJURY: "X"`` -> ``["DEATH", "INJURY"]``."""
    head = filler.split('"', 1)[0].rstrip().rstrip(":")
    labels = []
    for part in head.split("/"):
        label = part.strip().strip("?()").strip()
        if label and label not in {"*", "-"}:
            labels.append(label)
    return labels


@dataclass(frozen=True)
class Template:
    """One answer-key template: its message id and the fillers of each slot, one per line."""

    message_id: str
    slots: dict[str, list[str]]

    def filler(self, slot: str) -> list[str]:
        return self.slots.get(slot, [])

    @property
    def relevant(self) -> bool:
        return not self.filler("MESSAGE: TEMPLATE")[0].startswith("*")

    @property
    def optional(self) -> bool:
        return "OPTIONAL" in self.filler("MESSAGE: TEMPLATE")[0]

    def incidents(self) -> list[Incident]:
        """The PLOVER reading of ``INCIDENT: TYPE`` (alternatives, as in ``BOMBING / ATTACK``)."""
        table = crosswalk()
        incidents = []
        for label in (label for line in self.filler("INCIDENT: TYPE") for label in _labels(line)):
            if label not in table:
                raise ValueError(f"{self.message_id}: incident type {label!r} is not in "
                                 "data/crosswalk_muc4.yaml; add it there")
            incidents.append(table[label])
        return incidents

    def perpetrators(self) -> list[tuple[str, ...]]:
        """Each ``PERP: ORGANIZATION ID`` filler: the alternative names of one organisation."""
        return [names for names in map(_strings, self.filler("PERP: ORGANIZATION ID")) if names]

    def confidences(self) -> list[tuple[frozenset[str], tuple[str, ...]]]:
        """(our claim kinds, the organisation's names) for each organisation whose confidence is
        claimed or suspected; ``REPORTED AS FACT`` and ``POSSIBLE`` have no claim kind."""
        organisations = self.perpetrators()
        result = []
        for line in self.filler("PERP: ORGANIZATION CONFIDENCE"):
            kinds = frozenset(CONFIDENCE_KINDS[l] for l in _labels(line) if l in CONFIDENCE_KINDS)
            refs = _strings(line)
            if not kinds or not refs:
                continue
            names = next((names for names in organisations if refs[0] in names), refs[:1])
            result.append((kinds, names))
        return result

    def victims(self) -> list[tuple[str, frozenset[int], str | None]]:
        """(killed | injured, the numbers the key accepts, the victim string) per human target
        whose ``NUMBER`` is numeric and whose ``EFFECT OF INCIDENT`` is death or injury."""
        numbers: dict[str | None, frozenset[int]] = {}
        for line in self.filler("HUM TGT: NUMBER"):
            values = frozenset(int(m.group(1)) for m in map(_NUMBER.match, _labels(line)) if m)
            refs = _strings(line) or (None,)
            for ref in refs:
                if values:
                    numbers[ref] = values
        result = []
        for line in self.filler("HUM TGT: EFFECT OF INCIDENT"):
            for kind in {EFFECT_KINDS[l] for l in _labels(line) if l in EFFECT_KINDS}:
                for ref in _strings(line) or (None,):
                    if ref in numbers:
                        result.append((kind, numbers[ref], ref))
        return result


def read_templates(path: Path) -> list[Template]:
    """Every template of a key file, in order. Lines opening with ``;`` are the annotators'
    comments."""
    templates: list[Template] = []
    slots: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in path.read_text(encoding="latin-1").splitlines():
        if line.startswith(";") or not line.strip():
            continue
        match = _SLOT.match(line)
        if match:
            name, value = match.group(2), (match.group(3) or "").strip()
            if name == "MESSAGE: ID" and slots:
                templates.append(_template(slots))
                slots = {}
            current = slots.setdefault(name, [])
            current.append(value)
        elif line[0].isspace() and current is not None:
            current.append(line.strip())
        else:
            raise ValueError(f"{path}: cannot read key line {line!r}")
    if slots:
        templates.append(_template(slots))
    return templates


def _template(slots: dict[str, list[str]]) -> Template:
    return Template(slots["MESSAGE: ID"][0].split()[0], slots)


def read_texts(path: Path) -> dict[str, str]:
    """Message id -> text, line wraps joined (paragraphs kept), from one text file."""
    raw = path.read_text(encoding="latin-1")
    headers = list(_HEADER.finditer(raw))
    texts = {}
    for header, following in zip(headers, [*headers[1:], None]):
        body = raw[header.end(): following.start() if following else len(raw)]
        paragraphs = (" ".join(p.split()) for p in _PARAGRAPH.split(body))
        texts[header.group(1)] = "\n\n".join(p for p in paragraphs if p)
    return texts


def published_of(text: str) -> date | None:
    """The date of the dateline (``SAN SALVADOR, 3 JAN 90 --``): all messages are from 19xx."""
    match = _DATELINE.match(text)
    if not match or match.group(2) not in _MONTHS:
        return None
    day, month, year = int(match.group(1)), _MONTHS[match.group(2)], 1900 + int(match.group(3))
    try:
        return date(year, month, day)
    except ValueError:  # an impossible dateline ("31 APR") gives no date, not a wrong one
        return None


@dataclass(frozen=True)
class Message:
    id: str
    text: str
    templates: list[Template]


def read_split(root: Path, split: str = SPLIT) -> list[Message]:
    """The messages of a split with their templates, in id order."""
    folder = root / split
    texts: dict[str, str] = {}
    for path in sorted(folder.glob(f"{split}-muc*")):
        texts.update(read_texts(path))
    templates: dict[str, list[Template]] = {}
    for path in sorted(folder.glob("key-*")):
        for template in read_templates(path):
            templates.setdefault(template.message_id, []).append(template)
    return [Message(mid, texts[mid], templates[mid]) for mid in sorted(texts) if mid in templates]


# --- truecasing ---------------------------------------------------------------------------------

# --- scoring ------------------------------------------------------------------------------------


def _words(text: str) -> tuple[str, ...]:
    return tuple(w for w in _WORD.findall(text.casefold()) if w != "the")


def names_overlap(gold: str, predicted: str) -> bool:
    """Whether two names denote the same organisation: the words of the shorter are all in the
    longer and make at least half of it ("AIR FORCE" ~ "Salvadoran Air Force"; "ARMY" !~ "the
    army's 3d infantry brigade"). Case and "the" are ignored."""
    a, b = set(_words(gold)), set(_words(predicted))
    if not a or not b:
        return False
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    return short <= long_ and 2 * len(short) >= len(long_)


def perpetrators(result: ArticleResult) -> Iterator[Actor]:
    """Who we say did something: events' sources, claimants, and the accused."""
    for event in result.events:
        yield from event.source_actors
    for claim in result.claims:
        if claim.kind == "claim":
            yield claim.actor
        elif claim.kind == "accusation" and claim.accused is not None:
            yield claim.accused


def names_actor(names: Iterable[str], actor: Actor) -> bool:
    return any(names_overlap(n, actor.text) or names_overlap(n, actor.name) for n in names)


def claim_kinds_for(names: tuple[str, ...], result: ArticleResult) -> set[str]:
    """The kinds of our claims that name the organisation as claimant or as accused."""
    kinds = set()
    for claim in result.claims:
        if claim.kind == "claim" and names_actor(names, claim.actor):
            kinds.add("claim")
        elif claim.kind == "accusation" and claim.accused is not None \
                and names_actor(names, claim.accused):
            kinds.add("accusation")
    return kinds


def casualty_matches(kind: str, numbers: frozenset[int], result: ArticleResult) -> bool:
    return any(c.kind == kind and c.low in numbers and c.high in (None, c.low)
               for event in result.events for c in event.casualties)


@dataclass
class Measure:
    """Hits over a count, with a few examples of misses."""

    hits: int = 0
    total: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, hit: bool, miss: str) -> None:
        self.total += 1
        self.hits += hit
        if not hit and len(self.misses) < 3:
            self.misses.append(miss)

    @property
    def score(self) -> float:
        return self.hits / self.total if self.total else 0.0


def score_message(message: Message, result: ArticleResult, measures: dict[str, Measure]) -> None:
    """Add one message's facts to the measures (keys as in ``MEASURES``)."""
    relevant = [t for t in message.templates if t.relevant]
    if not relevant:
        return
    required = [t for t in relevant if not t.optional]
    top = max(result.events, key=lambda e: e.confidence, default=None)
    gold_types = {i.type for t in relevant for i in t.incidents()}
    measures["incident_type_accuracy"].add(
        top is not None and top.type in gold_types,
        f"{message.id}: gold {'/'.join(sorted(gold_types))}, predicted {top.type if top else 'none'}")

    predicted = {(e.type, e.mode) for e in result.events}
    for template in required:
        incidents = template.incidents()
        label = "/".join(i.muc_type for i in incidents)
        measures["incident_type_recall"].add(
            any(i.type == t for i in incidents for t, _ in predicted),
            f"{message.id}: no event of type {'/'.join(i.type for i in incidents)} for {label}")
        measures["incident_mode_recall"].add(
            any(i.type == t and (not i.modes or m in i.modes) for i in incidents for t, m in predicted),
            f"{message.id}: no event of type+mode for {label}")

    actors = list(perpetrators(result))
    for names in sorted({n for t in required for n in t.perpetrators()}):
        measures["perpetrator_org_recall"].add(
            any(names_actor(names, a) for a in actors), f"{message.id}: perpetrator {names[0]!r} not found")
        measures["perpetrator_mention_recall"].add(
            any(names_actor(names, a) for a in result.actors),
            f"{message.id}: perpetrator {names[0]!r} not among the actors")
    for kinds, names in sorted({c for t in required for c in t.confidences()}, key=repr):
        ours = claim_kinds_for(names, result)
        miss = f"{message.id}: {names[0]!r} gold {'/'.join(sorted(kinds))}, ours {'/'.join(sorted(ours)) or 'none'}"
        if "perp_confidence_recall" in measures:  # a diagnostic: only where the caller asks
            measures["perp_confidence_recall"].add(bool(kinds & ours), miss)
        if ours:  # accuracy of the claimed / accused distinction where we make one
            measures["perp_confidence_accuracy"].add(bool(kinds & ours), miss)
    for kind, numbers, ref in sorted({v for t in required for v in t.victims()}, key=repr):
        measures["victim_effect_exact"].add(
            casualty_matches(kind, numbers, result),
            f"{message.id}: {kind} {'/'.join(map(str, sorted(numbers)))} ({ref}) not found")


MEASURES = ("incident_type_accuracy", "incident_type_recall", "incident_mode_recall",
            "perpetrator_org_recall", "perpetrator_mention_recall", "perp_confidence_accuracy",
            "victim_effect_exact")
# Measured by ``run`` beside MEASURES, to read a score in MEASURES by (here: how many gold
# organisations get any claimed/accused reading at all).
DIAGNOSTICS = ("perp_confidence_recall",)
# Where and when, each beside its dateline baseline (see the module doc).
INCIDENT_MEASURES = ("incident_date_accuracy", "incident_date_baseline", "incident_date_from_dateline",
                     "incident_date_answered_accuracy", "incident_location_accuracy",
                     "incident_location_baseline", "incident_location_answered_accuracy",
                     "incident_country_accuracy", "incident_country_baseline")
_KEY_DATE = re.compile(r"(\d{1,2}) ([A-Z]{3}) (\d{2})")
_DATELINE_PLACE = re.compile(r"^([^,\n]+),\s+\d{1,2} [A-Z]{3} \d{2}\b")
_DAY_VALUE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_PLACE_TYPE = re.compile(r"\([^()]*\)")


def _key_day(text: str) -> date | None:
    match = _KEY_DATE.search(text)
    if not match or match.group(2) not in _MONTHS:
        return None
    try:
        return date(1900 + int(match.group(3)), _MONTHS[match.group(2)], int(match.group(1)))
    except ValueError:
        return None


def _alternatives(filler: str) -> list[str]:
    """The ``/``-separated alternatives of a filler, without their brackets and ``?``."""
    out = []
    for part in filler.split(" / "):
        part = part.strip().lstrip("?").strip()
        if part.startswith("(") and part.endswith(")"):
            part = part[1:-1].strip()
        if part and part not in {"*", "-"}:
            out.append(part)
    return out


def key_date_ranges(template: Template) -> list[tuple[date, date]]:
    """The day ranges ``INCIDENT: DATE`` allows: "30 DEC 89" -> (d, d), "08 JAN 90 - 09 JAN 90" ->
    (d1, d2); "- 08 JAN 90" (some time before) gives none."""
    ranges = []
    for line in template.filler("INCIDENT: DATE"):
        for alt in _alternatives(line):
            if alt.startswith("-"):
                continue
            ends = [_key_day(side) for side in alt.split(" - ")]
            if ends and all(ends):
                ranges.append((ends[0], ends[-1]))
    return ranges


def key_locations(template: Template) -> list[tuple[str, tuple[str, ...]]]:
    """(country, places named under it) per alternative of ``INCIDENT: LOCATION``:
    "COLOMBIA: CUCUTA (CITY) - CAMPANARIO (RURAL AREA)" -> ("COLOMBIA", ("CUCUTA", "CAMPANARIO"))."""
    out = []
    for line in template.filler("INCIDENT: LOCATION"):
        for alt in _alternatives(line):
            country, *rest = alt.split(":")
            names = tuple(name.strip() for part in rest for name in _PLACE_TYPE.sub("", part).split(" - ")
                          if name.strip())
            out.append((country.strip(), names))
    return out


def _day_of(value: str | None) -> date | None:
    match = _DAY_VALUE.match(value or "")
    if not match:
        return None
    try:
        return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None


@lru_cache(maxsize=256)
def _country_code(name: str) -> str | None:
    """Alpha-3 of a country as the key writes it ("EL SALVADOR")."""
    from ..kb.geocode import gazetteer

    return next((c.country for c in gazetteer().candidates(name) if c.feature == "country"), None)


def _location_right(country: str | None, names: Iterable[str], feature: str | None,
                    gold: list[tuple[str, tuple[str, ...]]]) -> tuple[bool, bool]:
    """(place right, country right) of an answer against the key's alternatives."""
    from ..kb.geocode import fold_name

    folded = {fold_name(n) for n in names if n}
    place = any(country is not None and _country_code(c) == country
                and (folded & {fold_name(n) for n in gold_names} if gold_names else feature == "country")
                for c, gold_names in gold)
    return place, any(country is not None and _country_code(c) == country for c, _ in gold)


def score_incident(message: Message, result: ArticleResult, measures: dict[str, Measure]) -> None:
    """Add one message's incident date and place, ours and the dateline's (``INCIDENT_MEASURES``)."""
    required = [t for t in message.templates if t.relevant and not t.optional]
    if not required:
        return
    top = max(result.events, key=lambda e: e.confidence, default=None)
    ranges = [r for t in required for r in key_date_ranges(t)]
    if ranges:
        ours = _day_of(top.date.value) if top is not None and top.date is not None else None
        dateline = published_of(message.text)
        said = ours.isoformat() if ours else "none"
        measures["incident_date_accuracy"].add(
            ours is not None and any(lo <= ours <= hi for lo, hi in ranges),
            f"{message.id}: date {said}, key {ranges[0][0]}..{ranges[0][1]}")
        measures["incident_date_baseline"].add(
            dateline is not None and any(lo <= dateline <= hi for lo, hi in ranges),
            f"{message.id}: dateline {dateline}, key {ranges[0][0]}..{ranges[0][1]}")
        if ours is not None:
            measures["incident_date_from_dateline"].add(ours == dateline, f"{message.id}: {said}")
            measures["incident_date_answered_accuracy"].add(
                any(lo <= ours <= hi for lo, hi in ranges), f"{message.id}: date {said}")
    gold = [loc for t in required for loc in key_locations(t)]
    if gold:
        place = top.location if top is not None else None
        right, country_right = _location_right(
            place.country if place else None, (place.name, place.text) if place else (),
            place.feature if place else None, gold)
        said = f"{place.text} ({place.country})" if place else "none"
        measures["incident_location_accuracy"].add(right, f"{message.id}: place {said}, key {gold[0]}")
        measures["incident_country_accuracy"].add(country_right, f"{message.id}: place {said}, key {gold[0]}")
        if place is not None:
            measures["incident_location_answered_accuracy"].add(right, f"{message.id}: place {said}")
        base_right, base_country = _dateline_location(message.text, gold)
        measures["incident_location_baseline"].add(base_right, f"{message.id}: dateline, key {gold[0]}")
        measures["incident_country_baseline"].add(base_country, f"{message.id}: dateline, key {gold[0]}")


def _dateline_location(text: str, gold: list[tuple[str, tuple[str, ...]]]) -> tuple[bool, bool]:
    """The dateline's place ("SAN SALVADOR, 3 JAN 90") resolved without context, scored as ours."""
    from ..kb.geocode import resolve_place

    match = _DATELINE_PLACE.match(text)
    if not match:
        return False, False
    name = match.group(1).strip()
    resolution = resolve_place(name)
    if resolution is None:
        return False, False
    chosen = resolution.candidate
    return _location_right(chosen.country, (name, chosen.name), chosen.feature, gold)


TST_SPLITS = ("tst1", "tst2")
# Events that report an incident as having happened (a template in the independent measurement).
_HAPPENED = frozenset({"asserted", "claimed"})


def score_tst(root: Path, pipeline, limit: int | None, truecased: bool = TRUECASE) -> dict[str, Measure]:
    """Incident types on TST1+TST2 (200 texts that no tidings model is trained on; the DEV texts
    above are MUC-4 train): ``tst_incident_type_accuracy`` as ``incident_type_accuracy``, and
    ``tst_no_incident_assault``: of the texts without an incident, the share where some ASSAULT
    is reported as having happened (asserted or claimed); lower is better, so the floors hold
    its complement ``tst_no_incident_clean``."""
    messages = [m for split in TST_SPLITS if (root / split).is_dir() for m in read_split(root, split)][:limit]
    articles = [Article(id=article_id_for(text), text=text, published=published_of(m.text), origin=m.id)
                for m in messages for text in [truecase(m.text) if truecased else m.text]]
    measures = {"tst_incident_type_accuracy": Measure(), "tst_no_incident_assault": Measure(),
                "tst_no_incident_clean": Measure()}
    for message, result in zip(messages, pipeline.process_many(articles)):
        if any(t.relevant for t in message.templates):
            scratch = {name: Measure() for name in MEASURES + DIAGNOSTICS}
            score_message(message, result, scratch)
            inner = scratch["incident_type_accuracy"]
            measures["tst_incident_type_accuracy"].add(bool(inner.hits), *(inner.misses or [""]))
        else:
            assault = next((e for e in result.events if e.type == "ASSAULT" and e.status in _HAPPENED), None)
            miss = f"{message.id}: no incident, ASSAULT {assault.trigger.text!r}" if assault else ""
            measures["tst_no_incident_assault"].add(assault is not None, "")
            measures["tst_no_incident_clean"].add(assault is None, miss)
    return measures


def run(root: Path, pipeline, limit: int | None, truecased: bool = TRUECASE) -> EvalReport:
    messages = read_split(root)[:limit]
    articles = []
    for message in messages:
        text = truecase(message.text) if truecased else message.text
        articles.append(Article(id=article_id_for(text), text=text, published=published_of(message.text),
                                origin=message.id))
    measures = {name: Measure() for name in MEASURES + DIAGNOSTICS + INCIDENT_MEASURES}
    failed = 0
    for message, result in zip(messages, pipeline.process_many(articles)):
        failed += bool(result.errors)
        score_message(message, result, measures)
        score_incident(message, result, measures)
    tst = score_tst(root, pipeline, limit, truecased)
    measures.update(tst)
    counts = {"texts": len(messages), "failed": failed,
              "relevant_texts": measures["incident_type_accuracy"].total}
    for name, measure in measures.items():
        counts[f"{name}.hits"] = measure.hits
        counts[f"{name}.total"] = measure.total
    return EvalReport(
        name=NAME,
        scores={name: measure.score for name, measure in measures.items()},
        counts=counts,
        examples=[m for measure in measures.values() for m in measure.misses][:EXAMPLES * 2],
        notes=f"{SPLIT} split, first {len(messages)} texts, truecased={truecased}; types via "
              "data/crosswalk_muc4.yaml; prediction for type accuracy = most confident event",
    )
