"""The settings object: flags over the environment over the defaults, checked once where they are
read, and handed to batch workers with their work instead of through the environment."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import tidings.batch
import tidings.config
import tidings.pipeline
from tidings.config import Settings, settings, use, using
from tidings.errors import UsageError


def test_flags_beat_the_environment_which_beats_the_defaults():
    env = {"TIDINGS_PREFILTER": "on", "TIDINGS_MAX_BYTES": "5000", "TIDINGS_CACHE_DIR": "/tmp/x"}
    assert Settings.from_env({}) == Settings()
    read = Settings.from_env(env)
    assert (read.prefilter, read.max_bytes, read.cache_path) == (True, 5000, Path("/tmp/x"))
    assert Settings.from_env(env, prefilter=False).prefilter is False
    assert Settings.from_env(env, prefilter=None).prefilter is True  # an unset flag changes nothing
    assert Settings().cache_path == Path.home() / ".cache" / "tidings"
    with pytest.raises(TypeError, match="not settings"):
        Settings.from_env({}, prefiltr=True)


def test_a_malformed_value_is_named_where_the_settings_are_read():
    with pytest.raises(UsageError, match="TIDINGS_MAX_BYTES='lots'"):
        Settings.from_env({"TIDINGS_MAX_BYTES": "lots"})
    with pytest.raises(UsageError, match="TIDINGS_TIME_BUDGET='-2'"):
        Settings.from_env({"TIDINGS_TIME_BUDGET": "-2"})


def test_the_token_is_never_printed():
    assert "secret-token" not in repr(Settings(api_token="secret-token-0123456789"))


def test_using_installs_for_a_block_and_puts_back_what_was_there(monkeypatch):
    monkeypatch.setenv("TIDINGS_MODEL", "from-the-environment")
    assert settings().model == "from-the-environment"
    with using(Settings(model="outer")):
        with using(Settings(model="inner")):
            assert settings().model == "inner"
        assert settings().model == "outer"
    assert settings().model == "from-the-environment"


def test_a_worker_builds_its_pipeline_with_the_runs_settings(monkeypatch):
    seen = []

    class Recording:  # stands in for the pipeline: records the settings it was built under
        def __init__(self, model=None):
            seen.append(settings().prefilter)
            self.max_length = None

    monkeypatch.setattr(tidings.pipeline, "Pipeline", Recording)
    monkeypatch.setattr(tidings.batch, "_PIPELINE", None)
    monkeypatch.delenv("TIDINGS_PREFILTER", raising=False)
    before = dict(os.environ)
    try:
        tidings.batch._worker_pipeline(None, 1000, Settings(prefilter=True))
        tidings.batch._worker_pipeline(None, 1000, Settings(prefilter=True))  # same settings: kept
        assert seen == [True]
        tidings.batch._worker_pipeline(None, 1000, Settings(prefilter=False))  # another run's: rebuilt
        assert seen == [True, False]
    finally:
        use(None)
    assert dict(os.environ) == before  # nothing went through the environment
