"""ECB+ (Cybulska & Vossen 2014): cross-document event coreference on the events tidings extracts.

Gold: ``ECB+/<topic>/<topic>_<n>ecb[plus].xml`` (topics 1-35 here; 36-45 are withheld), CROMER XML:
tokens (``t_id``, ``sentence``), markables anchored to tokens, and relations between markables.
An event mention is an ``ACTION_*`` or ``NEG_ACTION_*`` markable with token anchors (the markables
without anchors are instance descriptors). Gold clusters: a ``CROSS_DOC_COREF`` relation's ``note``
is the instance id shared by all its source mentions in every document; an ``INTRA_DOC_COREF``
relation groups its sources within one document; every other mention is a singleton. As is usual
since the corpus's release, only the sentences listed in ``meta/ECB+_LREC2014/
ECBplus_coreference_sentences.csv`` count (the annotation aimed at those; mentions elsewhere are
sparse).

Text: the tokens joined by spaces (none before closing punctuation, TeX quotes as ``"``), one line
per sentence; sentence 0 of an ``ecbplus`` file is the URL the text came from and is left out.

Prediction, as users run tidings: every document is read as ``tidings ingest`` reads a JSONL line
with only an ``id`` (the document's name) and a ``text`` (ECB+ gives no publication date, and none
is made up), processed by the pipeline, and added to ONE store (a temporary SQLite file), no topic
given; the stored events are read back as ``tidings events`` returns them. A gold mention is
*matched* when the trigger or an evidence span (a merged mention) of an extracted event overlaps its
tokens, and *reached* when that event is a report in the store; its system cluster is the stored
event the report is in and the action that span tells there (``StoredEvent.actions``: ECB+'s events
are actions, "shot" and "killed" of one attack are two; tidings's are incidents, which hold both).
``incident_*`` scores the stored event alone, the headline before stored events had actions. The headline scores (MUC, B³, CEAF-e, CoNLL F1 = their mean) are computed
on the reached mentions, beside ``coverage`` (reached / all gold mentions) and the *lemma baseline*
on the same mentions: reached mentions with the same head lemma in one gold topic form one cluster
(the baseline is given the topic, the store is not). ``lemma_events_*`` holds that baseline to
tidings's events (mentions one event matched share a cluster: the ceiling of trigger matching at
tidings's incident granularity, where "shot" and "killed" in one attack are one event and ECB+ has
two); ``article_*`` scores tidings's in-article merges alone.

``within_topic_*`` is the figure this eval reported before the store-level one: the merge
(``resolve.dedup.cluster``) run within each gold topic, every article given one nominal publication
date and the events' dates dropped. It is kept beside the headline to show how much of the merge's
help came from being told the topic; it is not what a user gets. ``dev_*`` scores cover the
Cybulska & Vossen (2015) dev topics (2, 5, 12, 18, 21, 23, 34, 35), clustered in the same store as
the rest; tune on the others.
"""

from __future__ import annotations

import csv
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ..errors import require
from ..models import ArticleResult, EvalReport
from .metrics import f1

NAME = "ecbplus"
# Documents read by default: whole topics, the dev topics first, until this many documents are in
# (the dev topics are 197 documents; 300 documents take about 40 s of CPU with the small model,
# and a few seconds more to store and read back).
DEFAULT_LIMIT: int | None = 300

DEV_TOPICS = (2, 5, 12, 18, 21, 23, 34, 35)

Mention = tuple[str, int]  # (document name, markable id)
Cluster = frozenset


# --- reading the gold data -----------------------------------------------------------------------


@dataclass
class GoldMention:
    m_id: int
    tag: str
    token_ids: list[int]
    start: int  # character range of its tokens in ``GoldDoc.text``
    end: int
    cluster: str  # gold cluster key: an instance id across documents, or "doc/INTRA/r_id", or "doc/m_id"


@dataclass
class GoldDoc:
    topic: int
    name: str  # "1_1ecb"
    text: str
    mentions: list[GoldMention] = field(default_factory=list)


_NO_SPACE_BEFORE = {",", ".", ";", ":", "!", "?", ")", "]", "}", "%", "'s", "'S", "n't", "N'T",
                    "'re", "'ve", "'ll", "'d", "'m", "''"}
_NO_SPACE_AFTER = {"(", "[", "{", "$", "``"}
_QUOTES = {"``": '"', "''": '"'}


