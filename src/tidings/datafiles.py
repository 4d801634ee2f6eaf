"""The data files (rules as data): one loader, each file checked on load, and a user data folder
layered over the bundled one.

``load_yaml(name)`` reads ``data/NAME`` from the package and, when the ``data_dir`` setting
(``TIDINGS_DATA_DIR``) names a folder holding a file of the same name, layers that file over it,
so an analyst extends the lexicons without editing the installed package:

- a mapping is merged key by key (a key only the user file has is added);
- a list is extended (the bundled words, then the user's new ones);
- anything else (a number, a string) is replaced by the user's value.

Every YAML file is validated against its model in ``MODELS`` after layering; a ``DataFileError``
names the file, the key and what is wrong, so a typo in a lexicon stops the run at once instead of
silently matching nothing. The models follow what each loader reads: keys it reads by name are
required and others forbidden; words it compares as they are must be strings (``Strings``), words
it passes through ``str()`` may be anything YAML reads from a bare word (``Words``); event types
and the values the code tests (roles, kinds, bounds) are the ones it knows.

``read_tsv(name)`` reads a bundled TSV table, checked against its ``Table`` in ``TABLES`` (the
header's columns in order, a cell for each, required cells filled, numbers that read as numbers);
its ``DataFileError`` names the file, the line and the column. A user's TSV file of the same name
adds its rows after the bundled ones.

This module is part of the base (it imports no layer): ingest, kb and extract all read data files.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, RootModel, StrictBool, StrictFloat, StrictInt, StrictStr
from pydantic import ValidationError, model_validator

from .config import DATA_DIR, settings
from .models import ActorKind, EventType

# A word in a lexicon: YAML reads a bare `no`, `on` or `2` as a bool or a number, and the loaders
# turn every word into text, so those are words too; a mapping or a list where a word belongs is not.
Word = StrictStr | StrictInt | StrictFloat | StrictBool
Words = list[Word]
# Words a loader compares with text as they are (without str()): a bool or a number never matches.
Strings = list[StrictStr]


class DataFileError(ValueError):
    """A data file that does not have the shape its loader needs; the message names file and key."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class _EventType(_Strict):
    cameo: Annotated[StrictStr | StrictInt, Field(description="the type's default CAMEO code")]
    verbs: Words | None = None
    nouns: Words | None = None


class _Genres(_Strict):
    labels: dict[str, Words]
    first_person_share: float
    first_person_words: Words
    memoir_cues: Words
    memoir_min: int
    argument_cues: Words
    argument_min: int
    attribution_words: Words


class _Cameo(_Strict):
    by_mode: dict[str, dict[str, StrictStr]]
    casualty_opens: dict[str, tuple[StrictStr, StrictStr | None, StrictStr]]


class _English(_Strict):
    pronouns: dict[str, Words]
    determiners: dict[str, Words]
    modals: dict[str, Words]
    months: Annotated[list[Annotated[list[StrictStr], Field(min_length=1)]], Field(min_length=12, max_length=12)]
    title_heads: Words
    headline_verbs: Words
    glued_openers: list[StrictStr]
    thoroughfares: Words
    furniture_words: Words
    lemma_fixes: dict[StrictStr, StrictStr]
    noun_lemma_fixes: dict[StrictStr, StrictStr]


# Shorthands for the shapes the loaders read. A number the code passes through float() or int()
# may be written either way; a yes/no switch must be a YAML bool.
Number = StrictFloat | StrictInt
WordMap = dict[str, Word]
IntMap = dict[str, StrictInt]
NumberMap = dict[str, Number]
WordLists = dict[str, Words]


# The registry matches names as text: a name YAML reads as a bool or a number (`NO`, `2`) must
# be quoted, so its words are strings. Relations are those actors.yaml and sponsor_words name.
Relations = dict[Literal["backed_by", "affiliated_with", "aligned_with", "part_of"], list[StrictStr]]


