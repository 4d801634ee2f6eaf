"""Which records are worth printing: a learned filter over the events an article yields.

The grammar opens an event wherever a trigger word heads a clause it can read, and rules (realis,
genericity, figures of speech) take many of the wrong ones back out; blind audits still found that
about half of what was printed was not an event a coder records ("the fight against terrorism",
"came under fire", "has long called for"). A rule per construction plateaued, so the last word is a
small learned model: logistic regression over what the record and its trigger look like (type and
status, the trigger's lemma, part of speech, determiner, tense and aspect, the words that govern
it, whether it sits in a quotation or the headline, whether the record names parties, a place, a
date, figures, how often it is mentioned) and the trigger's static word vector
(``tidings.kb.wordvectors``), so that words the training never saw are read by their neighbours.

The model (``data/models/records.npz``) is trained by ``train/train_records.py`` from articles
written for tidings with every event a coder would record marked (``train/records/*.yaml``); a
record of those articles is a positive when one of its mentions is a marked event. Records whose
probability is below the threshold (``Settings.record_threshold``; by default the one stored with
the model) are left out, and claims and chain links let go of them. With no model file, or a
threshold of 0, every record is kept.
"""

from __future__ import annotations

import json
import zlib
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
from spacy.tokens import Doc, Token

from ..annotate.document import QUOTE_MARKS
from ..config import DATA_DIR, settings
from ..kb.wordvectors import load_vectors, read_npz, require_vectors
from ..models import Claim, Event

MODEL_FILE = DATA_DIR / "models" / "records.npz"
_MODALS = {"will", "would", "could", "can", "may", "might", "should", "must", "shall", "'ll", "wo", "ca"}
_PERFECT = {"have", "has", "had", "'ve"}


@dataclass(frozen=True)
class Layout:
    """What every record of one article reads of the article: its text (spaCy builds ``doc.text``
    anew on each access) and where its sentences start, computed once per article."""
    text: str
    starts: list[int]  # token index of each sentence's first token

    @classmethod
    def of(cls, doc: Doc) -> Layout:
        return cls(doc.text, [s.start for s in doc.sents])


def features(event: Event, doc: Doc, records: int = 1, layout: Layout | None = None) -> list[str]:
    """The named binary features of one record in its parsed article, of ``records`` records
    (``layout``: the article's, when the caller scores several records of it)."""
    layout = layout if layout is not None else Layout.of(doc)
    feats = [f"type:{event.type}", f"status:{event.status}", f"ts:{event.type}|{event.status}",
             f"mode:{event.type}|{event.mode}", f"reason:{(event.type_reason or '-').split(':')[0]}",
             f"src:{min(len(event.source_actors), 2)}", f"tgt:{min(len(event.target_actors), 2)}",
             f"loc:{event.location is not None}", f"date:{event.date is not None}",
             f"cas:{bool(event.casualties)}", f"ment:{min(len(event.evidence), 3)}",
             f"links:{bool(event.links)}", f"conf:{round(event.confidence * 5)}",
             f"records:{_bucket(records)}", f"sents:{_bucket(len(layout.starts))}"]
    feats += [f"srck:{a.kind}" for a in event.source_actors[:2]] + [f"tgtk:{a.kind}" for a in event.target_actors[:2]]
    if event.source_actors and event.target_actors:
        feats.append("both_sides")
    span = doc.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand")
    if span is None or not len(span):
        return [*feats, "no_trigger"]
    head = span.root
    lemma = head.lemma_.lower()
    feats += [f"lemma:{lemma}", f"lt:{lemma}|{event.type}", f"pos:{head.pos_}", f"tag:{head.tag_}",
              f"dep:{head.dep_}", f"words:{min(len(span), 3)}", f"ls:{lemma}|{event.status}"]
    feats += _children(head)
    feats += _governors(head)
    feats += _where(head, layout)
    return feats


def _bucket(n: int) -> str:
    return "1" if n <= 1 else "2" if n == 2 else "3-5" if n <= 5 else "6-10" if n <= 10 else "11+"


def _children(head: Token) -> list[str]:
    out = []
    for c in head.children:
        low = c.lower_
        if c.dep_ in {"det", "poss", "nummod", "neg", "amod", "compound", "prep", "agent", "nsubj",
                      "nsubjpass", "dobj", "auxpass", "advmod", "mark", "ccomp", "xcomp", "dative",
                      "acomp", "attr", "prt"}:
            out.append(f"ch:{c.dep_}")
        if c.dep_ in {"dobj", "nsubj", "nsubjpass"}:  # "attacked his RECORD", "pledged ALLEGIANCE"
            out += [f"{c.dep_}:{c.lemma_.lower()}", f"{c.dep_}_ent:{c.ent_type_ or '-'}"]
        if c.dep_ == "det":
            out.append(f"det:{low}")
        elif c.dep_ in {"aux", "auxpass"}:
            out.append("aux:modal" if low in _MODALS else "aux:perfect" if low in _PERFECT
                       else f"aux:{c.lemma_.lower()}")
        elif c.dep_ == "prep":
            out.append(f"prep:{low}")
        elif c.dep_ == "advmod":
            out.append(f"adv:{low}")
        elif c.dep_ == "amod":
            out.append(f"amod:{c.lemma_.lower()}")
    return out


