"""PLACEHOLDER until the claims module lands (owned by the statements helper)."""
from spacy.tokens import Doc
from ..models import Actor, Claim, Event
def extract_claims(doc: Doc, actors: list[Actor], events: list[Event]) -> list[Claim]:
    return []