def _assemble(tokens: list[tuple[int, int, str]]) -> tuple[str, dict[int, tuple[int, int]]]:
    """Text from (t_id, sentence, word) tokens, one line per sentence, and each token's range."""
    parts: list[str] = []
    where: dict[int, tuple[int, int]] = {}
    length = 0
    prev_sentence = None
    prev_word = ""
    for t_id, sentence, word in tokens:
        word_out = _QUOTES.get(word, word)
        if prev_sentence is None:
            sep = ""
        elif sentence != prev_sentence:
            sep = "\n"
        elif word in _NO_SPACE_BEFORE or prev_word in _NO_SPACE_AFTER:
            sep = ""
        else:
            sep = " "
        parts.append(sep)
        length += len(sep)
        where[t_id] = (length, length + len(word_out))
        parts.append(word_out)
        length += len(word_out)
        prev_sentence, prev_word = sentence, word
    return "".join(parts), where


def _is_event_tag(tag: str) -> bool:
    return tag.startswith("ACTION_") or tag.startswith("NEG_ACTION_")


def read_doc(path: Path, topic: int, selected: set[tuple[int, str, int]] | None) -> GoldDoc:
    """One ECB+ document: its text and its event mentions (only those in ``selected`` sentences,
    given as (topic, "1ecbplus", sentence) triples, when that index is given)."""
    root = ET.parse(path).getroot()
    name = path.stem
    short = name.split("_", 1)[1]
    plus = name.endswith("ecbplus")
    tokens: list[tuple[int, int, str]] = []
    sentence_of: dict[int, int] = {}
    for tok in root.iter("token"):
        t_id, sentence = int(tok.get("t_id")), int(tok.get("sentence"))
        sentence_of[t_id] = sentence
        if plus and sentence == 0:
            continue  # the source URL, not story text
        tokens.append((t_id, sentence, tok.text or ""))
    text, where = _assemble(tokens)
    cluster: dict[int, str] = {}
    relations = root.find("Relations")
    for rel in relations if relations is not None else []:
        sources = [int(s.get("m_id")) for s in rel.findall("source")]
        if rel.tag == "CROSS_DOC_COREF":
            key = rel.get("note") or f"{name}/CROSS/{rel.get('r_id')}"
        elif rel.tag == "INTRA_DOC_COREF":
            key = f"{name}/INTRA/{rel.get('r_id')}"
        else:
            continue
        for m_id in sources:
            cluster.setdefault(m_id, key)
    doc = GoldDoc(topic=topic, name=name, text=text)
    markables = root.find("Markables")
    for mark in markables if markables is not None else []:
        anchors = [int(a.get("t_id")) for a in mark.findall("token_anchor")]
        if not _is_event_tag(mark.tag) or not anchors:
            continue
        anchors = [t for t in anchors if t in where]
        if not anchors:
            continue  # a mention in the left-out URL line
        if selected is not None and (topic, short, sentence_of[anchors[0]]) not in selected:
            continue
        m_id = int(mark.get("m_id"))
        doc.mentions.append(GoldMention(
            m_id=m_id, tag=mark.tag, token_ids=anchors,
            start=min(where[t][0] for t in anchors), end=max(where[t][1] for t in anchors),
            cluster=cluster.get(m_id, f"{name}/{m_id}")))
    return doc


def read_selected(root: Path) -> set[tuple[int, str, int]] | None:
    """The (topic, file, sentence) triples of the coreference-annotated sentences, or None when
    the index is absent (then every sentence counts)."""
    path = root / "meta" / "ECB+_LREC2014" / "ECBplus_coreference_sentences.csv"
    if not path.exists():
        return None
    with path.open(encoding="utf-8", newline="") as handle:
        return {(int(r["Topic"]), r["File"], int(r["Sentence Number"])) for r in csv.DictReader(handle)}


def _doc_order(path: Path) -> tuple[int, int]:
    match = re.match(r"\d+_(\d+)ecb(plus)?$", path.stem)
    return (int(match.group(1)), bool(match.group(2))) if match else (10**6, 0)


def topic_order(root: Path) -> list[int]:
    """The topics present, dev topics first (so a limited run measures the held-out topics)."""
    topics = sorted(int(p.name) for p in (root / "ECB+").iterdir() if p.is_dir() and p.name.isdigit())
    return [t for t in topics if t in DEV_TOPICS] + [t for t in topics if t not in DEV_TOPICS]