class _Actor(_Strict):
    id: StrictStr
    name: StrictStr
    aliases: list[StrictStr] = []
    kind: ActorKind
    sector: StrictStr | None = None
    country: StrictStr | None = None
    relations: Relations = {}


class _Actors(_Strict):
    not_tagged: list[StrictStr] = []
    actors: list[_Actor]


class _Outlets(_Strict):
    outlets: list[_Actor]


class _Institution(_Strict):
    suffix: StrictStr
    name: StrictStr
    kind: ActorKind
    sector: StrictStr
    generic: list[StrictStr] = []


class _Override(_Strict):
    name: StrictStr | None = None
    aliases: list[StrictStr] = []
    relations: Relations = {}


class _StateInstitutions(_Strict):
    institutions: list[_Institution]
    overrides: dict[str, _Override] = {}


class _ActorNouns(BaseModel):
    """``military_assets``, ``sponsor_words``, and groups of nouns each named KIND_SECTOR
    ("state_forces_MIL"), as the registry splits the name at its last underscore."""
    model_config = ConfigDict(extra="allow")
    __pydantic_extra__: dict[str, list[StrictStr]] = Field(init=False)  # type: ignore[assignment]
    military_assets: list[StrictStr] = []
    sponsor_words: dict[str, StrictStr] = {}

    @model_validator(mode="after")
    def _group_names(self) -> _ActorNouns:
        for key in self.__pydantic_extra__ or {}:
            if not re.fullmatch(r"[a-z_]+_[A-Z]{3}", key):
                raise ValueError(f"{key}: a group of nouns is named KIND_SECTOR, as state_forces_MIL")
        return self


class _Roles(_Strict):
    roles: list[StrictStr]
    honorifics: Words


class _Chains(_Strict):
    cues: WordLists
    confidence: NumberMap
    indirect_penalty: Number
    event_nouns: Words

    @model_validator(mode="after")
    def _a_confidence_per_relation(self) -> _Chains:
        if missing := sorted(set(self.cues) - set(self.confidence)):
            raise ValueError(f"confidence: no number for the relations {missing} of cues")
        return self


class _Claims(_Strict):
    claim_verbs: Words
    responsibility_nouns: Words
    attack_nouns: Words
    perpetration_verbs: Words
    perpetration_phrases: Words
    denial_verbs: Words
    accusation_verbs: WordMap
    hold_verbs: Words
    responsibility_adjectives: Words
    hedges: Words
    fates: WordLists
    speech_verbs: Words
    group_nouns: Words
    no_claimant: Words
    not_claim_adverbs: Words
    denied_nouns: Words
    self_possessives: Words
    own_units: Words
    failure_words: Words


class _Qualifier(_Strict):
    phrase: StrictStr
    qualifier: Literal["at_least", "at_most", "approximately"]
    bound: Literal["low", "high", "both"]
    offset: StrictInt


class _Casualties(_Strict):
    """The lists the casualty reader compares with lemmas as they are are strings (an unquoted
    `no` would never match); the three it passes through str() may hold any word."""
    triggers: dict[str, Strings]
    hit_words: Strings
    hit_nouns: Strings
    died_later: Strings = []
    fatal_modifiers: Strings
    remains_nouns: Strings
    condition_nouns: Strings
    injury_conditions: Strings
    multipliers: IntMap
    multiple_event_nouns: WordMap
    attempt_modifiers: Strings
    counting_nouns: Strings
    suffer_verbs: Strings
    toll_nouns: Strings
    revision_verbs: Strings
    toll_raising_verbs: Strings
    non_factive_heads: Strings
    allegation_heads: Strings
    hypothetical_aux: Strings
    near_miss_adverbs: Strings
    factive_infinitive_heads: Strings
    number_words: IntMap
    scales: IntMap
    vague_amounts: IntMap
    one_determiners: Strings
    single_pronouns: Strings
    one_more_words: Strings
    zero_words: Strings
    qualifiers: list[_Qualifier]
    victims: dict[str, Strings]
    tally_periods: Words
    not_displaced: Words
    natural_causes: Words
    accident_causes: Words
    causal_links: Words
    care_places: Words
    care_verbs: Words
    custody_verbs: Words


