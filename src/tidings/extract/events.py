"""PLACEHOLDER until the events module lands."""
from spacy.tokens import Doc
from ..models import Actor, Article, Casualty, Event, Place, Time
def extract_events(doc: Doc, article: Article, actors: list[Actor], places: list[Place],
                   times: list[Time], casualties: list[Casualty]) -> list[Event]:
    return []
