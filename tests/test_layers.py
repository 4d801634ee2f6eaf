"""The package's layers follow the data (README, "Layout"): ingest -> annotate -> kb -> extract ->
resolve -> store -> export, api, web, cli. A module imports only from its own layer or those below
it, the base (config, errors, models, progress) imports no layer, and no two modules import each
other, directly or round a loop. The contracts live in pyproject.toml ([tool.importlinter]);
`lint-imports` checks the same."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import grimp
import pytest

ROOT = Path(__file__).resolve().parents[1]


def _graph() -> grimp.ImportGraph:
    return grimp.build_graph("tidings", exclude_type_checking_imports=True, cache_dir=None)


def _cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for root in sorted(edges):
        if root in index:
            continue
        work = [(root, iter(sorted(edges[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(edges.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def test_the_cycle_finder_finds_a_loop():
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert _cycles({"a": {"b"}, "b": set()}) == []


def test_no_module_imports_itself_round_a_loop():
    graph = _graph()
    edges = {m: set(graph.find_modules_directly_imported_by(m)) for m in graph.modules}
    cycles = _cycles(edges)
    assert not cycles, f"import cycles: {cycles}"


def test_the_layer_contracts_are_kept(capsys):
    pytest.importorskip("importlinter")
    from importlinter.cli import lint_imports

    sys.path.insert(0, str(ROOT / "src"))
    try:
        code = lint_imports(config_filename=str(ROOT / "pyproject.toml"), no_cache=True, no_logo=True)
    finally:
        sys.path.remove(str(ROOT / "src"))
    report = capsys.readouterr().out
    assert "2 kept, 0 broken" in report, report
    assert code == 0, report


def test_only_the_settings_read_the_environment():
    """One settings object (config.py) reads TIDINGS_* variables; no other module reads or writes
    the environment, so a flag, a variable and a default can never disagree between modules."""
    src = ROOT / "src" / "tidings"
    uses = re.compile(r"\bos\.environ\b|\bgetenv\b|\bputenv\b|from os import .*environ")
    readers = sorted(str(p.relative_to(src)) for p in src.rglob("*.py") if uses.search(p.read_text(encoding="utf-8")))
    assert readers == ["config.py"], readers
