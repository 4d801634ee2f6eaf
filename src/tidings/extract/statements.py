"""PLACEHOLDER until the statements module lands (owned by the statements helper)."""
from spacy.tokens import Doc
from ..models import Actor, Event, Statement
def extract_statements(doc: Doc, actors: list[Actor], events: list[Event]) -> list[Statement]:
    return []
