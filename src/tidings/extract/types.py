"""Sub-event types (ACLED), PLOVER modes and the contexts beyond ACLED, per incident.

Runs after the events are final (``pipeline.extract_all``). For each event it reads the
incident's own sentences (the sentences of its evidence spans) and assigns one category of
``data/subevents.yaml``: an ACLED sub-event type ("Grenade", "Protest with intervention", ...) or
a context beyond ACLED ("natural_disaster", "organized_crime", "diplomacy", "attribution"...).

Rules and model combine in one way, and the event keeps the reason in ``type_reason``:

1. **sure rule**: a trigger or evidence word that ``subevents.yaml`` lists as ``sure`` for a
   category ("airstrike", "grenade", "defuse") decides the ACLED sub-event (``rule: ...``);
2. **confident model**: otherwise, where the learned classifier (``data/models/types.npz``, a
   linear model over hashed words and word pairs, trained by ``train/train_types.py``) gives its
   best ACLED category a probability of at least ``model_decides`` (subevents.yaml), that category
   decides, whatever PLOVER type the trigger gave the event ("demonstrators ... urging" opens a
   REQUEST; the incident is a peaceful protest) (``model ...: p=... (the model decides)``);
3. **model among the event's type**: otherwise, for an event of an ``acled_types`` type, the
   model's best category among those that can label its type, when its best is not ``NONE``;
4. **fallback**: the crosswalk rules of ``data/crosswalk.yaml`` on the event's type and mode
   (``rule: crosswalk``).

An article in which no trigger opened any event gets one from the model where it reads an
incident in the article's first sentences with a probability of at least ``model_finds``
(``model_event``: "a stash of rifles turned up in a farmhouse"); its trigger is the word that
weighs most for the category, its confidence below any trigger's.

A context category (disaster, crime, diplomacy, attribution) that the model ranks first is added to
``contexts``; the ACLED sub-event then comes from the sure rule, else the model's best ACLED
category, else the crosswalk; a disaster is no ACLED event, so it gets none. Apart from a confident
model (step 2), only events of the ``acled_types`` in ``subevents.yaml`` get an ACLED sub-event
(ACCUSE, a verbal act, gets none).
Where the category's PLOVER type is the event's and the event has no mode, it takes the
category's mode ("a grenade attack" -> explosives).

The model is loaded on first use (numpy only; no scikit-learn at run time). ``model_card()`` says
which model is in use (name, version, checksum), for ``tidings eval``.
"""

from __future__ import annotations

import json
import re
import zlib
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from pathlib import Path

import numpy as np
from spacy.tokens import Doc

from ..config import DATA_DIR
from ..annotate.document import sentences
from ..datafiles import frame_words, load_yaml
from ..kb.registry import registry
from ..kb.triggers import one_word_types, trigger_index
from ..kb.wordvectors import load_vectors, read_npz, require_vectors, vectors_card
from ..models import Acled, Actor, Event, Span, event_id_for

MODEL_FILE = DATA_DIR / "models" / "types.npz"
NONE = "NONE"  # the model's category for "not an ACLED incident"

# --- features (shared with train/train_types.py: change both, retrain, bump the version) -------

_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?|\d+")
_STOP = frozenset([
    "the", "a", "an", "of", "in", "on", "at", "to", "and", "or", "for", "by", "with", "from", "as",
    "was", "were", "is", "are", "be", "been", "has", "have", "had", "it", "its", "that", "this",
    "their", "his", "her", "they", "he", "she", "said",
])


@lru_cache(maxsize=1)
def _calendar() -> frozenset[str]:
    """Weekday and month names, which tell when, never what happened: the features leave them out,
    so that a day that happens to recur in the written snippets of one category weighs nothing
    ("mourners gathered on FRIDAY" is no protest). "March" and "May" are words too, and stay."""
    days = {str(w) for w in load_yaml("times.yaml")["weekdays"] if len(str(w)) >= 6}
    months = {str(names[0]).lower() for names in load_yaml("english.yaml")["months"]}
    return frozenset(days | months) - {"march", "may"}


