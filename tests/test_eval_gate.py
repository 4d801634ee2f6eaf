"""The accuracy ratchet (as trafilatura keeps one): every score named in ``eval_baseline.json`` must
stay at or above its floor on the gold data in ``../shared/eval``. A floor moves down only on
purpose, in a reviewed change to that file; it moves up when the lead records a better measurement.

Without the gold data the gate skips (the ``eval_root`` fixture says why); CI has it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tidings.eval import MODULES, below_floor, eval_module, load_baseline, run_eval

BASELINE_PATH = Path(__file__).resolve().parents[1] / "eval_baseline.json"
BASELINE = load_baseline(BASELINE_PATH)


def test_baseline_names_registered_gold_sets_and_valid_floors():
    assert BASELINE_PATH.exists(), "eval_baseline.json is missing at the repository root"
    for name, floors in BASELINE.items():
        assert name in MODULES, f"eval_baseline.json names {name!r}, which no evaluation module runs"
        assert eval_module(name).NAME == name
        assert floors, f"eval_baseline.json: {name!r} has no floors; remove the entry"
        for metric, floor in floors.items():
            assert 0.0 <= floor <= 1.0, f"{name}.{metric}: floor {floor} is not in [0, 1]"


def test_the_baseline_check_catches_an_unknown_gold_set(tmp_path):
    """The check above would fail on a misspelt set: a floor nobody measures never holds back."""
    path = tmp_path / "baseline.json"
    path.write_text('{"plover_gsr": {"type_accuracy": 0.5}}', encoding="utf-8")
    assert [name for name in load_baseline(path) if name not in MODULES] == ["plover_gsr"]


@pytest.mark.gold
@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(BASELINE))
def test_scores_hold_their_floors(name, pipeline, eval_root):
    folder = eval_root / getattr(eval_module(name), "FOLDER", name)  # "." reads several sets
    if not folder.is_dir():
        pytest.skip(f"gold set {name!r} not found under {eval_root}")
    report = run_eval(name, pipeline, root=eval_root)
    failures = below_floor(report, BASELINE)
    assert not failures, "scores fell below their floors:\n" + "\n".join(failures)