class _AcledRule(_Strict):
    type: EventType
    mode: StrictStr | None = None
    target: Literal["civilians"] | None = None
    sides: Literal["two"] | None = None
    accord: StrictBool = False
    cameo: StrictStr | None = None  # the event's CAMEO code starts with it
    doers: list[ActorKind] | None = None  # one of the event's doers is of these kinds
    acled: Annotated[list[StrictStr], Field(min_length=2, max_length=2)]


class _Crosswalk(_Strict):
    acled: list[_AcledRule]


class _Case2021Label(_Strict):
    type: EventType | None = None
    modes: list[StrictStr | None] = []
    acled: StrictStr | None = None
    context: StrictStr | None = None


class _Case2021(_Strict):
    labels: dict[str, _Case2021Label]


class _Kairos(_Strict):
    types: dict[str, EventType | None]
    roles: dict[str, StrictStr | None]


class _MucIncident(_Strict):
    type: EventType
    modes: list[StrictStr] = []


class _Muc4(_Strict):
    incident_types: dict[str, _MucIncident]


class _InSet(_Strict):
    """A node attribute's set of values: words, or ``$name`` of a lexicon."""
    IN: list[StrictStr] | StrictStr | None = None
    NOT_IN: list[StrictStr] | StrictStr | None = None


class _PatternNode(_Strict):
    """A node of a role pattern, as extract/roles.py matches it (the attributes it can test)."""
    RIGHT_ID: StrictStr
    RIGHT_ATTRS: dict[Literal["DEP", "LEMMA", "LOWER", "POS", "TAG", "ENT_TYPE", "ORTH", "TEXT"],
                      StrictStr | _InSet] = {}
    LEFT_ID: StrictStr | None = None
    REL_OP: Literal[">", "<"] | None = None


class _RolePattern(_Strict):
    name: StrictStr
    trigger: Literal["verb", "noun"]
    role: Literal["source", "target", "instrument", "parties"]
    example: StrictStr
    expect: Annotated[list[StrictStr], Field(min_length=2, max_length=2)]
    pattern: Annotated[list[_PatternNode], Field(min_length=1)]
    conjuncts: StrictBool = True
    fallback: StrictBool = False
    hedged: StrictBool = False
    subjectless: StrictBool = False
    fronted: StrictBool = False
    when: Literal["active", "passive"] | None = None


class _EventRoles(_Strict):
    lexicons: WordLists
    patterns: list[_RolePattern]


class _LanguageThresholds(_Strict):
    min_words: StrictInt
    min_letters: StrictInt
    sample_chars: StrictInt
    script_share: Number
    english_share: Number
    foreign_share: Number
    foreign_ratio: Number


class _Languages(_Strict):
    thresholds: _LanguageThresholds
    english: Strings
    latin_languages: dict[str, Strings]
    scripts: dict[str, Strings]
    not_dateline_places: Strings


class _MergeDate(_Strict):
    window_days: StrictInt
    max_range_days: StrictInt
    undated_lookback_days: StrictInt
    undated_score: Number
    merge_undated: StrictBool
    no_date_score: Number
    merge_no_date: StrictBool


class _MergePlace(_Strict):
    near_km: Number
    far_km: Number
    veto_km: Number


class _MergeActors(_Strict):
    word_credit: Number


class _MergeCasualties(_Strict):
    slack: StrictInt
    ratio: Number
    kinds: Words


class _MergeReconcile(_Strict):
    generic_victims: Words


class _MergeText(_Strict):
    trigger_share: Number
    trigger_forms: WordMap
    synonym_credit: Number
    action_words: StrictInt
    synonyms: list[Words]


class _MergeContext(_Strict):
    scale: Number