@lru_cache(maxsize=1)
def cues() -> dict[str, frozenset[str]]:
    """``data/subevent_cues.yaml``: category -> cue word sequences (lower case, space-joined)."""
    raw = load_yaml("subevent_cues.yaml")
    return {cat: frozenset(" ".join(_WORD.findall(str(w).lower())) for w in words) for cat, words in raw.items()}


CUE_WEIGHT = 5.0  # a cue counts as much as this many words (before L2 normalisation)


def features(text: str, buckets: int) -> tuple[list[int], np.ndarray]:
    """Hashed feature ids of a text: words (but weekday and month names), 5-letter prefixes of long words (a crude stem:
    "shelled"/"shelling"), pairs of neighbouring words, lower-cased (numbers as one word), and a
    ``cue:CATEGORY`` for each category with a cue word in the text (data/subevent_cues.yaml),
    weighted CUE_WEIGHT. Returns the ids and their values, L2-normalised."""
    calendar = _calendar()
    words = ["0" if w.isdigit() else w for w in _WORD.findall(text.lower()) if w not in calendar]
    feats = [f"w:{w}" for w in words]
    feats += [f"p:{w[:5]}" for w in words if len(w) > 5]
    content = [w for w in words if w not in _STOP]
    feats += [f"b:{a}_{b}" for a, b in pairwise(content)]
    grams = set(words) | {f"{a} {b}" for a, b in pairwise(words)} | \
        {f"{a} {b} {c}" for a, b, c in zip(words, words[1:], words[2:])} | \
        {f"{a} {b} {c} {d}" for a, b, c, d in zip(words, words[1:], words[2:], words[3:])}
    values = {zlib.crc32(f.encode("utf-8")) % buckets: 1.0 for f in feats}
    for cat, words_ in cues().items():
        if grams & words_:
            values[zlib.crc32(f"cue:{cat}".encode()) % buckets] = CUE_WEIGHT
    ids = sorted(values)
    vector = np.array([values[i] for i in ids])
    norm = float(np.sqrt((vector ** 2).sum()))
    return ids, vector / norm if norm else vector


# --- the model ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TypeModel:
    name: str
    version: str
    sha256: str
    labels: tuple[str, ...]
    weights: np.ndarray  # buckets x labels
    bias: np.ndarray  # labels
    dense: np.ndarray | None = None  # vector dims x labels: the weights of the text's word vector
    dense_scale: float = 1.0  # the word vector's length among the features

    def scores(self, text: str) -> np.ndarray:
        """Probabilities of the labels for a text (softmax of a linear model over L2-normalised
        binary features and the text's L2-normalised word vector, times ``dense_scale``)."""
        ids, values = features(text, self.weights.shape[0])
        logits = values @ self.weights[ids].astype(np.float64) + self.bias
        if self.dense is not None:
            table = load_vectors()
            assert table is not None  # load_model checked it
            logits += self.dense_scale * (table.embed(text) @ self.dense)
        logits -= logits.max()
        probs = np.exp(logits)
        return probs / probs.sum()


@lru_cache(maxsize=1)
def load_model(path: Path = MODEL_FILE) -> TypeModel | None:
    """The shipped model, or None when the file is absent (then rules alone decide)."""
    if not path.exists():
        return None
    data, sha256 = read_npz(path)
    meta = json.loads(str(data["meta"]))
    dense = data["dense"].astype(np.float64) if "dense" in data else None
    model = TypeModel(meta["name"], meta["version"], sha256, tuple(meta["labels"]), data["weights"],
                      data["bias"].astype(np.float64), dense, float(meta.get("dense_scale", 1.0)))
    if dense is not None:
        require_vectors(meta.get("vectors_sha256", ""), path, "train/train_types.py")
    return model


def model_card() -> str:
    """Which model types events: "NAME VERSION sha256:PREFIX", or that rules alone do."""
    model = load_model()
    if model is None:
        return "none (rules only)"
    vectors = f" with {vectors_card()}" if model.dense is not None else ""
    return f"{model.name} {model.version} sha256:{model.sha256[:12]}{vectors}"


