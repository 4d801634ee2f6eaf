"""The data files (rules as data): one loader, each file checked on load, and a user data folder
layered over the bundled one.

``load_yaml(name)`` reads ``data/NAME`` from the package and, when the ``data_dir`` setting
(``TIDINGS_DATA_DIR``) names a folder holding a file of the same name, layers that file over it,
so an analyst extends the lexicons without editing the installed package:

- a mapping is merged key by key (a key only the user file has is added);
- a list is extended (the bundled words, then the user's new ones);
- anything else (a number, a string) is replaced by the user's value.

Each YAML file with a model in ``MODELS`` is validated against it after
layering; a ``DataFileError`` names the file, the key and what is wrong, so a typo in a lexicon
stops the run at once instead of silently matching nothing.

This module is part of the base (it imports no layer): ingest, kb and extract all read data files.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, RootModel, StrictBool, StrictFloat, StrictInt, StrictStr
from pydantic import ValidationError

from .config import DATA_DIR, settings

# A word in a lexicon: YAML reads a bare `no`, `on` or `2` as a bool or a number, and the loaders
# turn every word into text, so those are words too; a mapping or a list where a word belongs is not.
Word = StrictStr | StrictInt | StrictFloat | StrictBool
Words = list[Word]


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


#: File name -> the pydantic model its content must fit (after the user's layer). Files not named
#: here are read as they are; a model is added when a file's loader is moved here.
MODELS: dict[str, type[BaseModel]] = {
    "events.yaml": RootModel[dict[str, _EventType]],
    "modes.yaml": RootModel[dict[str, dict[str, Words]]],
    "contexts.yaml": RootModel[dict[str, Words]],
    "event_frames.yaml": RootModel[dict[str, Words]],
    "incident_arguments.yaml": RootModel[dict[str, Words]],
    "genres.yaml": _Genres,
    "english.yaml": _English,
    "cameo.yaml": _Cameo,
    "confidence.yaml": RootModel[dict[str, dict[str, Annotated[float, Field(ge=0, le=1)]]]],
}


def data_dirs() -> list[Path]:
    """The folders data files are read from, bundled first: ``data/`` and the ``data_dir`` setting."""
    user = settings().data_dir
    return [DATA_DIR] if user is None else [DATA_DIR, user]


def _layers(name: str) -> list[Path]:
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
    for n, path in enumerate(_layers(name)):
        try:
            content = yaml.safe_load(path.read_text(encoding="utf-8"))
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
        where = ", ".join(str(p) for p in _layers(name))
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