def read_gold(root: Path, limit: int | None = None, topics: Iterable[int] | None = None) -> list[GoldDoc]:
    """Whole topics in ``topic_order`` (or the ``topics`` given) until ``limit`` documents are read."""
    selected = read_selected(root)
    docs: list[GoldDoc] = []
    for topic in topics if topics is not None else topic_order(root):
        if limit is not None and len(docs) >= limit:
            break
        for path in sorted((root / "ECB+" / str(topic)).glob("*.xml"), key=_doc_order):
            docs.append(read_doc(path, topic, selected))
    return docs


# --- scorers -------------------------------------------------------------------------------------


def _index(clusters: list[Cluster]) -> dict[Hashable, int]:
    return {m: i for i, c in enumerate(clusters) for m in c}


def _muc_side(key: list[Cluster], response: list[Cluster]) -> tuple[float, float]:
    """MUC recall numerator and denominator of ``key`` against ``response`` (Vilain et al. 1995):
    each key cluster K counts |K| - p(K), p(K) being the number of pieces the response cuts it into
    (a mention the response lacks is a piece of its own)."""
    where = _index(response)
    num = den = 0
    for cluster in key:
        pieces = {where.get(m, ("alone", m)) for m in cluster}
        num += len(cluster) - len(pieces)
        den += len(cluster) - 1
    return num, den


def muc(key: list[Cluster], response: list[Cluster]) -> tuple[float, float, float]:
    """(precision, recall, F1) of the link-based MUC score."""
    rn, rd = _muc_side(key, response)
    pn, pd = _muc_side(response, key)
    r, p = (rn / rd if rd else 0.0), (pn / pd if pd else 0.0)
    return p, r, f1(p, r)


def _b3_side(key: list[Cluster], response: list[Cluster]) -> float:
    where = {m: c for c in response for m in c}
    total = sum(len(c) for c in key)
    score = sum(len(cluster & where.get(m, frozenset())) / len(cluster) for cluster in key for m in cluster)
    return score / total if total else 0.0


def b_cubed(key: list[Cluster], response: list[Cluster]) -> tuple[float, float, float]:
    """(precision, recall, F1) of B³ (Bagga & Baldwin 1998), every mention weighted equally."""
    r, p = _b3_side(key, response), _b3_side(response, key)
    return p, r, f1(p, r)


def ceaf_e(key: list[Cluster], response: list[Cluster]) -> tuple[float, float, float]:
    """(precision, recall, F1) of entity-based CEAF (Luo 2005): the best one-to-one alignment of key
    and response clusters under phi4(K, R) = 2|K ∩ R| / (|K| + |R|)."""
    if not key or not response:
        return 0.0, 0.0, 0.0
    # imported here: only the scorer needs it
    linear_sum_assignment = require("scipy.optimize", "eval", "the ECB+ CEAF-e score").linear_sum_assignment

    where = _index(response)
    sim = [[0.0] * len(response) for _ in key]
    for i, cluster in enumerate(key):
        for m in cluster:
            j = where.get(m)
            if j is not None:
                sim[i][j] += 1
        for j in {where[m] for m in cluster if m in where}:
            sim[i][j] = 2 * sim[i][j] / (len(cluster) + len(response[j]))
    rows, cols = linear_sum_assignment(sim, maximize=True)
    total = sum(sim[i][j] for i, j in zip(rows, cols))
    r, p = total / len(key), total / len(response)
    return p, r, f1(p, r)


def conll_scores(key: list[Cluster], response: list[Cluster]) -> dict[str, float]:
    """F1 of MUC, B³ and CEAF-e, B³ precision and recall, and CoNLL F1 (the mean of the three F1s)."""
    m, b, c = muc(key, response), b_cubed(key, response), ceaf_e(key, response)
    return {"muc_f1": m[2], "b3_p": b[0], "b3_r": b[1], "b3_f1": b[2], "ceafe_f1": c[2],
            "conll_f1": (m[2] + b[2] + c[2]) / 3}


def clusters_of(labels: dict[Hashable, Hashable]) -> list[Cluster]:
    """Mention -> cluster label, as a list of clusters (in first-seen order)."""
    groups: dict[Hashable, set] = {}
    for mention, label in labels.items():
        groups.setdefault(label, set()).add(mention)
    return [frozenset(g) for g in groups.values()]