# --- the categories -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Category:
    name: str
    acled: tuple[str, str] | None
    context: str | None
    types: frozenset[str]  # the PLOVER types of the events it can label
    plover_type: str | None
    mode: str | None
    sure: tuple[tuple[str, ...], ...]  # lemma sequences
    unless: tuple[str, ...] = ()  # phrases (lower case) that keep a sure word from deciding
    harmless: bool = False  # labels no event with a killed or injured figure
    two_sides: bool = False  # labels only a fight between two armed sides
    own_types: bool = False  # labels only events of its ``types``, even when the model is sure
    accord: bool = False  # labels no promise or offer made alone
    not_modes: frozenset[str] = frozenset()  # the events' modes it never labels (a bombing is no "Attack")
    takers: frozenset[str] = frozenset()  # the kinds of the side that takes the territory (none: any)
    protest: bool = False  # labels only an incident with a protest in it


@dataclass(frozen=True)
class Categories:
    by_name: dict[str, Category]
    acled_types: frozenset[str]
    model_decides: float  # the model's probability at which it decides over rules and the event's type
    model_finds: float  # ... at which it opens an event in an article where no trigger opened one
    lead_sentences: int  # how many of the article's first sentences it reads for that
    lead_weight: float  # the share of the article's lead in the probabilities of each incident
    model_opens_not: frozenset[str] = frozenset()  # categories the model alone never opens an event for
    weapon_modes: frozenset[str] = frozenset()  # modes that name an attack's weapon ...
    unarmed_modes: frozenset[str] = frozenset()  # ... and those of harm done with none
    model_among_type: float = 0.0  # the share among the event's type from which it picks a category there
    context_from: float = 0.0  # the probability from which its best category, a context, is added
    clash_stems: tuple[str, ...] = ()  # words of fighting that tell two sides
    armed_kinds: frozenset[str] = frozenset()  # actor kinds that bear arms
    promise_stems: tuple[str, ...] = ()  # words of one side's promise or offer
    yield_types: frozenset[str] = frozenset()  # event types whose doer gives ground up (RETREAT)
    interstate_types: frozenset[str] = frozenset()  # types that are diplomacy between two states
    state_kinds: frozenset[str] = frozenset()  # actor kinds that speak for a state


@lru_cache(maxsize=1)
def categories() -> Categories:
    raw = load_yaml("subevents.yaml")
    table = {}
    for name, spec in raw["categories"].items():
        acled = tuple(spec["acled"]) if spec.get("acled") else None
        plover = spec.get("plover") or [None, None]
        sure = tuple(tuple(str(w).lower().split()) for w in spec.get("sure") or ())
        table[name] = Category(name, acled, spec.get("context"), frozenset(spec.get("types") or ()),  # type: ignore[arg-type]
                               plover[0], plover[1], sure,
                               tuple(str(w).lower() for w in spec.get("unless") or ()),
                               bool(spec.get("harmless")), bool(spec.get("two_sides")),
                               bool(spec.get("own_types")), bool(spec.get("accord")),
                               frozenset(spec.get("not_modes") or ()), frozenset(spec.get("takers") or ()),
                               bool(spec.get("protest")))
    return Categories(table, frozenset(raw["acled_types"]), float(raw.get("model_decides", 1.01)),
                      float(raw.get("model_finds", 1.01)), int(raw.get("lead_sentences", 3)),
                      float(raw.get("lead_weight", 0.0)), frozenset(raw.get("model_opens_not") or ()),
                      frozenset(raw.get("weapon_modes") or ()), frozenset(raw.get("unarmed_modes") or ()),
                      float(raw.get("model_among_type", 0.0)), float(raw.get("context_from", 0.0)),
                      tuple(str(w).lower() for w in raw.get("clash_stems") or ()),
                      frozenset(raw.get("armed_kinds") or ()),
                      tuple(str(w).lower() for w in raw.get("promise_stems") or ()),
                      frozenset(raw.get("yield_types") or ()),
                      frozenset(raw.get("interstate_types") or ()), frozenset(raw.get("state_kinds") or ()))