class _MergeStory(_Strict):
    terms: StrictInt
    index_terms: StrictInt
    threshold: Number
    name_boost: Number
    window_days: StrictInt
    published_days: StrictInt
    synonyms: StrictBool
    join: StrictBool
    join_threshold: Number
    floor: Number
    penalty: Number
    min_terms: StrictInt
    stopwords: Words


class _MergeWeights(_Strict):
    date: Number
    place: Number
    actors: Number
    casualties: Number
    type: Number
    text: Number
    context: Number


class _Merge(_Strict):
    families: dict[str, list[EventType]]
    threshold: Number
    star_floor: Number
    weights: _MergeWeights
    unknown: Number
    date: _MergeDate
    place: _MergePlace
    actors: _MergeActors
    casualties: _MergeCasualties
    reconcile: _MergeReconcile
    text: _MergeText
    context: _MergeContext
    stopwords: Words
    story: _MergeStory


class _Prefilter(_Strict):
    sources: dict[str, list[StrictStr]]  # data file -> its sections whose words are cues
    extra_words: Strings
    skip_words: Strings
    weak_cues: Strings
    irregular: dict[str, Strings]
    lead_chunks: StrictInt
    window: StrictInt
    abbreviations: Strings


class _Speech(_Strict):
    cue_verbs: WordMap
    cue_nouns: WordMap
    non_speech_nouns: WordMap
    attitude_verbs: Words
    intention_verbs: Words
    object_content_verbs: Words
    channel_nouns: dict[str, Word | None]  # null or "none": a channel with no medium
    platforms: WordMap
    outlet_words: WordMap
    stance_order: Words
    stance_words: WordLists
    hedges: Words
    event_reference_nouns: Words
    affiliation_nouns: Words
    death_verbs: WordMap

    @model_validator(mode="after")
    def _stances_in_order(self) -> _Speech:
        # The reader tries the stances in stance_order only: one missing there is never found.
        order, words = [str(s) for s in self.stance_order], set(self.stance_words)
        if unknown := [s for s in order if s not in words]:
            raise ValueError(f"stance_order: {unknown} have no list in stance_words")
        if unlisted := sorted(words - set(order)):
            raise ValueError(f"stance_words: {unlisted} are not in stance_order (never tried)")
        return self


class _Subevent(_Strict):
    plover: tuple[EventType | None, StrictStr | None] | None = None  # [type, mode]
    acled: list[StrictStr] | None = None
    types: list[EventType] | None = None
    sure: Words | None = None
    context: StrictStr | None = None
    unless: Words | None = None
    unless_for_others: Words | None = None
    harmless: StrictBool = False
    two_sides: StrictBool = False
    own_types: StrictBool = False
    accord: StrictBool = False
    protest: StrictBool = False
    not_modes: Words | None = None
    takers: list[ActorKind] | None = None


class _Subevents(_Strict):
    acled_types: list[StrictStr]
    categories: dict[str, _Subevent]
    model_decides: Number = 1.01
    model_finds: Number = 1.01
    model_among_type: Number = 0.0
    context_from: Number = 0.0
    model_opens_not: list[StrictStr] = []
    lead_sentences: StrictInt = 3
    lead_weight: Number = 0.0
    weapon_modes: Words = []
    unarmed_modes: Words = []
    clash_stems: Words = []
    armed_kinds: Words = []
    promise_stems: Words = []
    yield_types: list[EventType] = []
    interstate_types: list[EventType] = []
    state_kinds: Words = []

    @model_validator(mode="after")
    def _known_categories(self) -> _Subevents:
        if unknown := sorted(set(self.model_opens_not) - set(self.categories)):
            raise ValueError(f"model_opens_not: {unknown} are not categories")
        return self


