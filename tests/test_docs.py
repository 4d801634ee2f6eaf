"""The docs match the tool: every command and every setting is in the README (as sqlite-utils
checks its own), and the README's two commands are the Makefile's."""

from __future__ import annotations

import re
from pathlib import Path

from tidings.cli import build_parser

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _commands() -> list[str]:
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    return sorted(sub.choices)


def test_every_command_is_in_the_readme():
    missing = [c for c in _commands() if f"tidings {c}" not in README]
    assert not missing, f"commands not documented in README.md: {missing}"


def test_every_setting_is_in_the_readme():
    source = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "src" / "tidings").rglob("*.py"))
    names = set(re.findall(r'_env\("([a-z_]+)"', source))
    settings = {f"TIDINGS_{n.upper()}" for n in names} | set(re.findall(r'"(TIDINGS_[A-Z_]+)"', source))
    assert settings, "no settings found: the check itself is broken"
    missing = sorted(s for s in settings if s not in README)
    assert not missing, f"settings not documented in README.md: {missing}"


def test_the_two_readme_commands_are_make_targets_and_ci_runs_the_test_one():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "make demo" in README and "make test" in README
    assert re.search(r"^demo:", makefile, re.M) and re.search(r"^test:", makefile, re.M)
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
