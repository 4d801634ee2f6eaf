"""PLACEHOLDER until the casualties module lands (owned by the casualties helper)."""
from spacy.tokens import Doc
from ..models import Casualty
def extract_casualties(doc: Doc) -> list[Casualty]:
    return []