class _Times(_Strict):
    weekdays: IntMap
    parts_of_day: WordMap
    day_modifiers: WordMap
    clock_words: WordMap
    meridiems: IntMap
    seasons: WordMap
    season_starts: IntMap
    quarters: IntMap
    units: WordMap
    numbers: dict[str, StrictInt | StrictStr]
    ordinals: IntMap
    relatives: IntMap
    deictic_days: IntMap
    ago_words: IntMap
    set_quantifiers: Words
    set_words: WordMap
    references: WordMap
    standalone: WordLists
    reference_phrases: WordMap
    leading_trims: Words
    separators: Words
    general_today_nouns: Words
    future_verbs: Words
    scheduling_verbs: Words
    timetable_verbs: Words
    future_auxiliaries: Words
    future_prefixes: list[Words]
    time_zones: Words
    named_days: Words
    feasts: dict[str, Annotated[str, Field(pattern=r"^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$")]]  # "MM-DD"


class _Incidents(BaseModel):
    """The cues of resolve/incidents.py; a list added beside them must be a list of phrases too."""
    model_config = ConfigDict(extra="allow")
    __pydantic_extra__: dict[str, list[StrictStr]] = Field(init=False)  # type: ignore[assignment]
    distinct_openers: list[StrictStr]
    distinct_determiners: list[StrictStr]
    generic_quantifiers: list[StrictStr]
    dateline_scene_days: Annotated[int, Field(ge=0)]
    dateline_not_for: list[EventType]
    country_scene_share: Annotated[float, Field(gt=0, le=1)]
    country_scene_places: Annotated[int, Field(ge=1)]
    arrester_sentences_back: Annotated[int, Field(ge=0)]
    attacker_sentences_back: Annotated[int, Field(ge=0)]
    attacker_sentences_ahead: Annotated[int, Field(ge=0)]
    same_scene_km: Annotated[float, Field(gt=0)]
    told_acts: dict[StrictStr, list[EventType]] = {}


#: File name -> the pydantic model its content must fit (after the user's layer). Every YAML file
#: in data/ has one (tests/test_datafiles.py checks it).
MODELS: dict[str, type[BaseModel]] = {
    "actors.yaml": _Actors,
    "outlets.yaml": _Outlets,
    "state_institutions.yaml": _StateInstitutions,
    "actor_nouns.yaml": _ActorNouns,
    "roles.yaml": _Roles,
    "chains.yaml": _Chains,
    "claims.yaml": _Claims,
    "casualties.yaml": _Casualties,
    "crosswalk.yaml": _Crosswalk,
    "crosswalk_case2021.yaml": _Case2021,
    "crosswalk_kairos.yaml": _Kairos,
    "crosswalk_muc4.yaml": _Muc4,
    "event_roles.yaml": _EventRoles,
    "languages.yaml": _Languages,
    "merge.yaml": _Merge,
    "prefilter.yaml": _Prefilter,
    "speech.yaml": _Speech,
    "subevent_cues.yaml": RootModel[WordLists],
    "subevents.yaml": _Subevents,
    "times.yaml": _Times,
    "incidents.yaml": _Incidents,
    "events.yaml": RootModel[dict[str, _EventType]],
    "modes.yaml": RootModel[dict[EventType, dict[str, Strings]]],  # events.lexicon lower-cases each word as is
    "contexts.yaml": RootModel[dict[str, Strings]],
    "event_frames.yaml": RootModel[dict[str, Words]],
    "incident_arguments.yaml": RootModel[dict[str, Words]],
    "genres.yaml": _Genres,
    "english.yaml": _English,
    "cameo.yaml": _Cameo,
    "confidence.yaml": RootModel[dict[str, dict[str, Annotated[float, Field(ge=0, le=1)]]]],
}


# libyaml's safe loader when present: the registry's files parse 10x faster than with the pure-Python
# one (both read every bundled file the same).
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class Table:
    """The shape of a TSV data file: its columns in order (the header row), those that may be
    left empty, and those that hold a decimal or a whole number."""

    columns: tuple[str, ...]
    optional: frozenset[str] = frozenset()
    decimals: frozenset[str] = frozenset({"lat", "lon"})
    integers: frozenset[str] = frozenset()