# --- assigning --------------------------------------------------------------------------------------

_STARTS_KEY = "tidings_sentence_starts"
_DISASTERS = frozenset({"NATURAL_DISASTER", "MAN_MADE_DISASTER"})


def _incident_sentences(event: Event, doc: Doc) -> list:
    """The sentences that hold the event's trigger or evidence, in text order."""
    sents = sentences(doc)[0]
    starts = doc.user_data.get(_STARTS_KEY)
    if starts is None:
        starts = doc.user_data[_STARTS_KEY] = [s.start_char for s in sents]
    spans = [event.trigger, *event.evidence, *(c.evidence for c in event.casualties)]
    found = {bisect_right(starts, sp.start) - 1 for sp in spans}
    return [sents[i] for i in sorted(found) if i >= 0]


def _sure_category(sents: list, event: Event, allowed: list[Category]) -> tuple[Category, str] | None:
    """A category a sure word decides, among those that can label the event: in the trigger first,
    else anywhere in the incident's sentences (lemmas); not where the sentences hold one of the
    category's ``unless`` phrases ("rocket-propelled grenade" is no grenade)."""
    trigger = event.trigger.text.lower().split()
    lemmas = [t.lemma_.lower() for s in sents for t in s]
    text = " ".join(s.text for s in sents).lower()
    for words, where in ((trigger, "trigger"), (lemmas, "sentence")):
        grams = {tuple(words[i:i + n]) for n in (1, 2, 3) for i in range(len(words) - n + 1)}
        for cat in allowed:
            if any(phrase in text for phrase in cat.unless):
                continue
            for sure in cat.sure:
                if sure in grams:
                    return cat, f"rule: sure word '{' '.join(sure)}' in the {where}"
    return None


_NOT_AN_ACT = frozenset({"compound", "amod", "nmod", "nsubj"})


def _strongest_word(model: TypeModel, label: str, sents: list) -> Span | None:
    """The word of the sentences that weighs most for a label in the model (its own word and
    prefix features): the trigger of an event the model opens, so that its reason has a span."""
    column = model.labels.index(label)
    buckets = model.weights.shape[0]
    best, best_weight = None, 0.0
    for token in (t for s in sents for t in s):
        word = token.text.lower()
        if not token.is_alpha or word in _STOP:
            continue
        keys = [f"w:{word}"] + ([f"p:{word[:5]}"] if len(word) > 5 else [])
        weight = sum(float(model.weights[zlib.crc32(k.encode("utf-8")) % buckets, column]) for k in keys)
        if weight > best_weight:
            best, best_weight = token, weight
    if best is None:
        return None
    return Span(text=best.text, start=best.idx, end=best.idx + len(best.text))


def _a_trigger_word(token) -> bool:
    """Whether the trigger lexicon (data/events.yaml) has the word alone as a trigger."""
    pos = "VERB" if token.pos_ in {"VERB", "AUX", "ADJ"} else "NOUN"
    return any(len(t.words) == 1 for lemma in {token.lemma_.lower(), token.lower_}
               for t in trigger_index().get((lemma, pos), ()))


