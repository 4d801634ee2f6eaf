"""spaCy makes a new ``Token`` object each time one is read (``doc[0] is doc[0]`` is False), so an
identity test between tokens is always False: ``verb.head is verb`` never finds the root, ``c is
not token`` never leaves the token out. Tokens are compared by index (``verb.head.i == verb.i``).
This check reads the package's source for ``is`` / ``is not`` between token-like expressions."""

from __future__ import annotations

import ast
from pathlib import Path

import tidings

# Names the package gives tokens; an expression reading ``.head`` or ``.root`` is a token too.
_TOKEN_NAMES = frozenset({"token", "tok", "verb", "head", "root", "governor", "cur", "noun", "doer", "holder",
                          "arg", "first", "antecedent", "subject", "t", "c", "k", "o", "g"})


def _token_like(node: ast.expr) -> bool:
    if isinstance(node, ast.Name):
        return node.id in _TOKEN_NAMES
    if isinstance(node, ast.Attribute):
        return node.attr in {"head", "root"} or (node.attr not in {"i", "idx"} and _token_like(node.value))
    if isinstance(node, ast.Subscript):
        return _token_like(node.value)
    return False


def _identity_tests(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Compare):
            continue
        left = node.left
        for op, right in zip(node.ops, node.comparators):
            if isinstance(op, (ast.Is, ast.IsNot)) and not isinstance(right, ast.Constant) \
                    and _token_like(left) and _token_like(right):
                found.append(f"{path.name}:{node.lineno}: {ast.unparse(node)}")
            left = right
    return found


def test_no_token_is_compared_by_identity():
    package = Path(tidings.__file__).parent
    found = [hit for path in sorted(package.rglob("*.py")) for hit in _identity_tests(path)]
    assert found == []


def test_the_check_finds_an_identity_test(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text("def f(verb):\n    return verb.head is verb or verb.head.i == verb.i\n", encoding="utf-8")
    assert _identity_tests(sample) == ["sample.py:2: verb.head is verb"]