#: TSV file name -> its shape; every TSV file in data/ has one (tests/test_datafiles.py checks it).
TABLES: dict[str, Table] = {
    "admin1_centres.tsv": Table(("country", "code", "name", "lat", "lon", "towns"),
                                integers=frozenset({"towns"})),
    "admin2_centres.tsv": Table(("country", "admin1", "admin1_name", "name", "lat", "lon", "towns", "population"),
                                integers=frozenset({"towns", "population"})),
    "countries.tsv": Table(("alpha3", "demonyms", "names"), optional=frozenset({"demonyms", "names"})),
    "country_centres.tsv": Table(("alpha3", "lat", "lon", "name", "aliases"), optional=frozenset({"aliases"})),
    "former_regions.tsv": Table(("country", "name", "aliases", "lat", "lon"), optional=frozenset({"aliases"})),
    "place_abbreviations.tsv": Table(("abbreviation", "country", "region")),
    "place_cues.tsv": Table(("cue", "kind")),
    "places.tsv": Table(("name", "aliases", "lat", "lon", "country", "feature", "precision", "geonames_id",
                         "label", "match", "source"),
                        optional=frozenset({"aliases", "country", "geonames_id", "source"}),
                        integers=frozenset({"geonames_id"})),
}


def read_tsv(name: str) -> list[dict[str, str]]:
    """The rows of the TSV data file ``name``: the bundled table's, then those of a file of the
    same name in the user's data folder (the ``data_dir`` setting), which adds rows ("a village the
    gazetteer lacks", "a place cue"). Each file is checked against the ``Table`` (see
    ``_read_table``)."""
    table = TABLES.get(name)
    if table is None or not (DATA_DIR / name).is_file():
        raise DataFileError(f"{name}: no such TSV data file in {DATA_DIR} (or no Table for it in TABLES)")
    return [row for path in layer_paths(name) for row in _read_table(path, table)]


def _read_table(path: Path, table: Table) -> list[dict[str, str]]:
    """The rows of one TSV file (lines starting with ``#`` and blank lines skipped; the first other
    line is the header), each checked against ``table``: the header names its columns in order,
    every row has a cell for each, the required ones are filled and the numbers read as numbers.
    A ``DataFileError`` names the file, the line and the column."""
    numbers: list[int] = []
    lines: list[str] = []
    with path.open(encoding="utf-8") as fh:
        for number, line in enumerate(fh, start=1):
            if line.strip() and not line.startswith("#"):
                numbers.append(number)
                lines.append(line)
    reader = csv.DictReader(lines, delimiter="\t")
    header = tuple(reader.fieldnames or ())
    if header != table.columns:
        missing = [c for c in table.columns if c not in header]
        unknown = [c for c in header if c not in table.columns]
        raise DataFileError(f"{path}: line {numbers[0] if numbers else 1}: the header names the columns "
                            f"{list(header)}, expected {list(table.columns)} (missing: {missing}, "
                            f"unknown: {unknown})")
    rows = []
    for row in reader:
        where = f"{path}: line {numbers[reader.line_num - 1]}"
        if None in row:
            raise DataFileError(f"{where}: {len(header) + len(row[None])} cells, the header names {len(header)}")
        for column in table.columns:
            cell = row[column]
            if cell is None:
                raise DataFileError(f"{where}: column {column}: no cell (a tab missing?)")
            if not cell.strip():
                if column not in table.optional:
                    raise DataFileError(f"{where}: column {column}: empty")
                continue
            kind = float if column in table.decimals else int if column in table.integers else None
            if kind is not None:
                try:
                    kind(cell)
                except ValueError:
                    raise DataFileError(f"{where}: column {column}: {cell!r} is not a "
                                        f"{'number' if kind is float else 'whole number'}") from None
        rows.append(row)
    return rows


def data_dirs() -> list[Path]:
    """The folders data files are read from, bundled first: ``data/`` and the ``data_dir`` setting."""
    user = settings().data_dir
    return [DATA_DIR] if user is None else [DATA_DIR, user]


