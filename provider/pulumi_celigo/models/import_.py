"""The import document (reference section 5.2): where a flow's records go."""

from __future__ import annotations

from typing import Any

from ._base import ApiModel
from .flow import HookRef

#: `adaptor_type`s integrator.io knows (case-sensitive).
IMPORT_ADAPTORS = (
    "HTTPImport",
    "RESTImport",
    "NetSuiteImport",
    "NetSuiteDistributedImport",
    "SalesforceImport",
    "FTPImport",
    "S3Import",
    "RDBMSImport",
    "MongodbImport",
    "DynamodbImport",
    "JDBCImport",
    "AS2Import",
    "WrapperImport",
)


class ImportHttp(ApiModel):
    """Parallel lists: entry i of `relative_uri`, `method` and `body` is one request (create, update, ...)."""

    relative_uri: list[str] | None = None
    method: list[str] | None = None
    body: list[str] | None = None
    request_media_type: str | None = None


class ImportMappingField(ApiModel):
    extract: str | None = None
    generate: str | None = None
    data_type: str | None = None
    lookup_name: str | None = None


class ImportMappingList(ApiModel):
    generate: str | None = None
    fields: list[ImportMappingField] | None = None


class ImportMapping(ApiModel):
    fields: list[ImportMappingField] | None = None
    lists: list[ImportMappingList] | None = None


class ImportHooks(ApiModel):
    pre_map: HookRef | None = None
    post_map: HookRef | None = None
    post_submit: HookRef | None = None


class Import(ApiModel):
    id: str | None = None
    name: str | None = None
    description: str | None = None
    adaptor_type: str | None = None
    connection_id: str | None = None
    integration_id: str | None = None
    http: ImportHttp | None = None
    mapping: ImportMapping | None = None
    lookups: list[dict[str, Any]] | None = None
    hooks: ImportHooks | None = None
    ignore_existing: bool | None = None
    ignore_missing: bool | None = None
    settings: dict[str, Any] | None = None
    # Server-owned, read-only.
    created_at: str | None = None
    last_modified: str | None = None
