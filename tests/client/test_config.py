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
    config = resolve_config({"celigo:apiToken": SECRET, "celigo:region": "eu", "celigo:baseUrl": "https://h/v1"}, {})
    assert config.base_url == "https://h/v1"


def test_missing_token_names_both_ways_to_set_it() -> None:
    with pytest.raises(ConfigurationError) as err:
        resolve_config({}, {})
    assert "pulumi config set --secret celigo:apiToken" in str(err.value)
    assert "CELIGO_API_TOKEN" in str(err.value)


def test_unknown_region_is_refused() -> None:
    with pytest.raises(ConfigurationError) as err:
        resolve_config({"celigo:apiToken": SECRET, "celigo:region": "ap"}, {})
    assert str(err.value) == "Invalid celigo:region (celigo:region / CELIGO_REGION): 'ap'; expected one of eu, us."


def test_bad_base_url_is_refused() -> None:
    with pytest.raises(ConfigurationError, match="must be an http"):
        resolve_config({"celigo:apiToken": SECRET, "celigo:baseUrl": "api.integrator.io"}, {})


def test_token_never_appears_in_reprs() -> None:
    config = resolve_config({"celigo:apiToken": SECRET}, {})
    client = CeligoClient(config)
    for text in (repr(config), str(config), repr(client), repr(client.transport)):
        assert SECRET not in text
    client.close()


# ---- one resolver for every setting (issue 14) ---------------------------------------------------


def test_every_setting_resolves_from_stack_config_then_environment_then_default() -> None:
    defaults = resolve_config({"celigo:apiToken": SECRET}, {})
    assert (defaults.connect_timeout, defaults.read_timeout, defaults.clone_read_timeout) == (10.0, 60.0, 360.0)
    assert (defaults.max_retries, defaults.request_deadline, defaults.allow_insecure_http) == (10, 300.0, False)

    config = resolve_config(
        {
            "celigo:apiToken": SECRET,
            "celigo:readTimeout": "12.5",
            "celigo:maxRetries": 3,  # structured config arrives as a number
            "celigo:allowInsecureHttp": "true",
            "celigo:baseUrl": "http://proxy.internal/v1",
        },
        {"CELIGO_READ_TIMEOUT": "99", "CELIGO_CONNECT_TIMEOUT": "2", "CELIGO_REQUEST_DEADLINE": "30"},
    )
    assert (config.read_timeout, config.connect_timeout, config.request_deadline) == (12.5, 2.0, 30.0)
    assert (config.max_retries, config.allow_insecure_http, config.base_url) == (3, True, "http://proxy.internal/v1")


@pytest.mark.parametrize(
    ("stack", "environ", "message"),
    [
        (
            {"celigo:readTimeout": "soon"},
            {},
            "Invalid celigo:readTimeout (celigo:readTimeout / CELIGO_READ_TIMEOUT): 'soon'; expected seconds > 0.",
        ),
        (
            {},
            {"CELIGO_REQUEST_DEADLINE": "-5"},
            "Invalid CELIGO_REQUEST_DEADLINE (celigo:requestDeadline / CELIGO_REQUEST_DEADLINE): '-5'; "
            "expected seconds > 0.",
        ),
        (
            {"celigo:maxRetries": "2.5"},
            {},
            "Invalid celigo:maxRetries (celigo:maxRetries / CELIGO_MAX_RETRIES): '2.5'; expected a whole number >= 0.",
        ),
        (
            {},
            {"CELIGO_ALLOW_INSECURE_HTTP": "sure"},
            "Invalid CELIGO_ALLOW_INSECURE_HTTP (celigo:allowInsecureHttp / CELIGO_ALLOW_INSECURE_HTTP): 'sure'; "
            "expected true or false.",
        ),
    ],
)
def test_an_invalid_setting_is_refused_naming_where_it_came_from(
    stack: dict[str, str], environ: dict[str, str], message: str
) -> None:
    with pytest.raises(ConfigurationError) as err:
        resolve_config({"celigo:apiToken": SECRET, **stack}, environ)
    assert str(err.value) == message