def model_event(doc: Doc, article_id: str) -> Event | None:
    """An event for an article in which no trigger opened one, where the model reads an incident
    in its first sentences (``lead_sentences``) with a probability of at least ``model_finds``
    ("a stash of rifles was found in a dam", "a volcano erupted"). Its type and mode are the
    category's PLOVER reading; a category without a PLOVER type (a disaster, organised crime,
    attribution) opens none: PLOVER has no type for it. Its trigger is the word that weighs most
    for the category, its evidence the sentences read."""
    model = load_model()
    cats = categories()
    sents = sentences(doc)[0][:cats.lead_sentences]
    if model is None or not sents:
        return None
    probs = model.scores(" ".join(s.text for s in sents))
    best = model.labels[int(np.argmax(probs))]
    p = float(probs.max())
    cat = cats.by_name.get(best)
    if cat is None or p < cats.model_finds or cat.plover_type is None or best in cats.model_opens_not:
        return None
    if cat.plover_type == "PROTEST" and any(t.lemma_.lower() in frame_words("campaign_triggers") for s in sents for t in s):
        return None  # the rules read the lead's rally and found it a politician's: the model
        # does not reopen it as a protest
    trigger = _strongest_word(model, best, sents)
    if trigger is None:
        return None
    word = doc.char_span(trigger.start, trigger.end)
    if word is not None and word.root.dep_ in _NOT_AN_ACT:
        # a word that only modifies a thing ("attack helicopters") or names the doer ("the army
        # bought ...") is no act: the model read a topic, not an event
        return None
    if word is not None and _a_trigger_word(word.root):
        # the rules read this very word and found no event in it ("stabbed his ally in the back"):
        # the model opens events for what the trigger lexicon does not know, not against its reading
        return None
    event = Event(
        id=event_id_for(article_id, cat.plover_type, trigger.start, trigger.end),
        type=cat.plover_type, mode=cat.mode, trigger=trigger,  # type: ignore[arg-type]
        evidence=[Span(text=s.text, start=s.start_char, end=s.end_char) for s in sents],
        contexts=[cat.context] if cat.context else [],  # type: ignore[list-item]
        acled=Acled(event_type=cat.acled[0], sub_event_type=cat.acled[1]) if cat.acled else None,
        confidence=round(min(p, 0.9) * 0.5, 2),
        type_reason=f"model {model.name} {model.version}: {best} p={p:.2f} in the article's lead, "
                    "where no trigger opened an event (the model opens it)")
    return event


def assign_types(events: list[Event], doc: Doc, article_id: str | None = None) -> None:
    """Set each event's ``acled``, ``contexts`` (beyond ACLED), ``mode`` (where it had none) and
    ``type_reason`` from its incident's sentences (see the module doc). Changes events in place;
    where there is none and ``article_id`` is given, adds the event the model may open
    (``model_event``)."""
    if not events and article_id is not None:
        found = model_event(doc, article_id)
        if found is not None:
            events.append(found)
        return
    cats = categories()
    model = load_model()
    card = f"model {model.name} {model.version}" if model is not None else ""
    cache: dict[tuple[int, ...], np.ndarray] = {}
    for event in events:
        sents = _incident_sentences(event, doc)
        if not sents:
            continue
        probs = None
        if model is not None:
            key = tuple(s.start for s in sents)
            if key not in cache:
                cache[key] = model.scores(" ".join(s.text for s in sents))
                lead = sentences(doc)[0][:cats.lead_sentences]
                if cats.lead_weight and sents[0].start < lead[-1].end:  # an incident the lead tells
                    if (lead_key := tuple(s.start for s in lead)) not in cache:
                        cache[lead_key] = model.scores(" ".join(s.text for s in lead))
                    cache[key] = (1 - cats.lead_weight) * cache[key] + cats.lead_weight * cache[lead_key]
            probs = dict(zip(model.labels, cache[key].tolist()))
        best = max(probs, key=probs.__getitem__) if probs else None
        context = cats.by_name[best] if best in cats.by_name and cats.by_name[best].context \
            and probs is not None and probs[best] >= cats.context_from else None
        if context is not None and context.context not in event.contexts:
            event.contexts = [*event.contexts, context.context]  # type: ignore[list-item]
        if "diplomacy" not in event.contexts and _between_states(event, cats):
            event.contexts = [*event.contexts, "diplomacy"]
        _assign(event, sents, probs, best, context, cats, card)


def _between_states(event: Event, cats: Categories) -> bool:
    """A verbal or cooperative act of one state towards another (``interstate_types``): each side
    names a government or another actor that speaks for a state (``state_kinds``), of two countries
    ("China condemned Japan's decision", "Iran rejected the French proposal"): diplomacy."""
    if event.type not in cats.interstate_types:
        return False
    doers = {a.country for a in event.source_actors if a.kind in cats.state_kinds and a.country}
    others = {a.country for a in event.target_actors if a.kind in cats.state_kinds and a.country}
    return bool(doers) and bool(others - doers)


_HURT = frozenset({"killed", "injured"})


