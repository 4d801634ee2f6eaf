"""The output contract is in the repository (docs/contract.md), kept in step with the project's
shared CONTRACT.md, and every field it names is in `tidings schema` (issue 19: README and --help
pointed to a folder a clone does not have)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from tidings.models import ArticleResult

ROOT = Path(__file__).resolve().parents[1]
CONTRACT = ROOT / "docs" / "contract.md"
SHARED = ROOT.parent / "shared" / "CONTRACT.md"
TEXT = CONTRACT.read_text(encoding="utf-8")


def test_the_repository_contract_is_the_shared_one():
    if not SHARED.is_file():
        pytest.skip(f"{SHARED} not found: the shared folder is beside the checkout in development only")
    shared = SHARED.read_text(encoding="utf-8")
    assert TEXT.startswith(shared), "docs/contract.md differs from ../shared/CONTRACT.md: copy it again"
    added = TEXT[len(shared):]
    assert added.lstrip().startswith("## Fields this repository adds")  # additions only, at the end


def _top_level_keys(block: str) -> list[str]:
    """The keys of the outermost object of a JSON-like block (values may be prose)."""
    keys, depth = [], 0
    for token in re.findall(r'"[^"\n]*"\s*:|"[^"\n]*"|[{}\[\]]', block):
        if token in "{[":
            depth += 1
        elif token in "}]":
            depth -= 1
        elif token.endswith(":") and depth == 1:
            keys.append(token.split('"')[1])
    return keys


def _json_block_after(marker: str) -> str:
    start = TEXT.index(marker)
    fence = TEXT.index("```json", start)
    return TEXT[fence + 7:TEXT.index("```", fence + 7)]


def _inline_fields(marker: str) -> list[str]:
    start = TEXT.index(marker)
    opening = TEXT.index("{", start)
    return re.findall(r'"([a-z_]+)"', TEXT[opening:TEXT.index("}", opening)])


SCHEMA = ArticleResult.model_json_schema()


def _properties(name: str) -> set[str]:
    return set((SCHEMA if name == "ArticleResult" else SCHEMA["$defs"][name])["properties"])


@pytest.mark.parametrize(("model", "fields"), [
    ("ArticleResult", _top_level_keys(_json_block_after("## Article result"))),
    ("Event", _top_level_keys(_json_block_after("**Event**"))),
    ("Claim", _top_level_keys(_json_block_after("**Claim**"))),
    ("Statement", _top_level_keys(_json_block_after("**Statement**"))),
    ("Actor", _inline_fields("**Actor**")),
    ("Place", _inline_fields("**Place**")),
    ("Time", _inline_fields("**Time**")),
    ("ArticleMeta", _top_level_keys(TEXT[TEXT.index('"article": {'):].split("\n")[0][11:])),
])
def test_every_field_the_contract_names_is_in_the_schema(model, fields):
    assert len(fields) >= 3, f"the contract's {model} was not read: the check itself is broken"
    missing = sorted(set(fields) - _properties(model))
    assert not missing, f"{model}: the contract names {missing}, `tidings schema` lacks them"


def test_readme_and_help_point_to_the_contract_in_the_repository():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "docs/contract.md" in readme and "shared folder" not in readme
    for args in (["--help"], ["extract", "--help"]):
        out = subprocess.run([sys.executable, "-m", "tidings", *args], capture_output=True, text=True,
                             check=True).stdout
        assert "docs/contract.md" in out, args
