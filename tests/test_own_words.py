"""The repository holds no text of the gold or training data in ../shared: every test article,
rule example and comment is written in our own words (a run of RUN words in a row that a
dataset also has fails this test). Skipped where ../shared is not beside the checkout."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

RUN = 12  # words in a row; shorter runs are stock phrases of news writing ("said in a statement")
ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
# Files that must name a dataset's own schema, not its texts: the CASE 2021 label set, the ECB+
# XML layout.
SCHEMA = {"tests/test_data_files.py", "tests/test_ecbplus.py"}
_WORD = re.compile(r"[a-z]+")


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def _ours() -> list[Path]:
    files = [ROOT / "README.md", *(ROOT / "docs").glob("*.md")]
    for folder, patterns in (("tests", ("*.py", "fixtures/**/*")), ("src/tidings", ("**/*.py", "data/**/*.yaml",
                                                                                  "data/**/*.jsonl")),
                             ("train", ("**/*.py", "**/*.yaml"))):
        for pattern in patterns:
            files += [f for f in (ROOT / folder).glob(pattern) if f.is_file()]
    return [f for f in files if f.relative_to(ROOT).as_posix() not in SCHEMA and f.exists()]


@pytest.mark.slow
def test_no_run_of_words_from_the_shared_data():
    if not (SHARED / "eval").is_dir():
        pytest.skip("../shared is not beside the checkout")
    runs: dict[str, Path] = {}
    for path in _ours():
        words = _words(path.read_text(errors="ignore"))
        for i in range(len(words) - RUN + 1):
            runs.setdefault(" ".join(words[i:i + RUN]), path)
    found: dict[str, str] = {}
    for data in [*(SHARED / "eval").rglob("*"), *(SHARED / "train").rglob("*")]:
        if not data.is_file():
            continue
        words = _words(data.read_text(errors="ignore"))
        for i in range(len(words) - RUN + 1):
            key = " ".join(words[i:i + RUN])
            if key in runs:
                found.setdefault(runs[key].relative_to(ROOT).as_posix(), key)
    assert not found, "text of ../shared in the repository (write it in our own words):\n" + \
        "\n".join(f"  {path}: {run!r}" for path, run in sorted(found.items()))