def _share(probs: dict[str, float], allowed: list[Category]) -> tuple[Category, float]:
    """The model's best category among those that can label the event, and its share of their
    probabilities (a share too small is a guess: the crosswalk decides then)."""
    chosen = max(allowed, key=lambda c: probs.get(c.name, 0.0))
    return chosen, probs.get(chosen.name, 0.0) / (sum(probs.get(c.name, 0.0) for c in allowed) or 1.0)


def _means_differ(event: Event, category: Category, cats: Categories, protest: bool = True) -> bool:
    """Whether a category cannot label the event: its mode and the event's name different means,
    one a weapon and the other an abduction or sexual violence ("bombing" labelled an abduction by
    a story of one; subevents.yaml: weapon_modes, unarmed_modes), or the category is ``harmless``
    (property destroyed) and the event has someone killed or injured, or it needs two armed sides
    and the event shows none (``two_armed_sides``), or it labels only its own types (``own_types``: a
    peaceful protest is no assault), or it needs an accord and the event is a promise
    (``one_sided``), or it names a weapon's use and the event is of another type (a seizure)."""
    if category.harmless and any(c.kind in _HURT and (c.low or c.high or c.low is None) for c in event.casualties):
        return True
    if category.own_types and event.type not in category.types:
        return True
    if category.accord and one_sided(event.trigger.text):
        return True
    if category.two_sides and not two_armed_sides([event.trigger.text, *(e.text for e in event.evidence)],
                                                  event.source_actors, event.target_actors,
                                                  event.physical_targets, event.casualties):
        return True
    if category.protest and not protest:
        return True  # police shooting a man is no force against protesters (``_has_protest``)
    if category.takers and event.type in category.types and not category.takers & _taker_kinds(event, cats):
        return True  # the army retaking a town is no rebel takeover, whatever words the story shares
    if category.takers and event.type in cats.yield_types and _taker_kinds(event, cats) <= category.takers:
        return True  # the army pulling out of a town is no government gain
    if category.mode in cats.weapon_modes and category.plover_type != event.type:
        return True  # grenades found in a raid (a seizure) are no grenade attack, however sure the model
    if event.mode in category.not_modes:
        return True  # a bomb planted among civilians is a remote explosive, not a plain "Attack" (codebook)
    if event.mode in {"firearms", "suicide-attack"} and category.mode in cats.weapon_modes and category.mode != event.mode:
        return True  # men shot are not shelled, bombed from the air or blown up, whatever the story
    if event.mode == "arrest" and category.mode in cats.unarmed_modes:
        return True  # an arrest is no abduction
    modes = {event.mode, category.mode}
    return category.plover_type == event.type and bool(modes & cats.weapon_modes) and bool(modes & cats.unarmed_modes)


def _has_protest(event: Event, sents: list) -> bool:
    """A PROTEST event, or a protest in its incident's sentences: a protest trigger word
    (data/events.yaml) or a protester (event_frames.yaml protester_nouns)."""
    if event.type == "PROTEST":
        return True
    protesters = frame_words("protester_nouns")
    for sent in sents:
        for token in sent:
            lemma = token.lemma_.lower()
            if lemma in protesters or (token.pos_ in {"NOUN", "VERB"} and "PROTEST" in one_word_types(lemma)):
                return True
    return False


def _taker_kinds(event: Event, cats: Categories) -> frozenset[str]:
    """The kinds of the event's armed doers (``armed_kinds`` and the government); all of those
    kinds when it names none (an unnamed doer fits any category, and none is sure to lose)."""
    armed = cats.armed_kinds | {"government"}
    return frozenset(a.kind for a in event.source_actors) & armed or armed


def _same_means(event: Event, allowed: list[Category], cats: Categories) -> list[Category]:
    """The categories of ``allowed`` whose mode is the event's weapon or none, when the event has a
    weapon of remote violence (and any is left); else ``allowed``. A ``harmless`` one (property
    destroyed) is left out too: a bombing is an explosion first (codebook)."""
    if event.mode not in cats.weapon_modes or event.mode == "firearms":
        return allowed  # (men shot: _means_differ keeps the other weapons off already)
    return [c for c in allowed if c.mode in (event.mode, None) and not c.harmless] or allowed


