"""WikiEvents (dev): event triggers and their arguments in whole news articles (KAIROS ontology).

Each line of ``dev.jsonl`` is one article: its ``sentences`` (each a list of ``[token, start, end]``
and the sentence string), ``entity_mentions`` and ``event_mentions`` (type, trigger token span,
arguments naming entity mentions by id with a role). ``coref/dev.jsonlines`` groups entity mentions
that denote the same thing.

The file's character offsets do not index its own ``text`` field (they drift), so the article is
rebuilt here: the sentence strings joined by a space (the first, the headline, by a blank line),
each token found in its sentence string in order. Gold token spans become character spans of that
rebuilt text, which is what tidings reads.

KAIROS types and roles are read as PLOVER through ``data/crosswalk_kairos.yaml``; mentions of
types with no PLOVER counterpart (a broadcast, a trial) are not scored.

Scores:

- ``trigger_precision`` / ``trigger_recall`` / ``trigger_f1``: a predicted mention is an event's
  trigger or one of its evidence spans, with the event's type; it is correct when it overlaps a gold
  trigger whose PLOVER type is the same. tidings merges "a bomb attack killed three" into one
  event with two evidence spans, and WikiEvents annotates two mentions (Attack, Die): both count;
- ``trigger_id_f1``: the same ignoring the type (is this word an event at all);
- ``argument_precision`` / ``argument_recall`` / ``argument_f1``: over the roles tidings fills,
  attacker (``source_actors``), target and victim (``target_actors`` and casualty figures; PLOVER
  does not tell what was hit from who was harmed, so either gold role accepts them) and place
  (``location``). A predicted argument is correct when its event matches a gold mention (above)
  and its span overlaps a mention of an entity that fills that role there (any mention of the same
  coreference cluster counts). Recall is over the gold arguments of those roles of scored mentions;
- ``attacker_recall``, ``target_recall``, ``victim_recall``, ``place_recall``: per gold role;
- ``instrument_recall`` is not scored: tidings/1 carries the instrument only as a ``mode`` word
  without a span (counted in ``counts.gold_instrument``).
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path


from ..datafiles import load_yaml
from ..models import EVENT_TYPES, Article, ArticleResult, EvalReport, Event, article_id_for
from .metrics import f1, ratio

NAME = "wikievents"
# The 20 dev articles (about 12,000 words) take about 5 s with the small model on 2 cores.
DEFAULT_LIMIT: int | None = None
SPLIT = "dev"
EXAMPLES = 10
SCORED_ROLES = ("attacker", "target", "victim", "place")


@dataclass(frozen=True)
class Crosswalk:
    types: dict[str, str | None]  # KAIROS type prefix -> PLOVER type or None
    roles: dict[str, str]  # KAIROS role -> our role name

    def plover(self, kairos_type: str) -> str | None:
        """The PLOVER type of a KAIROS type, by its longest listed prefix; None if unlisted."""
        parts = kairos_type.split(".")
        for n in range(len(parts), 0, -1):
            prefix = ".".join(parts[:n])
            if prefix in self.types:
                return self.types[prefix]
        return None


@lru_cache(maxsize=1)
def crosswalk() -> Crosswalk:
    raw = load_yaml("crosswalk_kairos.yaml")
    for kairos, plover in raw["types"].items():
        if plover is not None and plover not in EVENT_TYPES:
            raise ValueError(f"crosswalk_kairos.yaml: {kairos} maps to {plover!r}, not a PLOVER type")
    return Crosswalk(dict(raw["types"]), dict(raw["roles"]))


@dataclass(frozen=True)
class GoldArgument:
    role: str  # our role name: attacker, target, victim, place, instrument
    spans: tuple[tuple[int, int], ...]  # character spans of the entity's mentions (coref cluster)


@dataclass(frozen=True)
class GoldMention:
    kairos_type: str
    type: str  # PLOVER
    start: int
    end: int
    text: str
    arguments: tuple[GoldArgument, ...]


@dataclass
class GoldDocument:
    id: str
    text: str
    mentions: list[GoldMention] = field(default_factory=list)


def _rebuild(sentences: list) -> tuple[str, list[tuple[int, int]]]:
    """The article text from the sentence strings, and each token's character span in it."""
    pieces: list[str] = []
    spans: list[tuple[int, int]] = []
    offset = 0
    for n, (tokens, sentence) in enumerate(sentences):
        if n:
            separator = "\n\n" if n == 1 else " "
            pieces.append(separator)
            offset += len(separator)
        cursor = 0
        for token, _start, _end in tokens:
            found = sentence.find(token, cursor)
            if found < 0:
                raise ValueError(f"token {token!r} not found in its sentence {sentence[:60]!r}")
            spans.append((offset + found, offset + found + len(token)))
            cursor = found + len(token)
        pieces.append(sentence)
        offset += len(sentence)
    return "".join(pieces), spans


