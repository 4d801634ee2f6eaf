"""Walking an article result (as JSON) for every span it holds, outside the article's own metadata."""

from __future__ import annotations

from collections.abc import Iterator


def iter_spans(obj) -> Iterator[dict]:
    """Every ``{"text", "start", "end"}`` object in a result, at any depth."""
    if isinstance(obj, dict):
        if {"text", "start", "end"} <= obj.keys() and isinstance(obj.get("start"), int):
            yield obj
        for key, value in obj.items():
            if key != "article":
                yield from iter_spans(value)
    elif isinstance(obj, list):
        for item in obj:
            yield from iter_spans(item)