def one_sided(trigger: str) -> bool:
    """Whether a trigger is one side's promise or offer ("promised to review", "pledged to impose
    sanctions", "offered advice"): no agreement between parties (subevents.yaml: promise_stems)."""
    return any(w.startswith(categories().promise_stems) for w in trigger.lower().split())


def two_armed_sides(texts: list[str], sources: list[Actor], targets: list[Actor], physical: list[Span] = (),
                    casualties: list = ()) -> bool:
    """Whether an attack is a fight between two armed sides (subevents.yaml: clash_stems,
    armed_kinds, and the actor nouns' military_assets): told by a word of fighting in ``texts``
    (its trigger and evidence: "clashed", "a gun battle"); or aimed at someone who bears arms
    (troops, police, a militia), at a military asset ("attacked a CHECKPOINT"), or killing or
    wounding soldiers; or done by armed men to no one named as a person. A gunman shooting a man,
    a bomb among passers-by, is no clash."""
    cats = categories()
    if any(w.startswith(cats.clash_stems) for text in texts for w in text.lower().split()):
        return True
    if any(a.kind in cats.armed_kinds for a in targets) or any(c.victim_kind == "military" for c in casualties):
        return True
    assets = registry().military_assets
    if any(w.rstrip("s") in assets or w in assets for span in physical for w in span.text.lower().split()):
        return True
    return any(a.kind in cats.armed_kinds for a in sources) and not any(
        a.kind in {"person", "civilians", "population", "unknown"} for a in targets)


def _assign(event: Event, sents: list, probs: dict[str, float] | None, best: str | None,
            context: Category | None, cats: Categories, card: str) -> None:
    """One event's ACLED sub-event, mode and reason, in the order of the module doc."""
    context_note = f"; context {context.context} ({card}: p={probs[best]:.2f})" if context and probs and best else ""
    if context is not None and context.name in _DISASTERS:
        event.acled = None  # a disaster is no ACLED event
        event.type_reason = f"{card}: {best} p={probs[best]:.2f}, no ACLED event"  # type: ignore[index]
        return
    protest = _has_protest(event, sents)
    allowed = [c for c in cats.by_name.values() if c.acled and event.type in c.types
               and not _means_differ(event, c, cats, protest)]
    chosen: Category | None = None
    sure = _sure_category(sents, event, allowed) if event.type in cats.acled_types else None
    confident = cats.by_name.get(best) if probs and best and probs[best] >= cats.model_decides else None
    if confident is not None and _means_differ(event, confident, cats, protest):
        confident = None  # a bombing is no abduction, however sure the model is of the story
    if confident is not None and event.type not in cats.acled_types:
        confident = None  # a demand or an accusation is no ACLED event, whatever the story around it
    if sure is not None:
        chosen, reason = sure
    elif confident is not None and confident.acled is not None:
        chosen = confident
        reason = f"{card}: {best} p={probs[best]:.2f} (at least {cats.model_decides:.2f}: the model decides)"  # type: ignore[index]
    elif event.type not in cats.acled_types:
        event.acled = None
        event.type_reason = f"{event.type} is no ACLED event type" + context_note
        return
    elif probs and best != NONE and allowed and (guess := _share(probs, _same_means(event, allowed, cats)))[1] \
            >= cats.model_among_type:
        # a guess among the type: only among the categories of the event's own weapon (the
        # Boston Marathon "bombing" is no air strike because the model half thinks so)
        chosen, share = guess
        reason = f"{card}: {chosen.name} p={probs.get(chosen.name, 0.0):.2f} ({share:.2f} among {event.type})"
    else:
        reason = "rule: crosswalk on type and mode" + (f" ({card} says {best})" if best else "")
    if chosen is not None and chosen.acled is not None:
        event.acled = Acled(event_type=chosen.acled[0], sub_event_type=chosen.acled[1])
        if chosen.plover_type == event.type and event.mode is None and chosen.mode:
            event.mode = chosen.mode
    event.type_reason = reason + context_note