def read_documents(root: Path, split: str = SPLIT) -> list[GoldDocument]:
    walk = crosswalk()
    clusters: dict[str, dict[str, list[str]]] = {}
    coref_path = root / "coref" / f"{split}.jsonlines"
    if coref_path.exists():
        for line in coref_path.read_text(encoding="utf-8").splitlines():
            item = json.loads(line)
            members = clusters.setdefault(item["doc_key"], {})
            for cluster in item["clusters"]:
                for entity_id in cluster:
                    members[entity_id] = cluster
    documents = []
    for line in (root / f"{split}.jsonl").read_text(encoding="utf-8").splitlines():
        item = json.loads(line)
        text, token_spans = _rebuild(item["sentences"])
        entity_span = {e["id"]: (token_spans[e["start"]][0], token_spans[e["end"] - 1][1])
                       for e in item["entity_mentions"]}
        members = clusters.get(item["doc_id"], {})
        doc = GoldDocument(item["doc_id"], text)
        for event in item["event_mentions"]:
            plover = walk.plover(event["event_type"])
            if plover is None:
                continue
            arguments = []
            for arg in event["arguments"]:
                role = walk.roles.get(arg["role"])
                if role is None:
                    continue
                ids = members.get(arg["entity_id"], [arg["entity_id"]])
                arguments.append(GoldArgument(role, tuple(entity_span[i] for i in ids if i in entity_span)))
            trig = event["trigger"]
            start, end = token_spans[trig["start"]][0], token_spans[trig["end"] - 1][1]
            doc.mentions.append(GoldMention(event["event_type"], plover, start, end, text[start:end],
                                            tuple(arguments)))
        documents.append(doc)
    return documents


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def predicted_arguments(event: Event) -> list[tuple[frozenset[str], tuple[int, int]]]:
    """(gold roles it may fill, span) for each argument of a predicted event."""
    harmed = frozenset({"target", "victim"})
    args = [(frozenset({"attacker"}), (a.start, a.end)) for a in event.source_actors]
    args += [(harmed, (a.start, a.end)) for a in event.target_actors]
    args += [(harmed, (c.evidence.start, c.evidence.end)) for c in event.casualties]
    if event.location is not None:
        args.append((frozenset({"place"}), (event.location.start, event.location.end)))
    return args