def layer_paths(name: str) -> list[Path]:
    """The files data file ``name`` is read from, in order: the bundled one, then the user's (the
    inputs of anything built from it, such as the gazetteer's index, which hashes them all)."""
    bundled = DATA_DIR / name
    if not bundled.is_file():
        raise DataFileError(f"{name}: no such data file in {DATA_DIR}")
    return [bundled, *(folder / name for folder in data_dirs()[1:] if (folder / name).is_file())]


def layer(base: Any, extra: Any) -> Any:
    """``extra`` laid over ``base``: mappings merged by key, lists extended (no duplicates added),
    anything else replaced."""
    if isinstance(base, dict) and isinstance(extra, dict):
        merged = dict(base)
        for key, value in extra.items():
            merged[key] = layer(base[key], value) if key in base else value
        return merged
    if isinstance(base, list) and isinstance(extra, list):
        return [*base, *(item for item in extra if item not in base)]
    return extra


def load_yaml(name: str) -> Any:
    """The content of the YAML data file ``name``, the user's layer over the bundled one, checked
    against its model in ``MODELS``."""
    data: Any = None
    for n, path in enumerate(layer_paths(name)):
        try:
            content = yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)  # noqa: S506 (a safe loader)
        except yaml.YAMLError as exc:
            raise DataFileError(f"{path}: not valid YAML: {exc}") from None
        data = content if n == 0 else layer(data, content)
    check(name, data)
    return data


def check(name: str, data: Any) -> None:
    """Validate ``data`` as the content of ``name``; a ``DataFileError`` names the first wrong keys."""
    model = MODELS.get(name)
    if model is None:
        return
    try:
        model.model_validate(data)
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(str(p) for p in err['loc']) or '(top level)'}: {err['msg']}"
                             for err in exc.errors()[:5])
        where = ", ".join(str(p) for p in layer_paths(name))
        raise DataFileError(f"{name} ({where}): {problems}") from None


def english() -> dict[str, Any]:
    """The English function words the extractors share (``data/english.yaml``): pronouns,
    determiners and modals by use, month names."""
    return load_yaml("english.yaml")


def english_words(*keys: str) -> frozenset[str]:
    """One list of ``data/english.yaml`` as lower-case words: ``english_words("pronouns", "person")``."""
    node: Any = english()
    for key in keys:
        node = node[key]
    return frozenset(str(word).lower() for word in node)


# event_frames.yaml lists of PLOVER types, kept as written (the others are words, lower-cased).
FRAME_TYPE_LISTS = frozenset({"hostile", "verbal", "symmetric", "sports_types", "legal_steps", "unpromised_acts",
                              "unpromised_future_acts", "purpose_done_types", "journey_types"})


@lru_cache(maxsize=1)
def _event_frames() -> dict[str, frozenset[str]]:
    """``data/event_frames.yaml`` read and checked once: each list as ``frame_words`` gives it."""
    return {key: frozenset(str(w) if key in FRAME_TYPE_LISTS else str(w).lower() for w in words)
            for key, words in load_yaml("event_frames.yaml").items()}


def frame_words(key: str) -> frozenset[str]:
    """One list of ``data/event_frames.yaml``: PLOVER types as written (``FRAME_TYPE_LISTS``),
    words lower-cased. The one reader of that file's lists for every module of ``extract``."""
    return _event_frames()[key]


def month_numbers(dotted: bool = False) -> dict[str, int]:
    """Month name or abbreviation -> its number ("sept" -> 9), from ``data/english.yaml``; with
    ``dotted`` each abbreviation also with its full stop ("sept." -> 9)."""
    out: dict[str, int] = {}
    for number, (name, *abbreviations) in enumerate(english()["months"], start=1):
        out[str(name).lower()] = number
        for short in abbreviations:
            out[str(short).lower()] = number
            if dotted:
                out[f"{str(short).lower()}."] = number
    return out
