"""The export document (reference section 5.2): where a flow's records come from."""

from __future__ import annotations

from typing import Any

from ._base import ApiModel
from .flow import HookRef

#: `adaptor_type`s integrator.io knows (case-sensitive).
EXPORT_ADAPTORS = (
    "HTTPExport",
    "RESTExport",
    "NetSuiteExport",
    "SalesforceExport",
    "FTPExport",
    "S3Export",
    "RDBMSExport",
    "MongodbExport",
    "DynamodbExport",
    "JDBCExport",
    "AS2Export",
    "WrapperExport",
    "WebhookExport",
    "SimpleExport",
)
#: Exports of these adaptor types, or of these `type`s, have no connection.
CONNECTIONLESS_ADAPTORS = frozenset({"WebhookExport", "SimpleExport"})
CONNECTIONLESS_TYPES = frozenset({"webhook", "simple"})
EXPORT_TYPES = ("delta", "once", "test", "webhook", "simple", "blob", "distributed", "tranlinedelta")
HTTP_METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")


class ExportHttpResponse(ApiModel):
    resource_path: str | None = None


class ExportHttp(ApiModel):
    relative_uri: str | None = None
    method: str | None = None
    body: str | None = None
    paging: dict[str, Any] | None = None
    response: ExportHttpResponse | None = None


class ExportWebhook(ApiModel):
    provider: str | None = None
    verify: str | None = None
    token: str | None = None
    path: str | None = None


class ExportHooks(ApiModel):
    pre_save_page: HookRef | None = None


class ExportDelta(ApiModel):
    date_field: str | None = None


class Export(ApiModel):
    id: str | None = None
    name: str | None = None
    description: str | None = None
    adaptor_type: str | None = None
    connection_id: str | None = None
    integration_id: str | None = None
    type: str | None = None
    is_lookup: bool | None = None
    http: ExportHttp | None = None
    webhook: ExportWebhook | None = None
    hooks: ExportHooks | None = None
    delta: ExportDelta | None = None
    settings: dict[str, Any] | None = None
    # Server-owned, read-only.
    created_at: str | None = None
    last_modified: str | None = None