# --- matching tidings events to gold mentions ----------------------------------------------------


@dataclass
class Matched:
    """A gold mention tidings found: the event that covers it and the mention's head lemma."""

    mention: Mention
    topic: int
    gold: str
    event_id: str
    lemma: str
    span: tuple[int, int] = (0, 0)  # the event's trigger or evidence span that matched it


def match_mentions(gold: GoldDoc, result: ArticleResult) -> dict[int, tuple[str, tuple[int, int]]]:
    """Gold mention id -> the id of the event whose trigger or evidence overlaps it (the trigger
    wins over merged mentions, then the largest overlap), and that span's (start, end)."""
    out: dict[int, tuple[str, tuple[int, int]]] = {}
    for mention in gold.mentions:
        best: tuple[bool, int, str, tuple[int, int]] | None = None
        for event in result.events:
            for rank, span in enumerate([event.trigger, *event.evidence]):
                overlap = min(span.end, mention.end) - max(span.start, mention.start)
                if overlap > 0:
                    key = (rank == 0, overlap, event.id, (span.start, span.end))
                    if best is None or key[:2] > best[:2]:
                        best = key
        if best is not None:
            out[mention.m_id] = (best[2], best[3])
    return out


def head_lemma(doc, start: int, end: int) -> str:
    """The lemma of the syntactic head of a character range of a parsed Doc ("" when none)."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return ""
    return span.root.lemma_.lower()


def process(gold_docs: list[GoldDoc], pipeline) -> tuple[list[ArticleResult], list[Matched]]:
    """Run tidings on every document as ``tidings ingest`` reads a JSONL line that gives only an
    ``id`` (the document's name) and its ``text``: no topic, no publication date. The results and
    the gold mentions their events matched (with each mention's head lemma, for the baseline)."""
    from ..annotate import make_doc
    from ..ingest import article_from_record
    from ..pipeline import extract_all

    articles = [article_from_record({"id": g.name, "text": g.text}, f"ecbplus:{g.name}")
                for g in gold_docs]
    results: list[ArticleResult] = []
    matched: list[Matched] = []
    # The pipeline's own steps (Pipeline.process_many), with the parsed Doc kept for head lemmas.
    docs = pipeline.nlp.pipe((make_doc(pipeline.nlp, a.text, (a.dateline.start, a.dateline.end)
                                       if a.dateline else None) for a in articles), batch_size=16)
    for gold, article, doc in zip(gold_docs, articles, docs):
        result = extract_all(doc, article)
        results.append(result)
        for m_id, (event_id, span) in match_mentions(gold, result).items():
            mention = next(m for m in gold.mentions if m.m_id == m_id)
            matched.append(Matched((gold.name, m_id), gold.topic, mention.cluster, event_id,
                                   head_lemma(doc, mention.start, mention.end), span))
    return results, matched


# --- the store, as users run it --------------------------------------------------------------------


@dataclass
class StoreLabels:
    """What the store returned: (article id, article event id) of each report -> the id of the
    stored event it is in; and (article id, article event id, start, end) of each mention of a
    stored event -> (stored event id, the action it tells: ``StoredEvent.actions``)."""

    events: dict[tuple[str, str], str] = field(default_factory=dict)
    actions: dict[tuple[str, str, int, int], tuple[str, str]] = field(default_factory=dict)


def store_labels(results: list[ArticleResult], db: Path) -> StoreLabels:
    """Every result added to one store (``db``, a new SQLite file) as ``tidings ingest`` adds them,
    in input order, then read back as ``tidings events`` reads it."""
    from ..store import Store

    labels = StoreLabels()
    with Store.open(db) as store:
        store.add_results(results)
        for event in store.events():
            for report in event.reports:
                labels.events[(report.article_id, report.event_id)] = event.id
            for action in event.actions:
                for m in action.mentions:
                    labels.actions[(m.article_id, m.event_id, m.start, m.end)] = (event.id, action.action)
    return labels


def score_store(matched: list[Matched], labels: StoreLabels) -> tuple[list[Matched], dict[str, dict[str, float]]]:
    """The matched mentions the stored reports reach (their event is a report in the store), and
    on those: the store's clusters ("system": a mention's stored event and the action its span
    tells there, ``StoredEvent.actions``; "incident": its stored event alone), tidings's
    in-article merges alone ("article"), and the baselines ("lemma", "lemma_events"). The store
    saw no topic; the lemma baseline is given the gold topic, as published, which makes it the
    harder bar."""
    reached = [m for m in matched if (m.mention[0], m.event_id) in labels.events]
    key = clusters_of({m.mention: m.gold for m in reached})

    def action(m: Matched) -> Hashable:
        stored = labels.events[(m.mention[0], m.event_id)]
        return labels.actions.get((m.mention[0], m.event_id, *m.span), (stored, m.span))

    return reached, {
        "system": conll_scores(key, clusters_of({m.mention: action(m) for m in reached})),
        "incident": conll_scores(key, clusters_of({m.mention: labels.events[(m.mention[0], m.event_id)]
                                                   for m in reached})),
        "lemma": conll_scores(key, clusters_of({m.mention: (m.topic, m.lemma) for m in reached})),
        "lemma_events": conll_scores(key, _lemma_by_event(reached)),
        "article": conll_scores(key, clusters_of({m.mention: (m.mention[0], m.event_id) for m in reached})),
    }


# --- clustering ------------------------------------------------------------------------------------


EventClusterer = Callable[[list[ArticleResult]], dict[tuple[str, str], Hashable]]


# ECB+ gives no publication date. Every document gets this one nominal date for the merge, so the
# date part of the merge score says nothing either way; the events' own dates are left out of the
# records, since with no publication date they could not be compared with it ("Sunday" resolves
# against nothing; "December 3, 2008" would be weighed against the nominal date).
NOMINAL_PUBLISHED = date(2000, 1, 1)


def dedup_clusterer(config=None) -> EventClusterer:
    """Cross-document clusters from the store's merge (``resolve.dedup.record_for`` and
    ``cluster(records, config)``). Returns (article id, event id) -> cluster label."""
    from ..resolve import dedup

    def run(results: list[ArticleResult]) -> dict[tuple[str, str], Hashable]:
        records = []
        keys: dict[str, tuple[str, str]] = {}
        for result in results:
            article = result.article.model_copy(update={"published": NOMINAL_PUBLISHED})
            context = dedup.article_context(result)
            for event in result.events:
                record = dedup.record_for(event.model_copy(update={"date": None}), article, config, context)
                records.append(record)
                keys[record.key] = (result.article.id, event.id)
        labels: dict[tuple[str, str], Hashable] = {}
        for n, group in enumerate(dedup.cluster(records, config)):
            for key in group:
                labels[keys[key]] = n
        return labels

    return run


def score_topics(results: list[ArticleResult], matched: list[Matched],
                 clusterer: EventClusterer | None) -> dict[str, dict[str, float]]:
    """Scores of the tidings clusters ("system", when a clusterer is given), of tidings's own
    in-article merges alone ("article"), and of the lemma baseline ("lemma"), on ``matched``.
    Events are clustered within each topic."""
    key = clusters_of({m.mention: m.gold for m in matched})
    out = {
        "lemma": conll_scores(key, clusters_of({m.mention: (m.topic, m.lemma) for m in matched})),
        "lemma_events": conll_scores(key, _lemma_by_event(matched)),
        "article": conll_scores(key, clusters_of({m.mention: (m.mention[0], m.event_id) for m in matched})),
    }
    if clusterer is not None:
        labels: dict[tuple[str, str], Hashable] = {}
        by_topic: dict[str, list[ArticleResult]] = {}
        for result in results:  # article ids are the document names: "12_3ecbplus" is of topic 12
            by_topic.setdefault(result.article.id.split("_", 1)[0], []).append(result)
        for topic, group in by_topic.items():
            labels.update({k: (topic, v) for k, v in clusterer(group).items()})
        out["system"] = conll_scores(key, clusters_of(
            {m.mention: labels.get((m.mention[0], m.event_id), m.mention + (m.event_id,)) for m in matched}))
    return out


def _lemma_by_event(matched: list[Matched]) -> list[Cluster]:
    """The lemma baseline held to tidings's events: same-lemma mentions of a topic are one cluster,
    and so are the mentions one tidings event matched ("shot" and "killed" in one incident). No
    clustering of tidings events can beat this by much: it is what same-trigger matching reaches
    when an event's mentions must share a cluster."""
    from ..resolve.dedup import DisjointSets

    sets = DisjointSets()
    for m in matched:
        sets.union(("lemma", m.topic, m.lemma), ("event", m.mention[0], m.event_id))
    return clusters_of({m.mention: sets.find(("lemma", m.topic, m.lemma)) for m in matched})


# --- the evaluation --------------------------------------------------------------------------------


_METRICS = ("conll_f1", "muc_f1", "b3_f1", "b3_p", "b3_r", "ceafe_f1")


def run(root: Path, pipeline, limit: int | None) -> EvalReport:
    import tempfile

    gold_docs = read_gold(root, limit)
    results, matched = process(gold_docs, pipeline)
    with tempfile.TemporaryDirectory(prefix="tidings-ecbplus-") as tmp:
        labels = store_labels(results, Path(tmp) / "store.db")
    return report(gold_docs, results, matched, labels)


def report(gold_docs: list[GoldDoc], results: list[ArticleResult], matched: list[Matched],
           labels: StoreLabels) -> EvalReport:
    """The scores of one run: the store's (``labels``, from ``store_labels``), and beside them the
    within-topic figure this eval reported before (``within_topic_*``)."""
    clusterer = dedup_clusterer()
    scores: dict[str, float] = {}
    counts: dict[str, int] = {}
    subsets = {"": (gold_docs, matched),
               "dev_": ([g for g in gold_docs if g.topic in DEV_TOPICS],
                        [m for m in matched if m.topic in DEV_TOPICS])}
    dev_names = {g.name for g in subsets["dev_"][0]}
    for prefix, (docs, found) in subsets.items():
        if not docs:
            continue
        names = {g.name for g in docs}
        n_gold = sum(len(g.mentions) for g in docs)
        n_clusters = len({m.cluster for g in docs for m in g.mentions})
        reached, scored = score_store(found, labels)
        within = score_topics([r for r in results if r.article.id in names], found, clusterer)["system"]
        scores[f"{prefix}coverage"] = len(reached) / n_gold if n_gold else 0.0
        scores[f"{prefix}mention_recall"] = len(found) / n_gold if n_gold else 0.0
        for name, values in [*scored.items(), ("within_topic", within)]:
            label = "" if name == "system" else f"{name}_"
            for metric in _METRICS:
                scores[f"{prefix}{label}{metric}"] = values[metric]
        counts.update({f"{prefix}documents": len(docs), f"{prefix}gold_mentions": n_gold,
                       f"{prefix}gold_clusters": n_clusters, f"{prefix}matched_mentions": len(found),
                       f"{prefix}reached_mentions": len(reached),
                       f"{prefix}matched_clusters": len({m.gold for m in found}),
                       f"{prefix}events": sum(len(r.events) for r in results if r.article.id in names),
                       f"{prefix}stored_events": len({labels.events[k] for r in results if r.article.id in names
                                                      for e in r.events if (k := (r.article.id, e.id)) in labels.events}),
                       f"{prefix}inferred_dates": sum(r.article.published_inferred for r in results
                                                      if r.article.id in names)})
    examples = _examples(gold_docs, matched)
    notes = ("store-level cross-document event coreference: every document ingested into one store "
             "(no topic, no publication date but what the text states), scored from the stored events "
             "on the gold action mentions the stored reports reach (coverage): a mention's cluster is "
             "its stored event and the action its span tells there (StoredEvent.actions); "
             "incident_* = its stored event alone (the headline before actions); lemma_* = same head lemma "
             "within the gold topic on those mentions, lemma_events_* = the same with each tidings "
             "event's mentions kept together, article_* = tidings's in-article merges only; "
             "within_topic_* = the earlier figure (the merge run within each gold topic, one nominal "
             "publication date, event dates dropped), kept for comparison; dev_* = dev topics "
             f"{','.join(map(str, DEV_TOPICS))} ({len(dev_names)} documents)")
    return EvalReport(name=NAME, scores=scores, counts=counts, examples=examples, notes=notes)


def _examples(gold_docs: list[GoldDoc], matched: list[Matched], n: int = 10) -> list[str]:
    """A few gold mentions that no tidings event matched, with their tag, for the reader."""
    found = {m.mention for m in matched}
    out = []
    for g in gold_docs:
        for mention in g.mentions:
            if (g.name, mention.m_id) not in found and len(out) < n:
                out.append(f"{g.name}: unmatched {mention.tag} {g.text[mention.start:mention.end]!r}")
    return out
