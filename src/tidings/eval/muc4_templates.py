"""MUC-4 template filling (TST1+TST2, the role-filler form of the template-filling literature).

Gold: ``templates/dev.json`` (one document a line: ``docid``, lower-cased ``doctext`` and its
``templates``: ``incident_type`` and the roles PerpInd, PerpOrg, Target, Victim, Weapon, each a list
of entities, an entity a list of alternative mention strings). The texts scored are the documents
as distributed (``tst1/tst1-muc3``, ``tst2/tst2-muc4``: upper case, line-wrapped), exactly what a
user would give ``tidings extract``, with the dateline's day as the publication date.

How printed events become templates (``templates/SOURCE.txt``, read from the result as JSON, the
way a user's script reads ``tidings extract`` output):

- every printed ASSAULT, and every COERCE whose mode is arson or a seizure, makes a template
  unless its status says it did not happen (negated, hypothetical, future); two identical
  templates of one document count as one;
- its incident type is read off the event's mode and its ACLED sub-event (:func:`incident_type`);
- the roles: PerpOrg takes the source actors that are organisations of some kind or carry a
  registry id, plus the actor of every ``claim`` tied to the event, and PerpInd the remaining
  source actors; Victim takes the target actors whose kind is person, civilians or unknown, plus
  the ``victims`` of each casualty figure (each of its ``named`` people, when it names them one
  by one: a figure of three named victims is three victims, as it was when each name made a figure
  of one), and Target the remaining target actors and the
  ``physical_targets``; Weapon takes the ``instruments``. Each entity is a single mention string
  (its ``text``).

The metric (GTT, NAACL 2021): per document, predicted templates map one-to-one to gold templates or
to nothing, by the mapping that maximises the document's micro F1; a pair counts only when the
incident types agree; a predicted entity is right when its mention string (lower-cased, punctuation
and a/an/the removed) is one of a gold entity's strings. Unmapped predictions count against
precision, unmapped gold against recall. ``micro_f1`` is over incident type and the five roles.
``python3 ../shared/tools/muc4_templates.py`` measures the same from the CLI; the two agree.

Counts also give records per article against gold incidents per article: all printed events,
the incident templates made from them, and the gold templates.
"""

from __future__ import annotations

import itertools
import json
import re
import string
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ..ingest import article_from_record
from ..models import ArticleResult, EvalReport
from .metrics import prf

NAME = "muc4-templates"
FOLDER = "muc4"
DEFAULT_LIMIT: int | None = None  # the 200 documents take about a minute on 2 cores
EXAMPLES = 10

ROLES = ("PerpInd", "PerpOrg", "Target", "Victim", "Weapon")
KEYS = ("incident_type", *ROLES)
_NOT_HAPPENED = {"negated", "hypothetical", "future"}
_BOMB_MODES = {"explosives", "suicide-attack", "suicide-bomb", "bombing", "car-bomb", "ied", "bomb",
               "grenade", "mine"}
_KIDNAP_MODES = {"abduct", "kidnap", "kidnapping", "hostage"}
_ARSON_MODES = {"arson", "burn"}
_ROB_MODES = {"rob", "robbery", "loot", "seize"}
_ORG_KINDS = {"armed_group", "organization", "state_forces", "political_party", "government"}
_VICTIM_KINDS = {"person", "civilians", "unknown", ""}
_EXHAUSTIVE = 300_000  # mappings tried per document before falling back to a greedy one

_HEADER = re.compile(r"(?m)^((?:DEV|TST\d)-MUC\d-\d{4})\s*$")
_MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]
_DATELINE_DAY = re.compile(r"\b(\d{1,2}) (" + "|".join(_MONTHS) + r")[A-Z]* (\d{2})\b", re.IGNORECASE)
_PUNCTUATION = frozenset(string.punctuation)
_ARTICLES = re.compile(r"\b(?:a|an|the)\b")

Template = dict  # {"incident_type": str, role: [[mention, ...], ...]}


def normalise(mention: str) -> str:
    """Lower case, no punctuation, no articles, single spaces."""
    text = "".join(ch for ch in (mention or "").lower() if ch not in _PUNCTUATION)
    return " ".join(_ARTICLES.sub(" ", text).split())


def _normalised(template: Template) -> Template:
    out: Template = {"incident_type": template["incident_type"]}
    for role in ROLES:
        entities = [[normalise(m) for m in entity] for entity in template.get(role, []) if entity]
        out[role] = [e for e in entities if all(e)]
    return out