@dataclass
class Tally:
    predicted: int = 0
    predicted_correct: int = 0
    predicted_id_correct: int = 0
    gold: int = 0
    gold_found: int = 0
    gold_id_found: int = 0
    arg_predicted: int = 0
    arg_predicted_correct: int = 0
    gold_args: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    gold_args_found: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    examples: list[str] = field(default_factory=list)
    # records per article against gold: WikiEvents marks no event coreference, so its mentions are
    # an upper bound on its incidents (several mentions of one attack are several gold mentions)
    events_printed: int = 0
    assault_events_printed: int = 0
    gold_assault_mentions: int = 0

    def add(self, doc: GoldDocument, result: ArticleResult) -> None:
        self.events_printed += len(result.events)
        self.assault_events_printed += sum(e.type == "ASSAULT" for e in result.events)
        self.gold_assault_mentions += sum(m.type == "ASSAULT" for m in doc.mentions)
        mentions = [(ev, span) for ev in result.events
                    for span in ({(s.start, s.end) for s in [ev.trigger, *ev.evidence]})]
        self.predicted += len(mentions)
        matched_gold: dict[int, list[Event]] = defaultdict(list)  # gold index -> events matching it
        for ev, span in mentions:
            hits = [i for i, g in enumerate(doc.mentions) if _overlaps(span, (g.start, g.end))]
            self.predicted_id_correct += bool(hits)
            typed = [i for i in hits if doc.mentions[i].type == ev.type]
            self.predicted_correct += bool(typed)
            for i in typed:
                if ev not in matched_gold[i]:
                    matched_gold[i].append(ev)
            if not typed and len(self.examples) < EXAMPLES:
                gold = "/".join(doc.mentions[i].kairos_type for i in hits) or "no event"
                self.examples.append(f"{doc.id}: predicted {ev.type} at {result.article.text[span[0]:span[1]]!r}, gold {gold}")
        for i, gold in enumerate(doc.mentions):
            self.gold += 1
            found = bool(matched_gold.get(i))
            self.gold_found += found
            self.gold_id_found += any(_overlaps(span, (gold.start, gold.end)) for _, span in mentions)
            for arg in gold.arguments:
                if arg.role not in SCORED_ROLES and arg.role != "instrument":
                    continue
                self.gold_args[arg.role] += 1
                if arg.role == "instrument":
                    continue
                self.gold_args_found[arg.role] += any(
                    arg.role in roles and any(_overlaps(span, s) for s in arg.spans)
                    for ev in matched_gold.get(i, []) for roles, span in predicted_arguments(ev))
            if not found and len(self.examples) < EXAMPLES:
                self.examples.append(f"{doc.id}: missed {gold.kairos_type} at {gold.text!r}")
        for ev in result.events:
            gold_here = [doc.mentions[i] for i, evs in matched_gold.items() if ev in evs]
            for roles, span in predicted_arguments(ev):
                self.arg_predicted += 1
                self.arg_predicted_correct += any(
                    arg.role in roles and any(_overlaps(span, s) for s in arg.spans)
                    for gold in gold_here for arg in gold.arguments)

    def report(self, documents: int) -> EvalReport:
        p = ratio(self.predicted_correct, self.predicted)
        r = ratio(self.gold_found, self.gold)
        pid = ratio(self.predicted_id_correct, self.predicted)
        rid = ratio(self.gold_id_found, self.gold)
        scored_gold = sum(self.gold_args[role] for role in SCORED_ROLES)
        scored_found = sum(self.gold_args_found[role] for role in SCORED_ROLES)
        ap = ratio(self.arg_predicted_correct, self.arg_predicted)
        ar = ratio(scored_found, scored_gold)
        scores = {
            "trigger_precision": p, "trigger_recall": r, "trigger_f1": f1(p, r),
            "trigger_id_f1": f1(pid, rid),
            "argument_precision": ap, "argument_recall": ar, "argument_f1": f1(ap, ar),
        }
        for role in SCORED_ROLES:
            scores[f"{role}_recall"] = ratio(self.gold_args_found[role], self.gold_args[role])
        counts = {"documents": documents, "predicted_mentions": self.predicted,
                  "predicted_correct": self.predicted_correct, "gold_mentions": self.gold,
                  "gold_found": self.gold_found, "predicted_arguments": self.arg_predicted,
                  "predicted_arguments_correct": self.arg_predicted_correct,
                  "events_printed": self.events_printed, "assault_events_printed": self.assault_events_printed,
                  "gold_assault_mentions": self.gold_assault_mentions}
        for role in (*SCORED_ROLES, "instrument"):
            counts[f"gold_{role}"] = self.gold_args[role]
        return EvalReport(
            name=NAME, scores=scores, counts=counts, examples=self.examples,
            notes=f"{SPLIT} split; KAIROS types via data/crosswalk_kairos.yaml; a merged event's "
                  "evidence spans count as mentions; target and victim are one PLOVER role; "
                  "instruments have no span in tidings/1 and are not scored",
        )


def run(root: Path, pipeline, limit: int | None) -> EvalReport:
    documents = read_documents(root)[:limit]
    articles = [Article(id=article_id_for(d.text), text=d.text, origin=d.id) for d in documents]
    tally = Tally()
    for doc, result in zip(documents, pipeline.process_many(articles)):
        tally.add(doc, result)
    return tally.report(len(documents))
