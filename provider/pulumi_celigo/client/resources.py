"""The collections a flow references (connections, exports, imports, integrations, scripts) and jobs."""

from __future__ import annotations

import builtins
from collections.abc import Iterator
from typing import Any, Generic, TypeVar

from ..models import ApiModel, Connection, Dependencies, Export, Import, Integration, Job, JobError, Script
from ._transport import Transport, id_path, items

DocT = TypeVar("DocT", bound=ApiModel)


class CollectionApi(Generic[DocT]):
    """Create, list, get, replace and delete documents of one collection, and ask what uses one."""

    def __init__(self, transport: Transport, path: str, model: type[DocT]) -> None:
        self._t = transport
        self._path = path
        self._model = model

    def list(self, **params: Any) -> Iterator[DocT]:
        """Every document (all pages). `params` are the API's own query parameters, such as
        `adaptorType="HTTPExport"`, `_connectionId=...`, `include="settings"` (exact-match filters)."""
        yield from self._t.paginate(self._path, self._model.from_api, params or None)

    def get(self, doc_id: str) -> DocT:
        return self._t.call("GET", id_path(self._path, doc_id), self._model.from_api)

    def create(self, doc: DocT) -> DocT:
        return self._t.call("POST", self._path, self._model.from_api, json=doc.to_api())

    def replace(self, doc_id: str, doc: DocT) -> DocT:
        """PUT the whole document: fields it omits are erased, so send what a GET returned, changed."""
        return self._t.call("PUT", id_path(self._path, doc_id), self._model.from_api, json=doc.to_api())

    def delete(self, doc_id: str) -> None:
        self._t.request("DELETE", id_path(self._path, doc_id))

    def dependencies(self, doc_id: str) -> Dependencies:
        """The resources that use this document (`GET /{type}/{id}/dependencies`), by plural type."""
        return self._t.call(
            "GET", id_path(self._path, doc_id, "/dependencies"), lambda body: Dependencies.from_api(body or {})
        )


class ConnectionsApi(CollectionApi[Connection]):
    def __init__(self, transport: Transport) -> None:
        super().__init__(transport, "/connections", Connection)

    def ping(self, connection_id: str) -> str:
        """Test the stored credentials against the endpoint (`GET /connections/{id}/ping`); the API's
        message on success. A refused credential is a `ValidationError` naming it (422 `ping_failed`)."""
        return self._t.call(
            "GET", id_path(self._path, connection_id, "/ping"), lambda body: str(body.get("message") or "")
        )


class ExportsApi(CollectionApi[Export]):
    def __init__(self, transport: Transport) -> None:
        super().__init__(transport, "/exports", Export)


class ImportsApi(CollectionApi[Import]):
    def __init__(self, transport: Transport) -> None:
        super().__init__(transport, "/imports", Import)


class IntegrationsApi(CollectionApi[Integration]):
    def __init__(self, transport: Transport) -> None:
        super().__init__(transport, "/integrations", Integration)

    def register_connections(self, integration_id: str, connection_ids: list[str]) -> Integration:
        """Register connections to the integration (appended once each; none is ever unregistered)."""
        return self._t.call(
            "PUT",
            id_path(self._path, integration_id, "/connections/register"),
            Integration.from_api,
            json=list(connection_ids),
        )


class ScriptsApi(CollectionApi[Script]):
    """Lists leave out each script's `content`: only `get` has it."""

    def __init__(self, transport: Transport) -> None:
        super().__init__(transport, "/scripts", Script)


class JobsApi:
    def __init__(self, transport: Transport) -> None:
        self._t = transport

    def list(self, **params: Any) -> Iterator[Job]:
        """Jobs, newest first (all pages); `params` are the API's filters: `_flowId`, `type`, `status`,
        `createdAt_gte`, `createdAt_lte`."""
        yield from self._t.paginate("/jobs", Job.from_api, params or None)

    def get(self, job_id: str) -> Job:
        return self._t.call("GET", id_path("/jobs", job_id), Job.from_api)

    def errors(self, job_id: str) -> builtins.list[JobError]:
        return self._t.call(
            "GET", id_path("/jobs", job_id, "/errors"), lambda body: [JobError.from_api(e) for e in items(body)]
        )