def _governors(head: Token) -> list[str]:
    """The words above the trigger, up to three steps: "called FOR protests", "vowed to attack"."""
    out = []
    token, step = head, 0
    while token.head.i != token.i and step < 3:
        dep = token.dep_
        token, step = token.head, step + 1
        out.append(f"gov{step}:{token.lemma_.lower()}")
        if step == 1:
            out += [f"gdep:{dep}|{token.pos_}", f"g1pos:{token.pos_}"]
        for c in token.children:
            if c.dep_ in {"aux", "neg", "mark"} and c.lower_ in _MODALS | {"if", "unless", "not", "n't", "whether"}:
                out.append(f"gmark:{c.lower_}")
    return out


def _where(head: Token, layout: Layout) -> list[str]:
    sent = head.sent
    index = bisect_right(layout.starts, sent.start) - 1
    line_start = layout.text.rfind("\n", 0, head.idx) + 1
    quoted = len(QUOTE_MARKS.findall(layout.text, line_start, head.idx)) % 2 == 1
    words = {t.lower_ for t in sent}
    before = head.doc[head.i - 1].lower_ if head.i > 0 else "-"
    out = [f"sent:{min(index, 6)}", f"quoted:{quoted}", f"question:{sent.text.rstrip().endswith('?')}",
           f"first:{sent[0].lower_}", f"before:{before}"]  # "[Read more: ...", "as OPPOSED to"
    out += [f"sw:{w}" for w in ("if", "would", "could", "should", "every", "often", "always", "never",
                                "against", "war", "fight", "calls", "called", "said", "says", "told") if w in words]
    return out


# --- the model ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RecordModel:
    name: str
    version: str
    sha256: str
    threshold: float
    weights: np.ndarray  # buckets
    bias: float
    dense: np.ndarray  # vector dims: the trigger's word vector's weights

    @property
    def buckets(self) -> int:
        return int(self.weights.shape[0])

    def probability(self, event: Event, doc: Doc, records: int = 1, layout: Layout | None = None) -> float:
        ids, values = hashed(features(event, doc, records, layout), self.buckets)
        logit = float(values @ self.weights[ids].astype(np.float64)) + self.bias
        logit += float(trigger_vector(event, doc) @ self.dense)
        return float(1.0 / (1.0 + np.exp(-logit)))


def hashed(feats: list[str], buckets: int) -> tuple[list[int], np.ndarray]:
    """Feature names -> sorted bucket ids and their values (binary, L2-normalised)."""
    ids = sorted({zlib.crc32(f.encode("utf-8")) % buckets for f in feats})
    values = np.full(len(ids), 1.0 / np.sqrt(len(ids))) if ids else np.zeros(0)
    return ids, values


def trigger_vector(event: Event, doc: Doc) -> np.ndarray:
    """The trigger's static word vector (zeros without the table)."""
    table = load_vectors()
    if table is None:
        return np.zeros(0)
    span = doc.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand")
    return table.embed(span.text if span is not None else event.trigger.text)


@lru_cache(maxsize=1)
def load_model(path: Path = MODEL_FILE) -> RecordModel | None:
    """The shipped model, or None when the file is absent (then every record is kept)."""
    if not path.exists():
        return None
    data, sha256 = read_npz(path)
    meta = json.loads(str(data["meta"]))
    model = RecordModel(meta["name"], meta["version"], sha256, float(meta["threshold"]), data["weights"],
                        float(meta["bias"]), data["dense"].astype(np.float64))
    require_vectors(meta.get("vectors_sha256", ""), path, "train/train_records.py")
    return model


def model_card() -> str:
    """Which model filters records: "NAME VERSION sha256:PREFIX threshold T", or that none does."""
    model = load_model()
    if model is None:
        return "none (every record kept)"
    return f"{model.name} {model.version} sha256:{model.sha256[:12]} threshold {threshold(model):.2f}"


def threshold(model: RecordModel) -> float:
    chosen = settings().record_threshold
    return model.threshold if chosen is None else chosen


def keep_likely(events: list[Event], claims: list[Claim], doc: Doc) -> list[Event]:
    """The records whose probability of being an event a coder records reaches the threshold; the
    claims and chain links that pointed at the others let go of them."""
    model = load_model()
    if model is None or not events:
        return events
    floor = threshold(model)
    if floor <= 0:
        return events
    layout = Layout.of(doc)
    dropped = {e.id for e in events if model.probability(e, doc, len(events), layout) < floor}
    return let_go(events, claims, dropped)


def let_go(events: list[Event], claims: list[Claim], dropped: set[str]) -> list[Event]:
    """``events`` without the ``dropped`` ids; claims and chain links let go of those."""
    if not dropped:
        return events
    for claim in claims:
        claim.event_ids = [i for i in claim.event_ids if i not in dropped]
    kept = [e for e in events if e.id not in dropped]
    for event in kept:
        event.links = [link for link in event.links if link.event_id not in dropped]
    return kept
