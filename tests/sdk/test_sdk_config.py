"""`pulumi_celigo.config`: stack config first, then the environment, read when accessed."""

from __future__ import annotations

import json

import pytest
from pulumi_celigo import config

ENV_KEYS = ("CELIGO_API_TOKEN", "CELIGO_REGION", "CELIGO_BASE_URL", "PULUMI_CONFIG")


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for key in ENV_KEYS:
        monkeypatch.delenv(key, raising=False)


def stack_config(monkeypatch: pytest.MonkeyPatch, **values: str) -> None:
    """Stack config as the Pulumi language host hands it to a program (PULUMI_CONFIG)."""
    monkeypatch.setenv("PULUMI_CONFIG", json.dumps(values))


def test_nothing_set() -> None:
    assert (config.api_token, config.region, config.base_url) == (None, "us", None)


def test_environment_is_the_fallback(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CELIGO_API_TOKEN", "env-token")
    monkeypatch.setenv("CELIGO_REGION", "EU")
    monkeypatch.setenv("CELIGO_BASE_URL", "http://127.0.0.1:8080/v1")

    assert (config.api_token, config.region, config.base_url) == ("env-token", "eu", "http://127.0.0.1:8080/v1")


def test_stack_config_wins_over_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CELIGO_API_TOKEN", "env-token")
    monkeypatch.setenv("CELIGO_REGION", "us")
    stack_config(monkeypatch, **{"celigo:apiToken": "stack-token", "celigo:region": "eu"})

    assert (config.api_token, config.region, config.base_url) == ("stack-token", "eu", None)


def test_blank_values_count_as_unset(monkeypatch: pytest.MonkeyPatch) -> None:
    stack_config(monkeypatch, **{"celigo:apiToken": "  ", "celigo:baseUrl": ""})
    monkeypatch.setenv("CELIGO_API_TOKEN", " env-token ")

    assert (config.api_token, config.base_url) == ("env-token", None)


def test_values_are_read_when_accessed(monkeypatch: pytest.MonkeyPatch) -> None:
    assert config.region == "us"
    monkeypatch.setenv("CELIGO_REGION", "eu")
    assert config.region == "eu"


def test_from_import_works_and_unknown_names_are_attribute_errors() -> None:
    from pulumi_celigo.config import region

    assert region == "us"
    with pytest.raises(AttributeError, match="has no attribute 'apiToken'"):
        _ = config.apiToken  # type: ignore[attr-defined]
