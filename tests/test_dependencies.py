"""What the package imports is what it declares: a third-party import missing from pyproject.toml
works on a developer's machine and breaks a fresh `pip install`; an optional one says which extra."""

import ast
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

import pytest

from tidings.errors import UsageError, require

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src" / "tidings"


def _declared() -> dict[str, str]:
    """distribution name (normalised) -> "" for a base dependency, or the extra that installs it."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    out: dict[str, str] = {}
    groups = [("", project["dependencies"]), *project["optional-dependencies"].items()]
    for extra, reqs in groups:
        for req in reqs:
            name = req.split(";")[0].split("[")[0].split("=")[0].split("<")[0].split(">")[0].strip()
            out.setdefault(name.lower().replace("_", "-"), extra)
    return out


def _imported_top_level() -> set[str]:
    names: set[str] = set()
    for path in SRC.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names.add(node.module.split(".")[0])
    return names - set(sys.stdlib_module_names) - {"tidings", "__future__"}


def test_every_third_party_import_is_declared():
    declared = _declared()
    dists = packages_distributions()
    undeclared = []
    for module in sorted(_imported_top_level()):
        candidates = [d.lower().replace("_", "-") for d in dists.get(module, [module])]
        if not any(c in declared for c in candidates):
            undeclared.append(f"{module} (from {', '.join(candidates)})")
    assert not undeclared, f"imported but not in pyproject.toml: {undeclared}"


def test_heavy_parts_are_extras_not_base_dependencies():
    declared = _declared()
    assert declared["dask"] == "dask"
    assert declared["pyarrow"] == "parquet"
    assert declared["scipy"] == "eval"
    assert "textacy" not in declared and "dateparser" not in declared


def test_a_missing_optional_package_names_its_extra():
    with pytest.raises(UsageError, match=r"pip install 'tidings\[dask\]'"):
        require("tidings_no_such_module", "dask", "--engine dask")
