"""The client against hostile or broken answers and addresses (issue 14): ids in paths, bodies that are
not the API's JSON, looping pages, refused connections, deadlines, redirects and bad Retry-After.

What the emulator cannot say (HTML, wrong shapes, redirects, looping Link headers) comes from a tiny
werkzeug server on loopback whose answers each test sets; every request it saw is recorded."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
import urllib3.util.connection
from pulumi_celigo.client import (
    ApiConnectionError,
    CeligoClient,
    ClientConfig,
    DeadlineExceededError,
    InvalidIdError,
    NotFoundError,
    OutcomeUnknownError,
    UnexpectedResponseError,
    _transport,
)
from pulumi_celigo.emulator import EmulatorServer
from pulumi_celigo.models import Flow
from pydantic import SecretStr
from werkzeug.serving import make_server
from werkzeug.wrappers import Request, Response

from tests.conftest import TOKEN

FLOW_ID = "0123456789abcdef01234567"
FLOW_JSON = {"_id": FLOW_ID, "name": "Orders"}

Answer = Callable[[Request], Response]


@dataclass
class Odd:
    """A loopback server answering what each test says, recording every request (`METHOD /path?query`)."""

    base_url: str
    seen: list[str] = field(default_factory=list)
    answers: dict[str, Answer] = field(default_factory=dict)

    def client(self, **settings: Any) -> CeligoClient:
        return CeligoClient(ClientConfig(api_token=SecretStr(TOKEN), base_url=self.base_url, **settings))


@pytest.fixture
def odd() -> Iterator[Odd]:
    server_box: list[Odd] = []

    @Request.application
    def app(request: Request) -> Response:
        state = server_box[0]
        query = request.query_string.decode()
        state.seen.append(f"{request.method} {request.path}" + (f"?{query}" if query else ""))
        answer = state.answers.get(f"{request.method} {request.path}")
        return answer(request) if answer else Response("nothing configured", status=418)

    server = make_server("127.0.0.1", 0, app, threaded=True)
    server_box.append(Odd(f"http://127.0.0.1:{server.port}/v1"))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server_box[0]
    finally:
        server.shutdown()
        thread.join()


def json_answer(body: Any, status: int = 200, headers: dict[str, str] | None = None) -> Answer:
    return lambda _request: Response(json.dumps(body), status=status, headers=headers, mimetype="application/json")


# ---- 1. ids in URL paths ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("call", "bad_id"),
    [
        (lambda c, i: c.flows.delete(i), "../integrations/{integration}"),
        (lambda c, i: c.flows.get(i), "{integration}/../../integrations/{integration}"),
        (lambda c, i: c.flows.patch(i, []), "../integrations/{integration}"),
        (lambda c, i: c.flows.replace(i, Flow(name="x")), "%2e%2e%2fintegrations%2f{integration}"),
        (lambda c, i: c.integrations.delete(i), "{integration}?x=1"),
        (lambda c, i: c.jobs.errors(i), "{integration}\n"),
        (lambda c, i: c.connections.get(i), ""),
    ],
)
def test_an_id_that_is_not_an_object_id_is_refused_before_any_request(
    client: CeligoClient, emulator: EmulatorServer, call: Callable[[CeligoClient, str], Any], bad_id: str
) -> None:
    integration = emulator.seed_ids["dev_integration"]
    value = bad_id.format(integration=integration)
    with pytest.raises(InvalidIdError) as err:
        call(client, value)
    assert str(err.value) == f"{json.dumps(value)} is not an integrator.io id (24 hexadecimal characters)"
    assert isinstance(err.value, ValueError)
    assert emulator.request_counts() == {}
    assert client.integrations.get(integration).id == integration  # still there


def test_the_refusal_of_a_path_id_reads_well() -> None:
    with pytest.raises(InvalidIdError) as err:
        _transport.id_path("/flows", "../x")
    assert str(err.value) == '"../x" is not an integrator.io id (24 hexadecimal characters)'


# ---- 2. a success that is not the API's JSON ------------------------------------------------------

HTML = "<html><head><title>Sign in</title></head><body>Corporate proxy: please sign in</body></html>"


@pytest.mark.parametrize(
    ("answer", "problem"),
    [
        (
            lambda _r: Response(HTML, mimetype="text/html"),
            f"the body is not JSON; text/html; charset=utf-8, starting {HTML[:100]!r}",
        ),
        (
            json_answer([1, 2]),
            "the body is not the expected document (the document: Input should be a valid dictionary or instance "
            "of Flow); application/json, starting '[1, 2]'",
        ),
        (
            lambda _r: Response("[" * 5000 + "]" * 5000, mimetype="application/json"),
            f"the body is JSON nested too deeply; application/json, starting {'[' * 100!r}",
        ),
        (
            lambda _r: Response(b'{"name": "\xff\xfe"}', mimetype="application/json"),
            'the body is not valid UTF-8; application/json, starting \'{"name": "\ufffd\ufffd"}\'',
        ),
    ],
)
def test_a_get_answered_with_something_else_than_the_api_json_is_an_api_error(
    odd: Odd, answer: Answer, problem: str
) -> None:
    odd.answers[f"GET /v1/flows/{FLOW_ID}"] = answer
    with odd.client() as api, pytest.raises(UnexpectedResponseError) as err:
        api.flows.get(FLOW_ID)
    assert str(err.value) == (
        f"GET /flows/{FLOW_ID}: unexpected answer (HTTP 200): {problem}. Check that celigo:baseUrl / "
        "CELIGO_BASE_URL (or celigo:region) points at the integrator.io API itself, not at a proxy or web page."
    )
    assert odd.seen == [f"GET /v1/flows/{FLOW_ID}"]


def test_a_list_answered_with_an_object_is_an_api_error(odd: Odd) -> None:
    odd.answers["GET /v1/flows"] = json_answer({"flows": []})
    with odd.client() as api, pytest.raises(UnexpectedResponseError) as err:
        list(api.flows.list())
    assert str(err.value).startswith(
        "GET /flows: unexpected answer (HTTP 200): the body is not a JSON array but an object; application/json"
    )


def test_a_post_answered_with_html_has_an_unknown_outcome(odd: Odd) -> None:
    odd.answers["POST /v1/flows"] = lambda _r: Response(HTML, status=201, mimetype="text/html")
    with odd.client() as api, pytest.raises(OutcomeUnknownError) as err:
        api.flows.create(Flow(name="Orders"))
    assert str(err.value) == (
        "POST /flows: outcome unknown (HTTP 201, but the body is not JSON; text/html; charset=utf-8, starting "
        f"{HTML[:100]!r}); the write may have been applied"
    )
    assert odd.seen == ["POST /v1/flows"]  # not repeated


def test_a_run_answered_without_a_job_id_has_an_unknown_outcome(odd: Odd) -> None:
    odd.answers[f"POST /v1/flows/{FLOW_ID}/run"] = json_answer({"status": "queued"})
    with odd.client() as api, pytest.raises(OutcomeUnknownError) as err:
        api.flows.run(FLOW_ID)
    assert str(err.value).startswith(
        f"POST /flows/{FLOW_ID}/run: outcome unknown (HTTP 200, but the body is not the expected shape "
        "(KeyError: '_jobId'); application/json"
    )


# ---- 3. paging -------------------------------------------------------------------------------------


def test_relative_next_links_are_resolved_against_the_request_url(odd: Odd) -> None:
    pages = {
        "": ([{"_id": "a" * 24}], '<?skip=1>; rel="next"'),
        "skip=1": ([{"_id": "b" * 24}], '</v1/flows?skip=2>; rel="next"'),
        "skip=2": ([{"_id": "c" * 24}], None),
    }

    def answer(request: Request) -> Response:
        body, link = pages[request.query_string.decode()]
        return Response(json.dumps(body), mimetype="application/json", headers={"Link": link} if link else None)

    odd.answers["GET /v1/flows"] = answer
    with odd.client() as api:
        assert [f.id for f in api.flows.list()] == ["a" * 24, "b" * 24, "c" * 24]
    assert odd.seen == ["GET /v1/flows", "GET /v1/flows?skip=1", "GET /v1/flows?skip=2"]


@pytest.mark.parametrize(
    ("links", "fetched"),
    [
        ({"": "</v1/flows>"}, ["GET /v1/flows"]),
        ({"": "<?skip=1>", "skip=1": "<http://elsewhere.example/v1/flows?skip=0>", "skip=0": "<?skip=1>"}, 3),
    ],
)
def test_a_next_link_back_to_a_page_already_fetched_stops_the_listing(
    odd: Odd, links: dict[str, str], fetched: list[str] | int
) -> None:
    def answer(request: Request) -> Response:
        link = links[request.query_string.decode()]
        return Response("[]", mimetype="application/json", headers={"Link": f'{link}; rel="next"'})

    odd.answers["GET /v1/flows"] = answer
    with odd.client() as api, pytest.raises(UnexpectedResponseError) as err:
        list(api.flows.list())
    link = links["skip=0" if "skip=0" in links else ""]
    assert str(err.value).startswith(
        'GET /flows: unexpected answer (HTTP 200): Link: rel="next" points back to a page already fetched '
        f"({link[1:-1]}); stopped."
    )
    assert (len(odd.seen) if isinstance(fetched, int) else odd.seen) == fetched


def test_a_listing_that_never_ends_stops_at_the_page_cap(odd: Odd, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_transport, "MAX_PAGES", 5)

    def answer(request: Request) -> Response:
        skip = int(request.args.get("skip", 0))
        return Response("[]", mimetype="application/json", headers={"Link": f'<?skip={skip + 1}>; rel="next"'})

    odd.answers["GET /v1/flows"] = answer
    with odd.client() as api, pytest.raises(UnexpectedResponseError) as err:
        list(api.flows.list())
    assert str(err.value).startswith(
        'GET /flows: unexpected answer (HTTP 200): more than 5 pages (Link: rel="next" never ends); stopped.'
    )
    assert len(odd.seen) == 5


# ---- 4. failing fast and clearly ---------------------------------------------------------------------


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_a_refused_connection_fails_after_three_attempts_naming_the_url(
    method: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    attempts: list[tuple[str, int]] = []
    connect = urllib3.util.connection.create_connection

    def counting(address: tuple[str, int], *args: Any, **kwargs: Any) -> socket.socket:
        attempts.append(address)
        return connect(address, *args, **kwargs)

    monkeypatch.setattr(urllib3.util.connection, "create_connection", counting)
    monkeypatch.setattr("urllib3.connection.connection.create_connection", counting)
    port = _closed_port()
    api = CeligoClient(ClientConfig(api_token=SecretStr(TOKEN), base_url=f"http://127.0.0.1:{port}/v1/"))
    call = api.token_info if method == "GET" else (lambda: api.flows.create(Flow(name="never sent")))
    with pytest.raises(ApiConnectionError) as err:  # a POST never sent is certainly not applied
        call()
    path = "/tokenInfo" if method == "GET" else "/flows"
    assert str(err.value) == (
        f"{method} {path}: no answer from http://127.0.0.1:{port}/v1 after retries (ConnectionError). Check "
        "celigo:baseUrl / CELIGO_BASE_URL (or celigo:region) and that this machine can reach that address."
    )
    assert attempts == [("127.0.0.1", port)] * 3
    api.close()


def test_the_default_port_is_spelled_out_in_the_address() -> None:
    transport = _transport.Transport(ClientConfig(api_token=SecretStr(TOKEN)))
    assert transport.where == "https://api.integrator.io:443/v1"


def test_a_call_still_failing_at_its_deadline_says_so(emulator: EmulatorServer) -> None:
    emulator.set_faults(rules=[{"method": "GET", "route": "/v1/tokenInfo", "fail_rate": 1.0}])
    config = ClientConfig(api_token=SecretStr(TOKEN), base_url=emulator.base_url, request_deadline=1.0)
    with CeligoClient(config) as api, pytest.raises(DeadlineExceededError) as err:
        api.token_info()
    assert str(err.value) == (
        "GET /tokenInfo: gave up after 1 s, the deadline for one API call with its retries (celigo:requestDeadline / "
        "CELIGO_REQUEST_DEADLINE); last attempt: HTTP 503. Try again later, or raise the deadline."
    )
    # Waits of 0, 0.2, 0.4 s (+ jitter) fit in 1 s, the next (0.8 s) does not: far fewer than 1 + 10 tries.
    assert emulator.request_counts()["GET /v1/tokenInfo"] <= 5


def test_read_timeouts_are_retried_twice_not_ten_times(emulator: EmulatorServer) -> None:
    emulator.set_faults(rules=[{"method": "GET", "route": "/v1/tokenInfo", "latency_ms": 400}])
    config = ClientConfig(api_token=SecretStr(TOKEN), base_url=emulator.base_url, read_timeout=0.1)
    with CeligoClient(config) as api, pytest.raises(ApiConnectionError) as err:
        api.token_info()
    assert "GET /tokenInfo: no answer from" in str(err.value)
    deadline = time.monotonic() + 5
    while emulator.request_counts().get("GET /v1/tokenInfo", 0) < 3 and time.monotonic() < deadline:
        time.sleep(0.05)  # the abandoned requests land after the client gave up
    time.sleep(0.5)
    assert emulator.request_counts() == {"GET /v1/tokenInfo": 3}


def test_a_404_under_a_base_url_without_v1_asks_whether_v1_was_forgotten(emulator: EmulatorServer) -> None:
    root = emulator.base_url.removesuffix("/v1")
    api = CeligoClient(ClientConfig(api_token=SecretStr(TOKEN), base_url=root))
    with api, pytest.raises(NotFoundError) as err:
        api.flows.get(FLOW_ID)
    assert str(err.value) == (
        f"GET /flows/{FLOW_ID} failed with HTTP 404: not_found: No route /flows/{FLOW_ID}.. The base URL {root} has "
        f"no /v1 in its path: did you forget `/v1`? (celigo:baseUrl / CELIGO_BASE_URL, e.g. {root}/v1)"
    )


def test_a_404_under_a_v1_base_url_has_no_such_hint(client: CeligoClient) -> None:
    with pytest.raises(NotFoundError) as err:
        client.flows.get(FLOW_ID)
    assert "/v1" not in str(err.value)


@pytest.mark.parametrize("retry_after", ["-1", "1.5", "soon", ""])
def test_a_post_answered_429_with_an_invalid_retry_after_is_retried_with_normal_backoff(
    odd: Odd, retry_after: str
) -> None:
    answers = iter(
        [
            json_answer({"errors": [{"code": "rate_limited"}]}, 429, {"Retry-After": retry_after}),
            json_answer(FLOW_JSON, 201),
        ]
    )
    odd.answers["POST /v1/flows"] = lambda request: next(answers)(request)
    with odd.client() as api:
        assert api.flows.create(Flow(name="Orders")).id == FLOW_ID
    assert odd.seen == ["POST /v1/flows", "POST /v1/flows"]


def test_a_redirect_is_not_followed_and_names_its_location(odd: Odd) -> None:
    odd.answers[f"GET /v1/flows/{FLOW_ID}"] = lambda _r: Response(
        "", status=302, headers={"Location": f"{odd.base_url}/login?next=flows"}
    )
    with odd.client() as api, pytest.raises(UnexpectedResponseError) as err:
        api.flows.get(FLOW_ID)
    assert str(err.value) == (
        f"GET /flows/{FLOW_ID}: unexpected answer (HTTP 302): a redirect to {odd.base_url}/login?next=flows, which "
        "the client does not follow. Check that celigo:baseUrl / CELIGO_BASE_URL (or celigo:region) points at the "
        "integrator.io API itself, not at a proxy or web page."
    )
    assert odd.seen == [f"GET /v1/flows/{FLOW_ID}"]
