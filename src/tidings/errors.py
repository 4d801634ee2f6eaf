"""Every error tidings reports, numbered, in one place (as spaCy does).

An article that cannot be processed yields an ``ArticleError`` with one of these codes and a message
that says what went wrong and what to do; the batch goes on. Codes are stable: never reuse one.
"""

from __future__ import annotations

import importlib
from types import ModuleType

from .models import ArticleError

MESSAGES: dict[str, str] = {
    "E001": "empty article: the text is empty or only whitespace",
    "E002": "binary input: the bytes look like a binary file ({detail}), not text",
    "E003": "not decodable: the bytes are not valid UTF-8 ({detail}); re-encode the file as UTF-8",
    "E004": "too large: {detail} exceeds the size limit of {limit} bytes; split the article or raise --max-bytes",
    "E005": "malformed JSONL line: {detail}",
    "E006": "wrong field type in JSONL: {detail}",
    "E007": "no main text found in the HTML ({detail})",
    "E008": "not English: the article looks like language {detail!r}; tidings/1 extracts English only",
    "E009": "unreadable input: {detail}",
    "E010": "bad published date: {detail}; use YYYY-MM-DD",
    "E011": "processing failed: {detail}; please report this with the article",
    "E012": "processing budget exceeded: {detail}",
}


def error(code: str, **fields: object) -> ArticleError:
    """Build the ``ArticleError`` for ``code``, filling the message's fields."""
    fields.setdefault("detail", "")
    return ArticleError(code=code, message=MESSAGES[code].format(**fields))


class UsageError(Exception):
    """A bad command line or setting: the CLI prints it on one line and exits 2."""


def require(module: str, extra: str, feature: str) -> ModuleType:
    """Import an optional dependency, or say in one line which extra installs it."""
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise UsageError(f"{feature} needs {module.split('.')[0]}, which is not installed: "
                         f"pip install 'tidings[{extra}]'") from exc
