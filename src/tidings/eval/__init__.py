"""Measuring tidings on gold data other people annotated (``../shared/eval``).

Each gold set has a module here exposing::

    NAME: str                      # the name used on the command line: ``tidings eval NAME``
    DEFAULT_LIMIT: int | None      # documents read by default (keeps CI fast); None = all
    def run(root: Path, pipeline: Pipeline, limit: int | None) -> EvalReport

``root`` is the gold set's own folder (``../shared/eval/NAME``). Gold data is read from there at
evaluation time and never copied into this repository.
"""

from __future__ import annotations

import importlib
import json
from pathlib import Path
from types import ModuleType

import catalogue

from ..config import settings
from ..models import EvalReport

MODULES: dict[str, str] = {
    "plover-gsr": "plover_gsr",
    "petrarch2-validation": "petrarch2",
    "muc4": "muc4",
    "muc4-templates": "muc4_templates",
    "gvdb": "gvdb",
    "geowebnews": "geowebnews",
    "geovirus": "geovirus",
    "event-location": "event_location",
    "wikievents": "wikievents",
    "case2021-task2": "case2021",
    "tempeval3": "tempeval3",
    "polnear": "polnear",
    "ecbplus": "ecbplus",
    "actor-resolution": "actor_resolution",
}


def default_eval_root() -> Path:
    """``$TIDINGS_EVAL_ROOT`` or ``../shared/eval`` beside the checkout or the working directory."""
    configured = settings().eval_root
    if configured is not None:
        return configured
    here = Path(__file__).resolve()
    for base in [Path.cwd(), *here.parents]:
        candidate = base.parent / "shared" / "eval"
        if candidate.is_dir():
            return candidate
    return Path.cwd().parent / "shared" / "eval"


#: Gold sets other packages add, by name (a ``catalogue`` registry; entry points:
#: ``tidings_gold_sets``): each a module or object with ``NAME``, ``DEFAULT_LIMIT`` and ``run`` as
#: above (and ``FOLDER`` if its folder under the eval root has another name). The built-ins in
#: ``MODULES`` are imported only when run.
gold_sets = catalogue.create("tidings", "gold_sets", entry_points=True)


def gold_set_names() -> list[str]:
    """Every gold set: the built-ins, then those registered by other packages."""
    return [*MODULES, *sorted(name for name in gold_sets.get_all() if name not in MODULES)]


def eval_module(name: str) -> ModuleType:
    if name in MODULES:
        return importlib.import_module(f"{__name__}.{MODULES[name]}")
    if name in gold_sets:
        return gold_sets.get(name)
    raise KeyError(f"unknown gold set {name!r}; choose from: {', '.join(gold_set_names())}")


def run_eval(name: str, pipeline, root: Path | None = None, limit: int | None = -1) -> EvalReport:
    """Run one evaluation. ``limit=-1`` means the module's DEFAULT_LIMIT."""
    module = eval_module(name)
    folder = (root or default_eval_root()) / getattr(module, "FOLDER", name)  # "." reads several sets
    if not folder.is_dir():
        raise FileNotFoundError(f"gold set folder not found: {folder} (set TIDINGS_EVAL_ROOT)")
    if limit == -1:
        limit = module.DEFAULT_LIMIT
    return module.run(folder, pipeline, limit)


def load_baseline(path: Path) -> dict[str, dict[str, float]]:
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def below_floor(report: EvalReport, baseline: dict[str, dict[str, float]], slack: float = 1e-9) -> list[str]:
    """The scores of ``report`` that fell below their floor in ``baseline``, as readable lines."""
    floors = baseline.get(report.name, {})
    failures = []
    for metric, floor in floors.items():
        score = report.scores.get(metric)
        if score is None:
            failures.append(f"{report.name}.{metric}: missing (floor {floor:.3f})")
        elif score + slack < floor:
            failures.append(f"{report.name}.{metric}: {score:.3f} < floor {floor:.3f}")
    return failures