@pytest.mark.parametrize(
    "base_url",
    ["http://127.0.0.1:8765/v1", "http://127.8.9.10/v1", "http://[::1]:8765/v1", "http://localhost:8765/v1"],
)
def test_plain_http_is_allowed_on_loopback(base_url: str) -> None:
    assert resolve_config({"celigo:apiToken": SECRET, "celigo:baseUrl": base_url}, {}).base_url == base_url


def test_plain_http_elsewhere_is_refused_unless_allowed() -> None:
    with pytest.raises(ConfigurationError) as err:
        resolve_config({"celigo:apiToken": SECRET, "celigo:baseUrl": "http://api.integrator.io/v1"}, {})
    assert str(err.value) == (
        "celigo:baseUrl / CELIGO_BASE_URL 'http://api.integrator.io/v1' uses plain http to api.integrator.io, which "
        "would send the API token unencrypted: use https, or set celigo:allowInsecureHttp / "
        "CELIGO_ALLOW_INSECURE_HTTP to true if you really mean it (plain http is allowed without it only on loopback: "
        "127.0.0.0/8, ::1, localhost)."
    )
    allowed = resolve_config(
        {"celigo:apiToken": SECRET, "celigo:baseUrl": "http://api.integrator.io/v1"},
        {"CELIGO_ALLOW_INSECURE_HTTP": "true"},
    )
    assert allowed.base_url == "http://api.integrator.io/v1"


@pytest.mark.parametrize(
    ("base_url", "message"),
    [
        (
            "https://me:pw@api.integrator.io/v1",
            "celigo:baseUrl / CELIGO_BASE_URL must not carry a user name or password (the API token is sent as a "
            "header): remove the part before '@' from https://...@api.integrator.io.",
        ),
        (
            "https://api.integrator.io/v1?x=1",
            "celigo:baseUrl / CELIGO_BASE_URL must not have a query or fragment ('?...' or '#...'): got "
            "'https://api.integrator.io/v1?x=1'; use one such as 'https://api.integrator.io/v1'.",
        ),
        (
            "https://api.integrator.io/v1#top",
            "celigo:baseUrl / CELIGO_BASE_URL must not have a query or fragment ('?...' or '#...'): got "
            "'https://api.integrator.io/v1#top'; use one such as 'https://api.integrator.io/v1'.",
        ),
        (
            "https://api.integrator.io:port/v1",
            "celigo:baseUrl / CELIGO_BASE_URL is not a valid URL: 'https://api.integrator.io:port/v1'; use one such "
            "as 'https://api.integrator.io/v1'.",
        ),
    ],
)
def test_a_base_url_with_credentials_query_fragment_or_bad_port_is_refused(base_url: str, message: str) -> None:
    with pytest.raises(ConfigurationError) as err:
        resolve_config({"celigo:apiToken": SECRET, "celigo:baseUrl": base_url}, {})
    assert str(err.value) == message
    assert "pw" not in str(err.value)


@pytest.mark.parametrize(
    ("token", "kind", "position"),
    [
        ("tok en-9f8e7d", "whitespace", 4),
        ("tok-9f8e\nX-Evil: 1", "whitespace", 9),
        ("tok-9f8e\x00d", "a control character", 9),
        ("tok-9f8é", "a non-ASCII character", 8),
        ("tok-9f8\u2028e", "whitespace", 8),
    ],
)
def test_a_token_a_header_cannot_carry_is_refused_without_showing_it(token: str, kind: str, position: int) -> None:
    with pytest.raises(ConfigurationError) as err:
        resolve_config({"celigo:apiToken": token}, {})
    assert str(err.value) == (
        f"The Celigo API token (celigo:apiToken / CELIGO_API_TOKEN) contains {kind} at position {position} of "
        f"{len(token)}, which an HTTP header cannot carry: copy the token again from integrator.io "
        "(Resources > API tokens) and set it without quotes, spaces or line breaks."
    )
    assert "9f8" not in str(err.value)


def test_surrounding_whitespace_of_a_token_is_trimmed() -> None:
    assert resolve_config({}, {"CELIGO_API_TOKEN": f"  {SECRET}\n"}).api_token.get_secret_value() == SECRET
