"""Helpers of the emulator's contract suite: a tiny ``requests`` wrapper and flow bodies."""

from __future__ import annotations

from typing import Any

import requests
from pulumi_celigo.emulator import DEMO_IDS

TOKEN = "test-token"
READ_ONLY_TOKEN = "read-only-token"


class Api:
    """A ``requests`` session bound to the emulator's base URL and a token."""

    def __init__(self, base_url: str, token: str | None) -> None:
        self.base_url = base_url
        self.session = requests.Session()
        if token is not None:
            self.session.headers["Authorization"] = f"Bearer {token}"

    def url(self, path: str) -> str:
        return path if path.startswith("http") else f"{self.base_url}{path}"

    def request(self, method: str, path: str, **kwargs: Any) -> requests.Response:
        kwargs.setdefault("timeout", 10)
        return self.session.request(method, self.url(path), **kwargs)

    def get(self, path: str, **kwargs: Any) -> requests.Response:
        return self.request("GET", path, **kwargs)

    def post(self, path: str, **kwargs: Any) -> requests.Response:
        return self.request("POST", path, **kwargs)

    def put(self, path: str, **kwargs: Any) -> requests.Response:
        return self.request("PUT", path, **kwargs)

    def patch(self, path: str, **kwargs: Any) -> requests.Response:
        return self.request("PATCH", path, **kwargs)

    def delete(self, path: str, **kwargs: Any) -> requests.Response:
        return self.request("DELETE", path, **kwargs)

    def create(self, collection: str, body: dict[str, Any]) -> dict[str, Any]:
        """POST and insist on 201."""
        response = self.post(f"/{collection}", json=body)
        assert response.status_code == 201, response.text
        doc: dict[str, Any] = response.json()
        return doc

    def close(self) -> None:
        self.session.close()


IDS = DEMO_IDS


def simple_flow(**fields: Any) -> dict[str, Any]:
    """A valid flow: GitHub events → Post to Slack, plus any fields given."""
    body: dict[str, Any] = {
        "name": "Send GitHub Events to Slack",
        "_integrationId": IDS["dev_integration"],
        "pageGenerators": [{"_exportId": IDS["github_events_export"]}],
        "pageProcessors": [{"type": "import", "_importId": IDS["slack_import"]}],
    }
    body.update(fields)
    return body


def errors_of(response: requests.Response) -> list[dict[str, Any]]:
    body = response.json()
    assert set(body) == {"errors"}, body
    errors: list[dict[str, Any]] = body["errors"]
    return errors


def fields_of(response: requests.Response) -> dict[str, str]:
    """``{field: code}`` of an error response."""
    return {e.get("field", ""): e["code"] for e in errors_of(response)}
