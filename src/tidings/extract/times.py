"""PLACEHOLDER until the times module lands (owned by the times helper)."""
from datetime import date
from spacy.tokens import Doc
from ..models import Time
def extract_times(doc: Doc, anchor: date | None) -> list[Time]:
    return []
