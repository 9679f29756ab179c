"""Where the client finds its token and base URL, and that the token never shows."""

from __future__ import annotations

import pytest
from pulumi_celigo.client import REGION_BASE_URLS, CeligoClient, ConfigurationError, resolve_config

SECRET = "tok-9f8e7d6c5b4a"


def test_stack_config_wins_over_environment() -> None:
    config = resolve_config(
        {"celigo:apiToken": SECRET, "celigo:region": "eu"},
        {"CELIGO_API_TOKEN": "env-token", "CELIGO_REGION": "us"},
    )
    assert config.api_token.get_secret_value() == SECRET
    assert config.base_url == REGION_BASE_URLS["eu"] == "https://api.eu.integrator.io/v1"


def test_environment_is_the_fallback() -> None:
    config = resolve_config({}, {"CELIGO_API_TOKEN": SECRET, "CELIGO_BASE_URL": "http://127.0.0.1:9/v1/"})
    assert config.api_token.get_secret_value() == SECRET
    assert config.base_url == "http://127.0.0.1:9/v1"


def test_region_defaults_to_us() -> None:
    assert resolve_config({"celigo:apiToken": SECRET}, {}).base_url == "https://api.integrator.io/v1"


def test_explicit_base_url_beats_region() -> None:
    config = resolve_config({"celigo:apiToken": SECRET, "celigo:region": "eu", "celigo:baseUrl": "http://h/v1"}, {})
    assert config.base_url == "http://h/v1"


def test_missing_token_names_both_ways_to_set_it() -> None:
    with pytest.raises(ConfigurationError) as err:
        resolve_config({}, {})
    assert "pulumi config set --secret celigo:apiToken" in str(err.value)
    assert "CELIGO_API_TOKEN" in str(err.value)


def test_unknown_region_is_refused() -> None:
    with pytest.raises(ConfigurationError, match=r"Unknown Celigo region .ap.*eu, us"):
        resolve_config({"celigo:apiToken": SECRET, "celigo:region": "ap"}, {})


def test_bad_base_url_is_refused() -> None:
    with pytest.raises(ConfigurationError, match="must be an http"):
        resolve_config({"celigo:apiToken": SECRET, "celigo:baseUrl": "api.integrator.io"}, {})


def test_token_never_appears_in_reprs() -> None:
    config = resolve_config({"celigo:apiToken": SECRET}, {})
    client = CeligoClient(config)
    for text in (repr(config), str(config), repr(client), repr(client.transport)):
        assert SECRET not in text
    client.close()
