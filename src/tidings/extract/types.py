"""Sub-event types (ACLED), PLOVER modes and the contexts beyond ACLED, per incident."""

from __future__ import annotations


def model_card() -> str:
    return "none (rules only)"
