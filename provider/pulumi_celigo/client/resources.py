"""The collections a flow references (connections, exports, imports, integrations) and jobs."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Generic, TypeVar

from ..models import ApiModel, Connection, Export, Import, Integration, Job, JobError
from ._transport import Transport, id_path, items

DocT = TypeVar("DocT", bound=ApiModel)


class CollectionApi(Generic[DocT]):
    """Create, list, get, replace and delete documents of one collection."""

    def __init__(self, transport: Transport, path: str, model: type[DocT]) -> None:
        self._t = transport
        self._path = path
        self._model = model

    def list(self, **params: Any) -> Iterator[DocT]:
        yield from self._t.paginate(self._path, self._model.from_api, params or None)

    def get(self, doc_id: str) -> DocT:
        return self._t.call("GET", id_path(self._path, doc_id), self._model.from_api)

    def create(self, doc: DocT) -> DocT:
        return self._t.call("POST", self._path, self._model.from_api, json=doc.to_api())

    def replace(self, doc_id: str, doc: DocT) -> DocT:
        return self._t.call("PUT", id_path(self._path, doc_id), self._model.from_api, json=doc.to_api())

    def delete(self, doc_id: str) -> None:
        self._t.request("DELETE", id_path(self._path, doc_id))


class ConnectionsApi(CollectionApi[Connection]):
    def __init__(self, transport: Transport) -> None:
        super().__init__(transport, "/connections", Connection)


class ExportsApi(CollectionApi[Export]):
    def __init__(self, transport: Transport) -> None:
        super().__init__(transport, "/exports", Export)


class ImportsApi(CollectionApi[Import]):
    def __init__(self, transport: Transport) -> None:
        super().__init__(transport, "/imports", Import)


class IntegrationsApi(CollectionApi[Integration]):
    def __init__(self, transport: Transport) -> None:
        super().__init__(transport, "/integrations", Integration)


class JobsApi:
    def __init__(self, transport: Transport) -> None:
        self._t = transport

    def get(self, job_id: str) -> Job:
        return self._t.call("GET", id_path("/jobs", job_id), Job.from_api)

    def errors(self, job_id: str) -> list[JobError]:
        return self._t.call(
            "GET", id_path("/jobs", job_id, "/errors"), lambda body: [JobError.from_api(e) for e in items(body)]
        )