def read_gold(path: Path) -> dict[str, list[Template]]:
    """docid -> its distinct templates, mention strings normalised."""
    gold: dict[str, list[Template]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        doc = json.loads(line)
        templates: list[Template] = []
        for t in doc["templates"]:
            plain = {"incident_type": t["incident_type"],
                     **{role: [[m[0] for m in entity] for entity in t.get(role, []) if entity] for role in ROLES}}
            if plain not in templates:
                templates.append(plain)
        gold[doc["docid"]] = [_normalised(t) for t in templates]
    return gold


def read_texts(folder: Path) -> dict[str, tuple[str, date | None]]:
    """docid -> (text as distributed, the dateline's day) from the raw files under ``folder``."""
    out: dict[str, tuple[str, date | None]] = {}
    for path in sorted(folder.rglob("*-muc*")):
        if path.name.startswith("key") or not path.is_file():
            continue
        pieces = _HEADER.split(path.read_text(encoding="latin-1"))
        for docid, body in zip(pieces[1::2], pieces[2::2]):
            text = body.strip("\n").rstrip()
            out[docid] = (text, _dateline_day(text))
    return out


def _dateline_day(text: str) -> date | None:
    match = _DATELINE_DAY.search(text[:300])
    if match is None:
        return None
    try:
        return date(1900 + int(match.group(3)), _MONTHS.index(match.group(2).upper()[:3]) + 1, int(match.group(1)))
    except ValueError:  # "31 APR": no date rather than a wrong one
        return None


# --- printed events -> templates ----------------------------------------------------------------


def incident_type(event: dict) -> str:
    mode = str(event.get("mode") or "").lower()
    sub = str((event.get("acled") or {}).get("sub_event_type") or "").lower()
    if mode in _KIDNAP_MODES or "abduction" in sub:
        return "kidnapping"
    if mode in _BOMB_MODES or any(word in sub for word in ("explosive", "suicide", "grenade")):
        return "bombing"
    if mode in _ARSON_MODES:
        return "arson"
    if mode in _ROB_MODES or "looting" in sub:
        return "robbery"
    return "attack"


def is_incident(event: dict) -> bool:
    if event.get("status") in _NOT_HAPPENED:
        return False
    mode = str(event.get("mode") or "").lower()
    return event.get("type") == "ASSAULT" or (event.get("type") == "COERCE" and mode in _ARSON_MODES | _ROB_MODES)


def template_of(event: dict, claims: list[dict]) -> Template:
    template: Template = {"incident_type": incident_type(event), **{role: [] for role in ROLES}}

    def add(role: str, text) -> None:
        if isinstance(text, str) and text.strip() and [text] not in template[role]:
            template[role].append([text])

    for actor in event.get("source_actors") or []:
        organised = str(actor.get("kind") or "") in _ORG_KINDS or bool(actor.get("registry_id"))
        add("PerpOrg" if organised else "PerpInd", actor.get("text"))
    for actor in event.get("target_actors") or []:
        add("Victim" if str(actor.get("kind") or "") in _VICTIM_KINDS else "Target", actor.get("text"))
    for casualty in event.get("casualties") or []:
        for name in casualty.get("named") or [casualty.get("victims")]:  # each person a figure names
            add("Victim", name)
    for span in event.get("instruments") or []:
        add("Weapon", span.get("text"))
    for span in event.get("physical_targets") or []:
        add("Target", span.get("text"))
    for claim in claims:
        if claim.get("kind") == "claim" and event.get("id") in (claim.get("event_ids") or []) and claim.get("actor"):
            add("PerpOrg", claim["actor"].get("text"))
    return template


def templates_from(result: ArticleResult) -> list[Template]:
    """The templates a user's script reads off one printed result (identical ones once)."""
    printed = json.loads(result.model_dump_json())
    claims = printed.get("claims") or []
    templates: list[Template] = []
    for event in printed.get("events") or []:
        if is_incident(event):
            template = template_of(event, claims)
            if template not in templates:
                templates.append(template)
    return [_normalised(t) for t in templates]


# --- the metric ---------------------------------------------------------------------------------


@dataclass
class Tally:
    """Per key: predicted right, predicted, gold found, gold (precision and recall counts)."""

    counts: dict[str, list[int]] = field(default_factory=lambda: {k: [0, 0, 0, 0] for k in KEYS})

    def add(self, other: Tally) -> None:
        for key in KEYS:
            self.counts[key] = [a + b for a, b in zip(self.counts[key], other.counts[key])]

    def micro(self) -> list[int]:
        return [sum(self.counts[k][i] for k in KEYS) for i in range(4)]


def f1(right: int, predicted: int, found: int, gold: int) -> float:
    return prf(right, predicted, found, gold)[2]


def _types(gold: Template) -> list[str]:
    """A gold incident type with its alternatives ("bombing / attack": either is right)."""
    return [t.strip() for t in gold["incident_type"].split("/")]


def _entity_right(entity: list[str], gold_entity: list[str]) -> bool:
    return all(m in gold_entity for m in entity)


def tally(mapping: dict[int, int], predicted: list[Template], gold: list[Template]) -> Tally:
    """Counts for one document under one mapping (predicted index -> gold index)."""
    t = Tally()
    c = t.counts
    paired_p: set[int] = set()
    paired_g: set[int] = set()
    for i, j in mapping.items():
        p, g = predicted[i], gold[j]
        if p["incident_type"] not in _types(g):
            continue
        paired_p.add(i)
        paired_g.add(j)
        c["incident_type"] = [x + 1 for x in c["incident_type"]]
        for role in ROLES:
            c[role][1] += len(p[role])
            c[role][0] += sum(any(_entity_right(e, ge) for ge in g[role]) for e in p[role])
            c[role][3] += len(g[role])
            c[role][2] += sum(any(_entity_right(e, ge) for e in p[role]) for ge in g[role])
    for i, p in enumerate(predicted):
        if i not in paired_p:
            c["incident_type"][1] += 1
            for role in ROLES:
                c[role][1] += len(p[role])
    for j, g in enumerate(gold):
        if j not in paired_g:
            c["incident_type"][3] += 1
            for role in ROLES:
                c[role][3] += len(g[role])
    return t


def _mappings(predicted: list[Template], gold: list[Template]):
    """Every one-to-one mapping of predicted to gold templates (or a greedy one when too many)."""
    if (len(gold) + 1) ** len(predicted) > _EXHAUSTIVE:
        yield _greedy(predicted, gold)
        return
    for choice in itertools.product([*range(len(gold)), -1], repeat=len(predicted)):
        used = [j for j in choice if j != -1]
        if len(used) == len(set(used)):
            yield {i: j for i, j in enumerate(choice) if j != -1}


def _greedy(predicted: list[Template], gold: list[Template]) -> dict[int, int]:
    pairs = sorted(((f1(*tally({0: 0}, [p], [g]).micro()), i, j)
                    for i, p in enumerate(predicted) for j, g in enumerate(gold)), reverse=True)
    mapping: dict[int, int] = {}
    for score, i, j in pairs:
        if score > 0 and i not in mapping and j not in mapping.values():
            mapping[i] = j
    return mapping


def score_document(predicted: list[Template], gold: list[Template]) -> Tally:
    """The counts of the mapping with the best document micro F1 (the first found on a tie)."""
    best, best_f1 = None, -1.0
    for mapping in _mappings(predicted, gold):
        t = tally(mapping, predicted, gold)
        score = f1(*t.micro())
        if score > best_f1:
            best, best_f1 = t, score
    return best if best is not None else tally({}, predicted, gold)


# --- the run ------------------------------------------------------------------------------------


def run(root: Path, pipeline, limit: int | None) -> EvalReport:
    gold = read_gold(root / "templates" / "dev.json")
    texts = read_texts(root)
    docids = [d for d in gold if d in texts][:limit]
    # built as `tidings extract` builds a JSONL line (dateline, language), so the same text gives
    # the same result as on the command line
    articles = [article_from_record({"id": d, "text": texts[d][0],
                                     **({"published": texts[d][1].isoformat()} if texts[d][1] else {})}, d)
                for d in docids]
    total = Tally()
    printed = incidents = gold_templates = failed = 0
    examples: list[str] = []
    for docid, result in zip(docids, pipeline.process_many(articles)):
        failed += bool(result.errors)
        predicted = templates_from(result)
        doc_tally = score_document(predicted, gold[docid])
        total.add(doc_tally)
        printed += len(result.events)
        incidents += len(predicted)
        gold_templates += len(gold[docid])
        if len(predicted) != len(gold[docid]) and len(examples) < EXAMPLES:
            examples.append(f"{docid}: {len(predicted)} templates for {len(gold[docid])} gold "
                            f"({len(result.events)} events printed)")
    scores = {"micro_f1": f1(*total.micro())}
    right, predicted_n, found, gold_n = total.micro()
    scores["micro_precision"] = right / predicted_n if predicted_n else 0.0
    scores["micro_recall"] = found / gold_n if gold_n else 0.0
    for key in KEYS:
        scores[f"{key}_f1"] = f1(*total.counts[key])
    n = len(docids)
    counts = {"documents": n, "failed": failed, "events_printed": printed, "templates_predicted": incidents,
              "templates_gold": gold_templates}
    for key in KEYS:
        for label, value in zip(("right", "predicted", "found", "gold"), total.counts[key]):
            counts[f"{key}.{label}"] = value

    def per(x: int) -> float:
        return x / n if n else 0.0

    return EvalReport(
        name=NAME, scores=scores, counts=counts, examples=examples,
        notes=f"TST1+TST2 as distributed, {n} documents; one template per printed incident event "
              f"(templates/SOURCE.txt); per article: {per(printed):.2f} events printed, "
              f"{per(incidents):.2f} incident templates, {per(gold_templates):.2f} gold templates",
    )
