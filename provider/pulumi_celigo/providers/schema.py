"""The declarations the public SDK is generated from: one per resource, nested type and function.

A declaration names what the models and providers do not say: which model holds a resource's
fields (the provider's strict input model), which fields only integrator.io sets, which are
required, the docs users read, and the resource's token and provider class. Field names and types
come from the pydantic models; `tools/sdkgen/generate.py` turns these declarations into the public
modules (the resource and function modules, `_inputs.py`, `outputs.py`). How to add a resource
or a function: see that generator's docstring.

Nothing here runs when a program does: only the generator and the tests import this module.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..models import (
    AuditEntry,
    AuditUser,
    DependencyRef,
    FieldChange,
    Flow,
    FlowLogging,
    HookRef,
    MappedField,
    MappedList,
    PageGenerator,
    PageProcessor,
    PageProcessorHooks,
    ResponseMapping,
    Router,
    RouterBranch,
)
from ..models._base import ApiModel
from ..models.connection import Connection, HttpAuth, HttpBasicAuth, HttpConnection, HttpHeader, HttpPing, HttpTokenAuth
from ..models.export import Export, ExportDelta, ExportHooks, ExportHttp, ExportHttpResponse, ExportWebhook
from ..models.import_ import Import, ImportHooks, ImportHttp, ImportMapping, ImportMappingField, ImportMappingList
from ..models.integration import FlowGrouping, Integration
from ..models.script import Script
from .connection import SECRET_OUTPUTS, ConnectionInputs, ConnectionProvider
from .export import ExportInputs, ExportProvider
from .flow import FlowInputs, FlowProvider
from .flow_clone import FlowCloneInputs, FlowCloneProvider
from .flow_connection_replacement import ConnectionReplacementInputs, FlowConnectionReplacementProvider
from .flow_run import FlowRunInputs, FlowRunProvider
from .import_ import ImportInputs, ImportProvider
from .integration import IntegrationInputs, IntegrationProvider
from .script import ScriptInputs, ScriptProvider


@dataclass(frozen=True)
class Prop:
    """One field of a resource, nested type or function result.

    `type` overrides the type the model gives the field (a Python type such as `int` or `list[str]`);
    a field no model has needs it.
    """

    name: str
    doc: str
    #: The getter's doc on outputs (resource outputs, output types), when it differs from `doc`.
    output_doc: str | None = None
    type: Any = None
    #: A program must give it (nested types; resources: unless `opts.id` reads an existing one).
    required: bool = False
    #: Its output is never None (the provider or integrator.io always sets it).
    always_set: bool = False
    #: Set only by integrator.io or the provider: an output, not an argument.
    output_only: bool = False
    #: Output types and function results: how an absent value is stored: "none" (left out),
    #: "value" (None kept), "list" (an empty list), "dict" (an empty dict).
    empty: str = "none"


@dataclass(frozen=True)
class NestedType:
    """A nested type of resources and functions: `<name>Args`/`<name>ArgsDict` (unless `output_only`)
    in `_inputs.py` and `<name>` in `outputs.py`, with the fields of `model`."""

    name: str
    model: type[ApiModel]
    doc: str
    props: tuple[Prop, ...]
    #: The class doc in `outputs.py`, when it differs from `doc`.
    output_doc: str | None = None
    output_only: bool = False


@dataclass(frozen=True)
class Resource:
    """A resource class (`module.name`) with its Args class, served by `provider`."""

    name: str
    module: str
    provider: type
    #: The provider's strict model of what a program writes: the resource's arguments.
    inputs: type[ApiModel]
    #: The document model whose other fields are output-only (None: every output-only field has a `type`).
    document: type[ApiModel] | None
    props: tuple[Prop, ...]
    doc: str
    args_doc: str
    #: The doc of the `(name, args, opts)` overload: what creating one does.
    init_doc: str
    get_doc: str
    get_id_doc: str
    #: What the `import_` option error says to do instead.
    import_hint: str
    #: The error when `opts.id` is given with arguments.
    opts_id_error: str
    #: How many ids, joined by ':', make the resource's id.
    id_parts: int = 1
    #: `name` defaults to the resource name.
    name_defaults_to_resource_name: bool = False
    #: Pass the resource's identity (URN content) as the hidden input providers.flow.IDENTITY_INPUT.
    identity: bool = False
    #: Outputs always stored as secrets (`opts.additional_secret_outputs`): those holding credentials.
    secret_outputs: tuple[str, ...] = ()


#: Nested types, each after the types it holds.
NESTED: tuple[NestedType, ...] = (
    NestedType(
        name="FlowHookReference",
        model=HookRef,
        doc="A hook: a function of a script.",
        props=(
            Prop(name="function", doc="The name of the function to call."),
            Prop(name="script_id", doc="The id of the script that defines it."),
        ),
    ),
    NestedType(
        name="FlowPageProcessorHooks",
        model=PageProcessorHooks,
        doc="Scripts a step runs.",
        props=(Prop(name="post_response_map", doc="Runs after the response mapping, on each page of records."),),
    ),
    NestedType(
        name="FlowResponseMappingField",
        model=MappedField,
        doc="One response field copied into the record.",
        props=(
            Prop(name="extract", doc="The field to read from the response, such as `id`."),
            Prop(name="generate", doc="The record field to write it to, such as `orderId`."),
        ),
    ),
    NestedType(
        name="FlowResponseMappingList",
        model=MappedList,
        doc="Response fields copied into a list of the record.",
        props=(
            Prop(name="generate", doc="The record's list to write into, such as `lines`."),
            Prop(name="fields", doc="The fields to copy into each entry of that list."),
        ),
    ),
    NestedType(
        name="FlowResponseMapping",
        model=ResponseMapping,
        doc="Fields of a step's response to merge back into each record.",
        props=(
            Prop(name="fields", doc="Response fields to copy into each record."),
            Prop(name="lists", doc="Response fields to copy into lists of each record."),
        ),
    ),
    NestedType(
        name="FlowPageProcessor",
        model=PageProcessor,
        doc='A destination or lookup step of a flow: an import (`type="import"`) or a lookup export (`type="export"`).',
        props=(
            Prop(
                name="type",
                doc=(
                    '`"import"` (a destination, with `import_id`) or `"export"` (a lookup, with `export_id`). Required.'
                ),
                output_doc='`"import"` (a destination, with `import_id`) or `"export"` (a lookup, with `export_id`).',
                required=True,
            ),
            Prop(name="export_id", doc='The id of the lookup export this step runs (type `"export"`).'),
            Prop(name="import_id", doc='The id of the import this step runs (type `"import"`).'),
            Prop(
                name="proceed_on_failure",
                doc="Pass records on to the next step even when this step fails for them. Defaults to `false`.",
            ),
            Prop(name="response_mapping", doc="Fields of this step's response to merge back into each record."),
            Prop(name="hooks", doc="Scripts this step runs."),
        ),
    ),
    NestedType(
        name="FlowPageGenerator",
        model=PageGenerator,
        doc="A source step of a flow: an export the flow runs to fetch records.",
        props=(
            Prop(name="id", doc="Assigned by integrator.io to each page generator.", output_only=True),
            Prop(
                name="export_id",
                doc="The id of the export this step runs. Required.",
                output_doc="The id of the export this step runs.",
                required=True,
            ),
            Prop(
                name="schedule",
                doc=(
                    "This source's own schedule, a 6-field cron expression whose first field is `?`, "
                    'such as `"? 0 2 ? * '
                    "*\"` (daily at 02:00). Defaults to the flow's `schedule`."
                ),
            ),
            Prop(
                name="skip_retries",
                doc=(
                    "Don't keep retry data for records that fail in this source: they cannot be retried. Defaults to "
                    "`false`."
                ),
            ),
            Prop(
                name="keep_delta_behind_flow_id",
                doc="Keep this export's delta window (the date it resumes from) behind that of the flow with this id.",
            ),
            Prop(
                name="keep_delta_behind_export_id",
                doc=(
                    "Keep this export's delta window (the date it resumes from) behind that of the export with this id."
                ),
            ),
        ),
    ),
    NestedType(
        name="FlowRouterBranch",
        model=RouterBranch,
        doc="One branch of a router: a filter and the steps of the records that pass it.",
        props=(
            Prop(name="name", doc="The branch's name."),
            Prop(name="description", doc="A description of the branch."),
            Prop(
                name="input_filter",
                doc=(
                    "The filter records must pass to take this branch, in integrator.io's filter "
                    "format; passed as given."
                ),
            ),
            Prop(name="page_processors", doc="The branch's steps, in order."),
            Prop(name="next_router_id", doc="The id of the router records go to after this branch."),
        ),
    ),
    NestedType(
        name="FlowRouter",
        model=Router,
        doc="A branching step: sends each record down one or more branches.",
        props=(
            Prop(
                name="id",
                doc="The router's id, chosen by you: `next_router_id` of other routers and branches refers to it.",
            ),
            Prop(name="name", doc="The router's name."),
            Prop(
                name="route_records_to",
                doc='Which branches a record takes, such as `"first_matching_branch"` or `"all_matching_branches"`.',
            ),
            Prop(
                name="route_records_using",
                doc='How branches are chosen: `"input_filters"` (each branch\'s `input_filter`) or `"script"`.',
            ),
            Prop(
                name="script",
                doc='The routing script, when `route_records_using` is `"script"`; passed to integrator.io as given.',
            ),
            Prop(name="branches", doc="The router's branches, in order."),
            Prop(name="next_router_id", doc="The id of the router records go to after this one's branches."),
        ),
    ),
    NestedType(
        name="FlowLogging",
        model=FlowLogging,
        doc="A flow's debug logging, set by integrator.io.",
        output_only=True,
        props=(Prop(name="debug_until", doc="When debug logging ends (ISO-8601); absent when it is off."),),
    ),
    NestedType(
        name="GetFlowAuditLogEntryByUserResult",
        model=AuditUser,
        doc="Who made a change recorded in a flow's audit log.",
        output_only=True,
        props=(
            Prop(name="id", doc="The user's id."),
            Prop(name="email", doc="The user's email address."),
            Prop(name="name", doc="The user's name."),
        ),
    ),
    NestedType(
        name="GetFlowAuditLogEntryFieldChangeResult",
        model=FieldChange,
        doc="One field changed by an audited event.",
        output_only=True,
        props=(
            Prop(name="field_path", doc="The changed field, in the API's names (`pageGenerators[0].schedule`)."),
            Prop(
                name="old_value",
                doc="The value before the change (None when the field was absent).",
                always_set=True,
                empty="value",
            ),
            Prop(
                name="new_value",
                doc="The value after the change (None when the field was removed).",
                always_set=True,
                empty="value",
            ),
        ),
    ),
    NestedType(
        name="GetFlowAuditLogEntryResult",
        model=AuditEntry,
        doc="One event of a flow's audit log: who did what, when, from where, and the fields it changed.",
        output_only=True,
        props=(
            Prop(name="id", doc="The audit entry's id."),
            Prop(name="resource_type", doc="The kind of resource changed: `flow`."),
            Prop(name="resource_id", doc="The id of the resource changed."),
            Prop(name="source", doc="Where the change came from: `api`, `ui`, ..."),
            Prop(name="event", doc="`create`, `update` or `delete`."),
            Prop(name="time", doc="When it happened (ISO-8601)."),
            Prop(name="by_user", doc="Who made the change."),
            Prop(name="field_changes", doc="The fields changed (empty for a `create`).", always_set=True, empty="list"),
        ),
    ),
    NestedType(
        name="GetFlowDependenciesDependentResult",
        model=DependencyRef,
        doc="A resource that depends on a flow (such as a flow that runs it next).",
        output_only=True,
        props=(
            Prop(name="id", doc="The dependent resource's id."),
            Prop(name="name", doc="The dependent resource's name."),
        ),
    ),
    NestedType(
        name="ConnectionHttpHeader",
        model=HttpHeader,
        doc="A header sent with every request of the connection.",
        props=(
            Prop(
                name="name",
                doc="The header's name, such as `X-Api-Version`. Required.",
                output_doc="The header's name.",
            ),
            Prop(name="value", doc="The header's value (not a secret: integrator.io shows it)."),
        ),
    ),
    NestedType(
        name="ConnectionHttpPing",
        model=HttpPing,
        doc="The request integrator.io sends to test the connection.",
        props=(
            Prop(name="relative_uri", doc="The path to request, relative to `base_uri`, such as `/me`."),
            Prop(name="method", doc="`GET`, `POST`, `PUT` or `HEAD`."),
        ),
    ),
    NestedType(
        name="ConnectionHttpBasicAuth",
        model=HttpBasicAuth,
        doc="HTTP basic authentication.",
        props=(
            Prop(name="username", doc="The user name."),
            Prop(
                name="password",
                doc=(
                    "The password: a credential (pass a secret). Omitted, the stored one is kept, and a change that "
                    "would need a write of the connection is refused rather than erase it."
                ),
                output_doc="The program's password (a secret), or `******` when the program does not give it.",
            ),
        ),
    ),
    NestedType(
        name="ConnectionHttpTokenAuth",
        model=HttpTokenAuth,
        doc="Token authentication: a token sent in a header, the URL or the body.",
        props=(
            Prop(
                name="token",
                doc=(
                    "The token: a credential (pass a secret). Omitted, the stored one is kept, and a change that "
                    "would need a write of the connection is refused rather than erase it."
                ),
                output_doc="The program's token (a secret), or `******` when the program does not give it.",
            ),
            Prop(name="location", doc="Where the token goes: `header`, `url` or `body`."),
            Prop(name="header_name", doc="The header that carries it (location `header`), such as `Authorization`."),
            Prop(name="scheme", doc="The word before the token in the header, such as `Bearer`."),
        ),
    ),
    NestedType(
        name="ConnectionHttpAuth",
        model=HttpAuth,
        doc="How the connection authenticates.",
        props=(
            Prop(name="type", doc="`basic`, `token`, `cookie` or `custom`."),
            Prop(name="basic", doc="For type `basic`: the user name and password."),
            Prop(name="token", doc="For type `token`: the token and where it goes."),
        ),
    ),
    NestedType(
        name="ConnectionHttp",
        model=HttpConnection,
        doc="An HTTP connection: where requests go and how they authenticate.",
        props=(
            Prop(
                name="base_uri",
                doc="The URL every request starts with, such as `https://api.example.com/v2`. Required.",
                output_doc="The URL every request starts with.",
            ),
            Prop(name="media_type", doc="The body format: `json`, `xml` or `urlencoded`."),
            Prop(name="headers", doc="Headers sent with every request."),
            Prop(name="ping", doc="The request that tests the connection."),
            Prop(name="auth", doc="How the connection authenticates."),
            Prop(
                name="encrypted",
                doc=(
                    "Free-form values kept encrypted, for handlebars templates (`{{connection.http.encrypted.x}}`): "
                    "every value is a credential (pass secrets)."
                ),
                output_doc="The program's encrypted values (a secret), `******` for those it does not give.",
            ),
            Prop(name="unencrypted", doc="Free-form values kept in clear, for handlebars templates."),
        ),
    ),
    NestedType(
        name="IntegrationFlowGrouping",
        model=FlowGrouping,
        doc="A group of the integration's flows, as integrator.io's UI shows them.",
        props=(
            Prop(name="name", doc="The group's name (unique within the integration).", required=True),
            Prop(
                name="id",
                doc="The group's id, assigned by integrator.io: what a flow's `flow_grouping_id` names.",
                output_only=True,
            ),
        ),
    ),
    NestedType(
        name="ExportHttpResponse",
        model=ExportHttpResponse,
        doc="How an HTTP export reads the response.",
        props=(Prop(name="resource_path", doc="Where the records are in the response body, such as `data.items`."),),
    ),
    NestedType(
        name="ExportHttp",
        model=ExportHttp,
        doc="The request an HTTP export sends.",
        props=(
            Prop(name="relative_uri", doc="The path after the connection's base URI, such as `/orders`."),
            Prop(name="method", doc="The HTTP method: `GET`, `POST`, `PUT`, `PATCH` or `DELETE`."),
            Prop(name="body", doc="The request body (a handlebars template), for `POST` and `PUT`."),
            Prop(name="paging", doc="How to fetch the next page, in integrator.io's format; passed as given."),
            Prop(name="response", doc="How to read the response."),
        ),
    ),
    NestedType(
        name="ExportWebhook",
        model=ExportWebhook,
        doc="What a webhook export listens to and how it checks who calls it.",
        props=(
            Prop(name="provider", doc="Who sends the webhook: `custom`, `shopify`, `github`, ..."),
            Prop(name="verify", doc="How a call is verified: `token`, `hmac`, `basic`, ..."),
            Prop(name="token", doc="The token callers must present: a credential (pass a secret)."),
            Prop(name="path", doc="Where the token is found in the call (for `verify` `token`)."),
        ),
    ),
    NestedType(
        name="ExportHooks",
        model=ExportHooks,
        doc="Scripts an export runs.",
        props=(Prop(name="pre_save_page", doc="Runs on each page of records before it is passed on."),),
    ),
    NestedType(
        name="ExportDelta",
        model=ExportDelta,
        doc="How a delta export finds the records changed since its last run.",
        props=(Prop(name="date_field", doc="The record field holding the date of its last change."),),
    ),
    NestedType(
        name="ImportHttp",
        model=ImportHttp,
        doc=(
            "The requests an HTTP import sends: parallel lists, entry i of `relative_uri`, `method` and `body` being "
            "one request."
        ),
        props=(
            Prop(name="relative_uri", doc="The paths after the connection's base URI, one per request."),
            Prop(name="method", doc="The HTTP method of each request."),
            Prop(name="body", doc="The body (a handlebars template) of each request."),
            Prop(name="request_media_type", doc="The media type of the requests, such as `json`."),
        ),
    ),
    NestedType(
        name="ImportMappingField",
        model=ImportMappingField,
        doc="One field the import writes, and where its value comes from.",
        props=(
            Prop(name="extract", doc="The record field the value comes from."),
            Prop(name="generate", doc="The field written. Required."),
            Prop(name="data_type", doc="The value's type: `string`, `number`, `boolean`, ..."),
            Prop(name="lookup_name", doc="The name of a lookup (`lookups`) that translates the value."),
        ),
    ),
    NestedType(
        name="ImportMappingList",
        model=ImportMappingList,
        doc="A list the import writes, with its own fields.",
        props=(
            Prop(name="generate", doc="The list written. Required."),
            Prop(name="fields", doc="The fields of each entry of the list."),
        ),
    ),
    NestedType(
        name="ImportMapping",
        model=ImportMapping,
        doc="How each record becomes what the import writes.",
        props=(
            Prop(name="fields", doc="The fields written."),
            Prop(name="lists", doc="The lists written."),
        ),
    ),
    NestedType(
        name="ImportHooks",
        model=ImportHooks,
        doc="Scripts an import runs.",
        props=(
            Prop(name="pre_map", doc="Runs on each page of records before the mapping."),
            Prop(name="post_map", doc="Runs on each page of records after the mapping."),
            Prop(name="post_submit", doc="Runs on each page of records once they are written."),
        ),
    ),
)

# ---- integrator.io documents: Integration, Script, Export, Import ---------------------------------


def _document_resource(
    *,
    name: str,
    provider: type,
    inputs: type[ApiModel],
    document: type[ApiModel],
    where: str,
    users: str,
    doc: str,
    props: tuple[Prop, ...],
    module: str | None = None,
    secret_outputs: tuple[str, ...] = (),
) -> Resource:
    """The declaration of a document resource (providers._document): the texts and props they all share
    (`name`, `adopt_id`, `allow_delete_with_dependents`, timestamps) around the resource's own."""
    noun = name.lower()
    return Resource(
        name=name,
        module=module or noun,
        provider=provider,
        inputs=inputs,
        document=document,
        doc=(
            f"{doc}\n\n## Existing {noun}s\n\n`pulumi import` does not work for dynamic resources. "
            f"To manage an existing {noun}, pass its id\nas `adopt_id`; to only read one, use `{name}.get` or "
            f"`get_{noun}`."
        ),
        args_doc=f"The arguments of a `{name}`. `name` defaults to the resource name.",
        init_doc=f"Create (or, with `adopt_id`, take over) an integrator.io {noun}.",
        get_doc=(
            f"Read an existing {noun} without managing it: `pulumi destroy` leaves it alone. The {noun} must exist."
        ),
        get_id_doc=f"The id of the {noun} to read: 24 lowercase hexadecimal digits, as in {where}.",
        import_hint=f"To manage an existing {noun}, pass adopt_id=<its id> instead.",
        opts_id_error=(
            f"opts.id reads an existing {noun}, so it takes no {noun} arguments. To read a {noun}, use "
            f"{name}.get(name, id); to manage an existing {noun}, pass adopt_id=<its id> instead."
        ),
        name_defaults_to_resource_name=True,
        identity=True,
        secret_outputs=secret_outputs,
        props=(
            Prop(
                name="name", doc=f"The {noun}'s name in integrator.io. Defaults to the resource name.", always_set=True
            ),
            *props,
            Prop(
                name="adopt_id",
                doc=(
                    f"Take over the existing {noun} with this id at create instead of creating one: the fields the "
                    "program sets are applied, the others kept; a "
                    f"{noun} that already matches is not written at all. Later changes to it have no effect."
                ),
            ),
            Prop(
                name="allow_delete_with_dependents",
                doc=(
                    f"Delete the {noun} even while {users}. By default such a delete is refused, naming them. "
                    "Defaults to `false`."
                ),
            ),
            Prop(name="created_at", doc=f"When the {noun} was created (ISO-8601).", output_only=True, always_set=True),
            Prop(
                name="last_modified",
                doc=f"When the {noun} was last changed (ISO-8601).",
                output_only=True,
                always_set=True,
            ),
        ),
    )


#: Where a person finds each document's id, for the docs of `.get` and the get_* functions.
_WHERE = {
    "Integration": "the integration's URL in integrator.io (Integrations)",
    "Script": "the script's URL in integrator.io (Resources > Scripts)",
    "Export": "the export's URL in integrator.io (Resources > Exports)",
    "Import": "the import's URL in integrator.io (Resources > Imports)",
}

_DOCUMENTS: tuple[Resource, ...] = (
    _document_resource(
        name="Integration",
        provider=IntegrationProvider,
        inputs=IntegrationInputs,
        document=Integration,
        where=_WHERE["Integration"],
        users="flows, exports, imports, connections or scripts belong to it",
        doc=(
            "An integrator.io integration: the folder that holds flows, with its flow groups and the connections\n"
            "registered to it.\n"
            "\n"
            "## Example Usage\n"
            "\n"
            "```python\n"
            "import pulumi\n"
            "import pulumi_celigo as celigo\n"
            "\n"
            'shop = celigo.Integration("shop",\n'
            '    description="Orders from the shop to the ERP",\n'
            '    flow_groupings=[{"name": "Orders"}, {"name": "Reports"}],\n'
            "    connection_ids=[crm.id, erp.id])\n"
            'pulumi.export("orders_group", shop.flow_groupings[0]["id"])\n'
            "```"
        ),
        props=(
            Prop(name="description", doc="A description of the integration."),
            Prop(name="readme", doc="The integration's readme, shown in integrator.io (Markdown)."),
            Prop(
                name="flow_groupings",
                doc=(
                    "The integration's flow groups, in order. Their ids are outputs: flows name one as "
                    "`flow_grouping_id`. Renaming a group keeps its id. Omitted, the groups stay as they are."
                ),
                output_doc="The integration's flow groups, in order, with their ids.",
            ),
            Prop(
                name="connection_ids",
                doc=(
                    "Connections to register to the integration (one call when some are new), as integrator.io's "
                    "UI does for the connections its flows use. Removing an id unregisters nothing."
                ),
            ),
            Prop(name="settings", doc="The integration's custom settings: a free-form JSON object; passed as given."),
            Prop(name="sandbox", doc="Whether the integration is in a sandbox environment.", output_only=True),
            Prop(
                name="registered_connection_ids",
                doc="Every connection registered to the integration (by this program or others).",
                output_only=True,
            ),
        ),
    ),
    _document_resource(
        name="Script",
        provider=ScriptProvider,
        inputs=ScriptInputs,
        document=Script,
        where=_WHERE["Script"],
        users="exports or imports call it from their hooks",
        doc=(
            "An integrator.io script: JavaScript that exports' and imports' hooks call (`hooks` with `script_id`\n"
            "and `function`).\n"
            "\n"
            "## Example Usage\n"
            "\n"
            "```python\n"
            "import pulumi_celigo as celigo\n"
            "\n"
            'tidy = celigo.Script("tidy",\n'
            '    content=open("scripts/tidy.js").read())\n'
            "```"
        ),
        props=(
            Prop(name="description", doc="A description of the script."),
            Prop(name="content", doc="The script's JavaScript source. Required.", always_set=True),
        ),
    ),
    _document_resource(
        name="Export",
        provider=ExportProvider,
        inputs=ExportInputs,
        document=Export,
        where=_WHERE["Export"],
        users="flows run it",
        secret_outputs=("webhook",),
        doc=(
            "An integrator.io export: where a flow's records come from (an HTTP request through a connection,\n"
            "a webhook, ...). Webhook and simple exports have no connection; every other export needs\n"
            "`connection_id`. A webhook's `token` is a credential: the `webhook` output is a secret.\n"
            "\n"
            "## Example Usage\n"
            "\n"
            "```python\n"
            "import pulumi_celigo as celigo\n"
            "\n"
            'orders = celigo.Export("orders",\n'
            '    adaptor_type="HTTPExport",\n'
            "    connection_id=shop.id,\n"
            '    http={"relative_uri": "/orders", "method": "GET", "response": {"resource_path": "orders"}})\n'
            "```"
        ),
        props=(
            Prop(name="description", doc="A description of the export."),
            Prop(
                name="adaptor_type",
                doc=(
                    "The kind of export, case-sensitive: `HTTPExport`, `WebhookExport`, `SimpleExport`, "
                    "`FTPExport`, ..."
                ),
            ),
            Prop(
                name="connection_id",
                doc="The connection the export reads through (none for webhook and simple exports).",
            ),
            Prop(name="integration_id", doc="The integration the export belongs to, if any."),
            Prop(
                name="type",
                doc="How the export picks records: `delta`, `once`, `test`, `webhook`, ... (all by default).",
            ),
            Prop(name="is_lookup", doc="Whether flows use the export as a lookup step. Defaults to `false`."),
            Prop(name="http", doc="The request an HTTP export sends."),
            Prop(name="webhook", doc="What a webhook export listens to."),
            Prop(name="hooks", doc="Scripts the export runs."),
            Prop(name="delta", doc="How a delta export (`type` `delta`) finds changed records."),
            Prop(name="settings", doc="The export's custom settings: a free-form JSON object; passed as given."),
        ),
    ),
    _document_resource(
        name="Import",
        provider=ImportProvider,
        inputs=ImportInputs,
        document=Import,
        where=_WHERE["Import"],
        users="flows run it",
        module="import_",
        doc=(
            "An integrator.io import: where a flow's records go (HTTP requests through a connection, ...), and\n"
            "how each record is mapped.\n"
            "\n"
            "## Example Usage\n"
            "\n"
            "```python\n"
            "import pulumi_celigo as celigo\n"
            "\n"
            'erp_orders = celigo.Import("erp-orders",\n'
            '    adaptor_type="HTTPImport",\n'
            "    connection_id=erp.id,\n"
            '    http={"relative_uri": ["/orders"], "method": ["POST"], "request_media_type": "json"},\n'
            '    mapping={"fields": [{"extract": "id", "generate": "externalId"}]})\n'
            "```"
        ),
        props=(
            Prop(name="description", doc="A description of the import."),
            Prop(
                name="adaptor_type",
                doc="The kind of import, case-sensitive: `HTTPImport`, `FTPImport`, `NetSuiteDistributedImport`, ...",
            ),
            Prop(name="connection_id", doc="The connection the import writes through. Required."),
            Prop(name="integration_id", doc="The integration the import belongs to, if any."),
            Prop(name="http", doc="The requests an HTTP import sends."),
            Prop(name="mapping", doc="How each record becomes what the import writes."),
            Prop(name="lookups", doc="Lookups the mapping uses (`lookup_name`), in integrator.io's format."),
            Prop(name="hooks", doc="Scripts the import runs."),
            Prop(name="ignore_existing", doc="Create only: skip records that already exist. Defaults to `false`."),
            Prop(name="ignore_missing", doc="Update only: skip records that do not exist. Defaults to `false`."),
            Prop(name="settings", doc="The import's custom settings: a free-form JSON object; passed as given."),
        ),
    ),
)

RESOURCES: tuple[Resource, ...] = (
    Resource(
        name="Flow",
        module="flow",
        provider=FlowProvider,
        inputs=FlowInputs,
        document=Flow,
        doc=(
            "An integrator.io flow: where its records come from (`page_generators`), the steps they go\n"
            "through (`page_processors`, or `routers` with branches of steps) and when it runs.\n"
            "\n"
            "The program is authoritative for the flow's arguments; what it cannot express (fields written\n"
            "in integrator.io's UI or by other clients) is kept on every update. Credentials come from the\n"
            "stack (`pulumi config set --secret celigo:apiToken ...`) or from `CELIGO_API_TOKEN`.\n"
            "\n"
            "## Example Usage\n"
            "\n"
            "```python\n"
            "import pulumi\n"
            "import pulumi_celigo as celigo\n"
            "\n"
            'orders = celigo.Flow("orders",\n'
            '    integration_id="64f1c2d3e4f5a6b7c8d9e0f1",\n'
            '    schedule="? 0 2 ? * *",\n'
            '    timezone="Europe/Berlin",\n'
            '    page_generators=[{"export_id": "64f1c2d3e4f5a6b7c8d9e0a1"}],\n'
            "    page_processors=[{\n"
            '        "type": "import",\n'
            '        "import_id": "64f1c2d3e4f5a6b7c8d9e0b2",\n'
            '        "response_mapping": {"fields": [{"extract": "id", "generate": "orderId"}]},\n'
            "    }])\n"
            'pulumi.export("flow_id", orders.id)\n'
            "```\n"
            "\n"
            "## Existing flows\n"
            "\n"
            "`pulumi import` does not work for dynamic resources. To manage an existing flow, pass its id\n"
            "as `adopt_id`; to only read one, use `Flow.get`."
        ),
        args_doc="The arguments of a `Flow`. All are optional: `name` defaults to the resource name.",
        init_doc="Create (or, with `adopt_id`, take over) an integrator.io flow.",
        get_doc="Read an existing flow without managing it: `pulumi destroy` leaves it alone. The flow must exist.",
        get_id_doc=(
            "The id of the flow to read: 24 lowercase hexadecimal digits, as in the flow's URL in integrator.io's"
            " Flow builder."
        ),
        import_hint="To manage an existing flow, pass adopt_id=<its id> instead.",
        opts_id_error=(
            "opts.id reads an existing flow, so it takes no flow arguments. To read a flow, use Flow.get(name, "
            "id); to manage an existing flow, pass adopt_id=<its id> instead."
        ),
        id_parts=1,
        name_defaults_to_resource_name=True,
        identity=True,
        props=(
            Prop(name="name", doc="The flow's name in integrator.io. Defaults to the resource name.", always_set=True),
            Prop(name="description", doc="A description of the flow."),
            Prop(
                name="disabled",
                doc=(
                    "Whether the flow is disabled: a disabled flow neither runs on its schedule nor can be started. "
                    "Defaults to `false`: an enabled flow with a `schedule` runs on it."
                ),
                always_set=True,
            ),
            Prop(
                name="schedule",
                doc=(
                    'When the flow runs: a 6-field cron expression whose first field is `?`, such as `"? 0 2 ? * *"` '
                    '(daily at 02:00) or `"? */5 * * * *"`. Omit it for a flow that runs only when started.'
                ),
            ),
            Prop(name="timezone", doc="The IANA time zone the `schedule` is read in, such as `America/Los_Angeles`."),
            Prop(
                name="integration_id",
                doc=(
                    "The id of the integration the flow belongs to; omit it for a standalone flow. "
                    "Changing it once set "
                    "replaces the flow: integrator.io cannot move a flow out of an integration."
                ),
            ),
            Prop(
                name="flow_grouping_id",
                doc="The id of one of the integration's flow groups to show the flow in. Needs `integration_id`.",
            ),
            Prop(name="page_generators", doc="The flow's sources: the exports it runs, in order."),
            Prop(
                name="page_processors",
                doc=(
                    "The flow's destination and lookup steps, in order. A flow has either "
                    "`page_processors` or `routers`."
                ),
            ),
            Prop(
                name="routers",
                doc=(
                    "The flow's routers, which send records down branches of steps. A flow has "
                    "either `page_processors` "
                    "or `routers`."
                ),
            ),
            Prop(
                name="run_page_generators_in_parallel",
                doc="Run the page generators at the same time instead of one after another. Defaults to `false`.",
            ),
            Prop(name="run_next_flow_ids", doc="The ids of the flows to run when this one finishes."),
            Prop(
                name="skip_retries",
                doc=(
                    "Don't keep retry data for records that fail in this flow: they cannot be retried. Defaults to "
                    "`false`."
                ),
            ),
            Prop(
                name="auto_resolve_matching_trace_keys",
                doc=(
                    "Resolve an open error automatically when a later run processes a record with the same trace key. "
                    "Defaults to `true`."
                ),
            ),
            Prop(
                name="settings",
                doc="The flow's custom settings: a free-form JSON object, available to its scripts; passed as given.",
            ),
            Prop(name="aliases", doc="The flow's aliases, in integrator.io's format; passed as given."),
            Prop(
                name="adopt_id",
                doc=(
                    "Take over the existing flow with this id at create instead of creating one: the flow's managed "
                    "fields are set to the program's values. This is how to bring an existing flow under management, "
                    "since `pulumi import` does not work for dynamic resources. Later changes to it have no effect."
                ),
            ),
            Prop(
                name="allow_delete_with_dependents",
                doc=(
                    "Delete the flow even when other resources depend on it (such as flows that run "
                    "it next). By default "
                    "such a delete is refused, naming the dependents. Defaults to `false`."
                ),
            ),
            Prop(
                name="logging", doc="The flow's debug logging, set by integrator.io.", output_only=True, always_set=True
            ),
            Prop(name="free", doc="Whether integrator.io counts the flow as a free flow.", output_only=True),
            Prop(
                name="template_id", doc="The id of the template the flow was installed from, if any.", output_only=True
            ),
            Prop(name="source_id", doc="The id of the flow this one was cloned from, if any.", output_only=True),
            Prop(
                name="connector_id", doc="The id of the integration app the flow belongs to, if any.", output_only=True
            ),
            Prop(
                name="export_id",
                doc="Legacy single-step flows only: the export the flow runs. Set by integrator.io.",
                output_only=True,
            ),
            Prop(
                name="import_id",
                doc="Legacy single-step flows only: the import the flow runs. Set by integrator.io.",
                output_only=True,
            ),
            Prop(name="created_at", doc="When the flow was created (ISO-8601).", output_only=True, always_set=True),
            Prop(
                name="last_modified",
                doc="When the flow was last changed (ISO-8601).",
                output_only=True,
                always_set=True,
            ),
            Prop(name="last_executed_at", doc="When the flow last ran (ISO-8601), if it ever did.", output_only=True),
            Prop(
                name="resolved_at",
                doc="When the flow's errors were last resolved (ISO-8601), if ever.",
                output_only=True,
            ),
        ),
    ),
    Resource(
        name="FlowClone",
        module="flow_clone",
        provider=FlowCloneProvider,
        inputs=FlowCloneInputs,
        document=None,
        doc=(
            "A flow promoted into another integration (environment) by cloning: integrator.io copies the\n"
            "flow and its exports and imports, pointing the copies at the target environment's connections\n"
            "through `connection_map`. The create also applies `schedule`, `timezone` and `disabled` (a clone\n"
            "starts disabled and without schedule), so the promoted flow is complete in one step.\n"
            "\n"
            "Before anything is written, the create checks that `connection_map` maps every connection the\n"
            "source flow uses and that every target connection exists; otherwise it fails listing them all.\n"
            "Deleting the resource deletes the cloned flow and the exports and imports the clone created.\n"
            "\n"
            "## Example Usage\n"
            "\n"
            "```python\n"
            "import pulumi\n"
            "import pulumi_celigo as celigo\n"
            "\n"
            "config = pulumi.Config()\n"
            'prod = celigo.FlowClone("orders-prod",\n'
            '    source_flow_id=config.require("devFlowId"),\n'
            '    integration_id=config.require("prodIntegrationId"),\n'
            "    connection_map={\n"
            '        config.require("devGithubConnectionId"): config.require("prodGithubConnectionId"),\n'
            '        config.require("devSlackConnectionId"): config.require("prodSlackConnectionId"),\n'
            "    },\n"
            '    name="Orders sync",\n'
            '    schedule="? 0 2 ? * *",\n'
            '    timezone="America/Los_Angeles")\n'
            'pulumi.export("prodFlowId", prod.id)\n'
            "```"
        ),
        args_doc="The arguments of a `FlowClone`.",
        init_doc="Clone a flow into another integration.",
        get_doc="Read an existing cloned flow without managing it: `pulumi destroy` leaves it alone.",
        get_id_doc="The id of the cloned flow (24 lowercase hexadecimal digits).",
        import_hint="",
        opts_id_error="opts.id reads an existing clone, so it takes no arguments. Use FlowClone.get(name, id).",
        id_parts=1,
        name_defaults_to_resource_name=True,
        identity=False,
        props=(
            Prop(
                name="source_flow_id",
                doc=(
                    "The id of the flow to clone, for example the flow of the development stack. "
                    "Changing it makes a new "
                    "clone."
                ),
                output_doc="The id of the flow this one was cloned from.",
                required=True,
                always_set=True,
            ),
            Prop(
                name="integration_id",
                doc="The id of the integration (environment) to clone the flow into. Changing it makes a new clone.",
                output_doc="The id of the integration the clone belongs to.",
                required=True,
                always_set=True,
            ),
            Prop(
                name="connection_map",
                doc=(
                    "For each connection the source flow's exports and imports use, the connection "
                    "the copies should use:"
                    " `{source id: target id}`. Map an id to itself to keep a connection. Every "
                    "connection of the source "
                    "must be mapped; a missing one fails the create, naming it, before anything is "
                    "written. Changing it "
                    "makes a new clone."
                ),
                output_doc=(
                    "The connection map the clone was made with: `{source connection id: target connection id}`."
                ),
                always_set=True,
            ),
            Prop(
                name="name",
                doc=(
                    "The cloned flow's name. Defaults to the resource name (not integrator.io's "
                    '"Clone - <source name>");'
                    " pass the source flow's name to keep it."
                ),
                output_doc="The cloned flow's name.",
                always_set=True,
            ),
            Prop(
                name="flow_grouping_id",
                doc="The id of one of the target integration's flow groups to show the flow in.",
                output_doc="The id of the flow group the cloned flow shows in, if any.",
            ),
            Prop(
                name="schedule",
                doc=(
                    "When the cloned flow runs: a 6-field cron expression whose first field is `?`, "
                    'such as `"? 0 2 ? * '
                    "*\"`. A clone never inherits the source's schedule: omit it for a flow that runs "
                    "only when started."
                ),
                output_doc="When the cloned flow runs (6-field cron), if it runs on a schedule.",
            ),
            Prop(
                name="timezone",
                doc=(
                    "The IANA time zone the `schedule` is read in, such as `America/Los_Angeles`. Omitted, the clone "
                    "keeps the source flow's time zone."
                ),
                output_doc="The IANA time zone of the cloned flow's schedule.",
            ),
            Prop(
                name="disabled",
                doc=(
                    "Whether the cloned flow is disabled. Defaults to `false`, as for `Flow`: the clone (which "
                    "integrator.io creates disabled) is enabled in the same create, and runs on its `schedule`. Set "
                    "`true` to promote a flow without enabling it."
                ),
                output_doc="Whether the cloned flow is disabled.",
                always_set=True,
            ),
            Prop(
                name="flow_id",
                doc="The id of the cloned flow (also the resource's id).",
                output_only=True,
                always_set=True,
                type=str,
            ),
            Prop(
                name="export_ids",
                doc=(
                    "The ids of the exports the clone created (copies of the source flow's); deleted with the resource."
                ),
                output_only=True,
                always_set=True,
                type=list[str],
            ),
            Prop(
                name="import_ids",
                doc=(
                    "The ids of the imports the clone created (copies of the source flow's); deleted with the resource."
                ),
                output_only=True,
                always_set=True,
                type=list[str],
            ),
            Prop(
                name="created_at",
                doc="When the clone was created (ISO-8601).",
                output_only=True,
                always_set=True,
                type=str,
            ),
            Prop(
                name="last_modified",
                doc="When the cloned flow was last changed (ISO-8601).",
                output_only=True,
                always_set=True,
                type=str,
            ),
        ),
    ),
    Resource(
        name="FlowConnectionReplacement",
        module="flow_connection_replacement",
        provider=FlowConnectionReplacementProvider,
        inputs=ConnectionReplacementInputs,
        document=None,
        doc=(
            "Moves every export and import of a flow that uses `connection_id` to `new_connection_id`\n"
            "(integrator.io's `replaceConnection`), and keeps it so: if someone moves a step back, the\n"
            "resource reads as changed and the next `pulumi up` replaces the connection again. Deleting the\n"
            "resource moves the steps back, unless `restore_on_delete=False`.\n"
            "\n"
            "The create checks, before any write, that both connections exist and that the flow uses\n"
            "`connection_id`.\n"
            "\n"
            "## Example Usage\n"
            "\n"
            "```python\n"
            "import pulumi_celigo as celigo\n"
            "\n"
            'swap = celigo.FlowConnectionReplacement("slack-to-prod",\n'
            "    flow_id=flow.id,\n"
            '    connection_id="65a1c0de0003000000000002",\n'
            '    new_connection_id="65a1c0de0003000000000005")\n'
            "```"
        ),
        args_doc="The arguments of a `FlowConnectionReplacement`.",
        init_doc="Replace a connection in a flow's steps.",
        get_doc="Read a replacement without managing it (the id is `<flow id>:<connection id>:<new connection id>`).",
        get_id_doc="The id of the replacement: three ids of 24 lowercase hexadecimal digits joined by ':'.",
        import_hint="",
        opts_id_error=(
            "opts.id reads existing state, so it takes no arguments. Use FlowConnectionReplacement.get(name, id)."
        ),
        id_parts=3,
        name_defaults_to_resource_name=False,
        identity=False,
        props=(
            Prop(
                name="flow_id",
                doc="The id of the flow whose steps change connection. Changing it replaces the resource.",
                output_doc="The id of the flow whose steps changed connection.",
                required=True,
                always_set=True,
            ),
            Prop(
                name="connection_id",
                doc=(
                    "The id of the connection the flow's steps use now; the flow must use it. Changing it replaces the "
                    "resource."
                ),
                output_doc="The id of the connection the steps used.",
                required=True,
                always_set=True,
            ),
            Prop(
                name="new_connection_id",
                doc="The id of the connection those steps should use instead. Changing it replaces the resource.",
                output_doc="The id of the connection the steps use instead.",
                required=True,
                always_set=True,
            ),
            Prop(
                name="restore_on_delete",
                doc=(
                    "Whether deleting the resource moves the steps back to `connection_id`. Defaults to `true`; with "
                    "`false` they keep the new connection."
                ),
                output_doc="Whether deleting the resource moves the steps back to `connection_id`.",
                always_set=True,
            ),
            Prop(
                name="in_effect",
                doc="Whether no step of the flow uses `connection_id` any more (false after a swap back out of band).",
                output_only=True,
                always_set=True,
                type=bool,
            ),
            Prop(
                name="steps_on_new_connection",
                doc="The ids of the flow's exports and imports that use `new_connection_id`, as last read.",
                output_only=True,
                always_set=True,
                type=list[str],
            ),
            Prop(
                name="steps_on_old_connection",
                doc="The ids of the flow's exports and imports that still use `connection_id`, as last read.",
                output_only=True,
                always_set=True,
                type=list[str],
            ),
            Prop(
                name="replaced_export_ids",
                doc="The ids of the exports the replacement moved (those a delete moves back).",
                output_only=True,
                always_set=True,
                type=list[str],
            ),
            Prop(
                name="replaced_import_ids",
                doc="The ids of the imports the replacement moved (those a delete moves back).",
                output_only=True,
                always_set=True,
                type=list[str],
            ),
        ),
    ),
    Resource(
        name="FlowRun",
        module="flow_run",
        provider=FlowRunProvider,
        inputs=FlowRunInputs,
        document=None,
        doc=(
            "A run of an integrator.io flow, started when the resource is created: during `pulumi up`, after\n"
            "the resources it depends on.\n"
            "\n"
            "Like pulumi-command's `Command`, changing any of `flow_id`, `triggers`, `export_ids`,\n"
            "`start_date` or `end_date` replaces the resource, which runs the flow again; nothing else does.\n"
            "With `wait` (the default) the deployment waits for the job and fails with the job's errors when\n"
            "it fails. Destroying a FlowRun changes nothing in integrator.io: a run cannot be undone.\n"
            "\n"
            "## Example Usage\n"
            "\n"
            "```python\n"
            "import pulumi_celigo as celigo\n"
            "\n"
            'backfill = celigo.FlowRun("orders-backfill",\n'
            "    flow_id=orders.id,\n"
            '    start_date="2024-01-01T00:00:00.000Z",\n'
            '    triggers=[orders.id, "v1"])             # run once per flow; bump "v1" to run again\n'
            'pulumi.export("backfillRecords", backfill.num_success)\n'
            "```"
        ),
        args_doc="The arguments of a `FlowRun`.",
        init_doc="Run an integrator.io flow during the deployment.",
        get_doc="Read an existing job (a run of a flow) by its id, without running anything.",
        get_id_doc="The id of the job (24 lowercase hexadecimal digits).",
        import_hint="To read an existing job, use FlowRun.get(name, job_id).",
        opts_id_error="opts.id reads an existing job, so it takes no run arguments. Use FlowRun.get(name, job_id).",
        id_parts=1,
        name_defaults_to_resource_name=False,
        identity=False,
        props=(
            Prop(
                name="flow_id",
                doc="The id of the flow to run. The flow must be enabled.",
                output_doc="The id of the flow that ran.",
                required=True,
                always_set=True,
            ),
            Prop(
                name="triggers",
                doc=(
                    "Any values: when one of them changes, the flow runs again (the FlowRun is replaced). For example "
                    '`[flow.id, "v1"]` runs a flow once after it is created (or replaced) and again whenever "v1" is '
                    "bumped. Avoid `flow.last_modified`: after an update by PATCH it changes only at the next refresh."
                ),
                output_doc="The values whose change runs the flow again.",
            ),
            Prop(
                name="export_ids",
                doc=(
                    "Run only these page generators (ids of exports the flow's page generators run). By default every "
                    "page generator runs."
                ),
                output_doc="The page generators (export ids) that ran; absent when all of them did.",
            ),
            Prop(
                name="start_date",
                doc=(
                    "Start of the delta window (ISO-8601, such as `2024-01-31T00:00:00.000Z`): delta "
                    "exports fetch what "
                    "changed from then on."
                ),
                output_doc="Start of the delta window, if one was given.",
            ),
            Prop(
                name="end_date",
                doc="End of the delta window (ISO-8601); not before `start_date`.",
                output_doc="End of the delta window, if one was given.",
            ),
            Prop(
                name="wait",
                doc=(
                    "Wait for the run to finish, failing the deployment if it fails. Defaults to "
                    "`true`. With `false` the"
                    " deployment goes on once the run is started."
                ),
                output_doc="Whether the deployment waited for the run to finish.",
            ),
            Prop(
                name="timeout",
                doc="How many seconds to wait for the run to finish (with `wait`). Defaults to 600.",
                output_doc="How many seconds the deployment waits for the run to finish.",
            ),
            Prop(
                name="job_id",
                doc="The id of the integrator.io job of this run (also the resource's id).",
                output_only=True,
                always_set=True,
                type=str,
            ),
            Prop(
                name="status",
                doc=(
                    "The job's status: `completed` once a waited-for run succeeded; `queued` when "
                    "not waiting (a refresh "
                    "reads the current one: `queued`, `running`, `completed`, `failed` or `canceled`)."
                ),
                output_only=True,
                always_set=True,
                type=str,
            ),
            Prop(
                name="num_success", doc="How many records the run processed successfully.", output_only=True, type=int
            ),
            Prop(name="num_error", doc="How many records failed.", output_only=True, type=int),
            Prop(name="num_ignore", doc="How many records were ignored.", output_only=True, type=int),
            Prop(name="started_at", doc="When the job started (ISO-8601).", output_only=True, type=str),
            Prop(name="ended_at", doc="When the job ended (ISO-8601).", output_only=True, type=str),
        ),
    ),
    Resource(
        name="Connection",
        module="connection",
        provider=ConnectionProvider,
        inputs=ConnectionInputs,
        document=Connection,
        doc=(
            "An integrator.io HTTP connection: where an export's or import's requests go and how they\n"
            "authenticate.\n"
            "\n"
            "Credentials (`http.auth.basic.password`, `http.auth.token.token`, everything under\n"
            "`http.encrypted`) are secret inputs: integrator.io never shows them again (`******`), so a change\n"
            "is found by a digest kept in state, and rotating one is a single in-place update. Credentials the\n"
            "program does not give are never touched: a change that would need to write the connection\n"
            "without them is refused, since integrator.io's write replaces the whole connection.\n"
            "\n"
            "## Example Usage\n"
            "\n"
            "```python\n"
            "import pulumi\n"
            "import pulumi_celigo as celigo\n"
            "\n"
            "config = pulumi.Config()\n"
            'crm = celigo.Connection("crm",\n'
            '    type="http",\n'
            "    http={\n"
            '        "base_uri": "https://crm.example.com/api",\n'
            '        "media_type": "json",\n'
            '        "auth": {"type": "token", "token": {\n'
            '            "token": config.require_secret("crmToken"),\n'
            '            "location": "header", "header_name": "Authorization", "scheme": "Bearer"}},\n'
            "    })\n"
            'pulumi.export("crm_connection_id", crm.id)\n'
            "```"
        ),
        args_doc="The arguments of a `Connection`. `type` is required; `name` defaults to the resource name.",
        init_doc="Create (or, with `adopt_id`, take over) an integrator.io connection.",
        get_doc=(
            "Read an existing connection without managing it: `pulumi destroy` leaves it alone. The connection must "
            "exist; its credentials show as `******`."
        ),
        get_id_doc=(
            "The id of the connection to read: 24 lowercase hexadecimal digits, as in the connection's URL in "
            "integrator.io (Resources > Connections)."
        ),
        import_hint="To manage an existing connection, pass adopt_id=<its id> instead.",
        opts_id_error=(
            "opts.id reads an existing connection, so it takes no connection arguments. To read a connection, use "
            "Connection.get(name, id); to manage an existing connection, pass adopt_id=<its id> instead."
        ),
        name_defaults_to_resource_name=True,
        identity=True,
        secret_outputs=SECRET_OUTPUTS,
        props=(
            Prop(
                name="name",
                doc="The connection's name in integrator.io. Defaults to the resource name.",
                always_set=True,
            ),
            Prop(
                name="type",
                doc='The connection type: `"http"` (the one type this resource manages). Required.',
                output_doc="The connection type.",
                always_set=True,
            ),
            Prop(name="offline", doc="Save the connection without testing it. Defaults to `false`."),
            Prop(
                name="http",
                doc="Where requests go and how they authenticate. Required for type `http`.",
                output_doc="Where requests go and how they authenticate (a secret output: it holds credentials).",
            ),
            Prop(
                name="adopt_id",
                doc=(
                    "Take over the existing connection with this id at create instead of creating one: the fields the "
                    "program sets are applied, the others kept. With no credential given and nothing to change, "
                    "nothing is written."
                ),
            ),
            Prop(
                name="allow_delete_with_dependents",
                doc=(
                    "Delete the connection even while exports, imports or flows use it. By default such a delete is "
                    "refused, naming them. Defaults to `false`."
                ),
            ),
            Prop(name="settings", doc="The connection's custom settings, if any.", output_only=True),
            Prop(name="created_at", doc="When the connection was created (ISO-8601).", output_only=True),
            Prop(name="last_modified", doc="When the connection was last changed (ISO-8601).", output_only=True),
        ),
    ),
    *_DOCUMENTS,
)


# ---- functions -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Arg:
    """One argument of a function: `type` is its annotation inside `pulumi.Input[...]` in the `_output` form."""

    name: str
    type: str
    doc: str
    #: The `:param` text in the `_output` form, when it differs.
    output_doc: str | None = None
    #: The annotation in the plain form, when it is not `type` (always `| None`, default None).
    plain_type: str | None = None
    #: A call without it (None or blank) is a TypeError naming it.
    required: bool = False


@dataclass(frozen=True)
class Function:
    """A function (`name` and `name_output`, in the module `name`) and its result (`result`, and
    `Awaitable<result>`, whose getters are `props`).

    Its logic is the hand-written `pulumi_celigo._functions.<name>`: it takes the arguments (required
    ones already checked) and returns the result's values as a snake_case dict, which the generated
    function types with `_functions.typed` (nested output types and other results included).
    """

    name: str
    #: What the function does, after "The `<name>` function: " in the module's docstring.
    summary: str
    #: The plain form's doc, before its `:param` lines (kept line by line: wrap it by hand).
    doc: str
    #: The `_output` form's doc, before its `:param` lines.
    output_doc: str
    args: tuple[Arg, ...]
    result: str
    result_doc: str
    #: The result's getters. A `type` that is a string is written as is: another function's result
    #: (`"Sequence[GetFlowResult]"`), imported from that function's module.
    props: tuple[Prop, ...]
    #: The model the props' types come from (those without a `type`).
    model: type[ApiModel] | None = None


_FLOW_ID_DOC = (
    "The id of the flow: 24 lowercase hexadecimal digits, as in the flow's URL in integrator.io's Flow builder."
)
#: The `id` argument of the functions that read one flow.
_FLOW_ID = Arg(
    name="id",
    type="str",
    doc=f"{_FLOW_ID_DOC} Anything else is refused before any request.",
    output_doc=_FLOW_ID_DOC,
    required=True,
)

#: `get_flow`'s result: every field of the flow document, in the model's order.
_FLOW_RESULT_PROPS: tuple[Prop, ...] = (
    Prop(name="id", doc="The flow's id.", always_set=True, empty="value"),
    Prop(name="name", doc="The flow's name.", always_set=True, empty="value"),
    Prop(name="description", doc="The flow's description.", empty="value"),
    Prop(name="disabled", doc="Whether the flow is disabled.", always_set=True, empty="value"),
    Prop(name="schedule", doc="When the flow runs (integrator.io's 6-field cron), if on a schedule.", empty="value"),
    Prop(name="timezone", doc="The IANA time zone of the schedule.", empty="value"),
    Prop(name="integration_id", doc="The integration the flow belongs to; None for a standalone flow.", empty="value"),
    Prop(name="flow_grouping_id", doc="The flow group of the integration the flow is shown in.", empty="value"),
    Prop(name="page_generators", doc="The flow's sources: the exports it runs.", empty="value"),
    Prop(name="page_processors", doc="The flow's destination and lookup steps.", empty="value"),
    Prop(name="routers", doc="The flow's routers and their branches.", empty="value"),
    Prop(
        name="run_page_generators_in_parallel", doc="Whether the page generators run at the same time.", empty="value"
    ),
    Prop(name="run_next_flow_ids", doc="The flows run when this one finishes.", empty="value"),
    Prop(name="skip_retries", doc="Whether retry data is not kept for failed records.", empty="value"),
    Prop(
        name="auto_resolve_matching_trace_keys",
        doc="Whether errors resolve when a later run processes the same trace key.",
        empty="value",
    ),
    Prop(name="settings", doc="The flow's custom settings (pulumi_celigo's own marker left out).", empty="value"),
    Prop(name="aliases", doc="The flow's aliases, in integrator.io's format.", empty="value"),
    Prop(name="logging", doc="The flow's debug logging.", empty="value"),
    Prop(name="free", doc="Whether the flow is a free flow.", empty="value"),
    Prop(name="template_id", doc="The template the flow was installed from, if any.", empty="value"),
    Prop(name="source_id", doc="The flow this one was cloned from, if any.", empty="value"),
    Prop(name="connector_id", doc="The integration app the flow belongs to, if any.", empty="value"),
    Prop(name="export_id", doc="Legacy single-step flows only: the export the flow runs.", empty="value"),
    Prop(name="import_id", doc="Legacy single-step flows only: the import the flow runs.", empty="value"),
    Prop(name="created_at", doc="When the flow was created (ISO-8601).", always_set=True, empty="value"),
    Prop(name="last_modified", doc="When the flow was last changed (ISO-8601).", always_set=True, empty="value"),
    Prop(name="last_executed_at", doc="When the flow last ran (ISO-8601), if it ever did.", empty="value"),
    Prop(name="resolved_at", doc="When the flow's errors were last resolved (ISO-8601), if ever.", empty="value"),
)


def _get_document(resource: Resource, where: str) -> Function:
    """`get_<noun>`: one GET of a document by id; its result has the resource's document fields."""
    noun = resource.name.lower()
    options = {"adopt_id", "allow_delete_with_dependents"}
    fields = [p for p in resource.props if p.name not in options and p.name in resource.document.model_fields]  # type: ignore[union-attr]
    id_doc = f"The id of the {noun}: 24 lowercase hexadecimal digits, as in {where}."
    return Function(
        name=f"get_{noun}",
        summary=f"read one integrator.io {noun} by its id.",
        doc=(
            f"Read an integrator.io {noun} by its id (one GET), for example one managed elsewhere.\n"
            "\n"
            "## Example Usage\n"
            "\n"
            "```python\n"
            "import pulumi_celigo as celigo\n"
            "\n"
            f'found = celigo.get_{noun}(id="64f1c2d3e4f5a6b7c8d9e0f1")\n'
            f'pulumi.export("{noun}Name", found.name)\n'
            "```"
        ),
        output_doc=(
            f"Read an integrator.io {noun} by its id, once the id is known (it may be another resource's output)."
        ),
        args=(
            Arg(
                name="id",
                type="str",
                doc=f"{id_doc} Anything else is refused before any request.",
                output_doc=id_doc,
                required=True,
            ),
        ),
        result=f"Get{resource.name}Result",
        result_doc=f"A collection of values returned by get_{noun}: the {noun}'s fields.",
        props=(
            Prop(name="id", doc=f"The {noun}'s id.", always_set=True, empty="value"),
            *(
                Prop(name=p.name, doc=p.output_doc or p.doc, always_set=p.always_set, empty="value", type=p.type)
                for p in fields
            ),
        ),
        model=resource.document,
    )


FUNCTIONS: tuple[Function, ...] = (
    Function(
        name="get_flow",
        summary="read one integrator.io flow by its id.",
        doc=(
            "Read an integrator.io flow by its id (one GET), for example one managed elsewhere.\n"
            "\n"
            "## Example Usage\n"
            "\n"
            "```python\n"
            "import pulumi_celigo as celigo\n"
            "\n"
            'orders = celigo.get_flow(id="64f1c2d3e4f5a6b7c8d9e0f1")\n'
            'pulumi.export("ordersSchedule", orders.schedule)\n'
            "```"
        ),
        output_doc="Read an integrator.io flow by its id, once the id is known (it may be another resource's output).",
        args=(_FLOW_ID,),
        result="GetFlowResult",
        result_doc=(
            "A collection of values returned by get_flow: the flow's fields, in the program's snake_case names."
        ),
        props=_FLOW_RESULT_PROPS,
        model=Flow,
    ),
    Function(
        name="get_flows",
        summary="list the account's flows, optionally of one integration or by name.",
        doc=(
            "List integrator.io flows: every page of `GET /flows`, optionally of one integration, optionally only\n"
            "those whose name is exactly `name` (compared in this process: the API has no name filter).\n"
            "\n"
            "## Example Usage\n"
            "\n"
            "```python\n"
            "import pulumi_celigo as celigo\n"
            "\n"
            'found = celigo.get_flows(integration_id=integration_id, name="Orders sync")\n'
            'pulumi.export("ordersSyncIds", found.ids)\n'
            "```"
        ),
        output_doc="List integrator.io flows once the arguments are known (they may be other resources' outputs).",
        args=(
            Arg(
                name="integration_id",
                type="str",
                doc=(
                    "Only the flows of this integration: its id, 24 lowercase hexadecimal digits (in the "
                    "integration's URL in integrator.io). An id that names no integration lists no flows."
                ),
                output_doc="Only the flows of this integration (its id: 24 lowercase hexadecimal digits).",
            ),
            Arg(
                name="name",
                type="str",
                doc="Only the flows with exactly this name (case and spaces count).",
                output_doc="Only the flows with exactly this name.",
            ),
        ),
        result="GetFlowsResult",
        result_doc="A collection of values returned by get_flows.",
        props=(
            Prop(
                name="integration_id",
                doc="The integration the flows were listed from, as given (None: every flow of the account).",
                type=str,
                empty="value",
            ),
            Prop(
                name="name",
                doc="The name the flows were filtered by, as given (None: no filter).",
                type=str,
                empty="value",
            ),
            Prop(
                name="ids",
                doc="The ids of the flows found, in the API's order.",
                type=list[str],
                always_set=True,
                empty="list",
            ),
            Prop(
                name="names",
                doc="The names of the flows found, in the same order as `ids`.",
                type=list[str],
                always_set=True,
                empty="list",
            ),
            Prop(
                name="flows",
                doc="The flows found, each with every field `get_flow` returns.",
                type="Sequence[GetFlowResult]",
                always_set=True,
                empty="list",
            ),
        ),
    ),
    Function(
        name="get_flow_audit_log",
        summary="who changed a flow, when, and what.",
        doc=(
            "Read a flow's audit log: every event (`create`, `update`, `delete`), newest first, with who made it,\n"
            "from where (`api`, `ui`, ...) and the fields it changed. The log stays readable after the flow is\n"
            "deleted."
        ),
        output_doc="Read a flow's audit log once its id is known.",
        args=(_FLOW_ID,),
        result="GetFlowAuditLogResult",
        result_doc="A collection of values returned by get_flow_audit_log.",
        props=(
            Prop(name="id", doc="The flow's id.", type=str, always_set=True, empty="value"),
            Prop(
                name="entries",
                doc="The flow's audit log, newest first (every page).",
                type=list[AuditEntry],
                always_set=True,
                empty="list",
            ),
        ),
    ),
    Function(
        name="get_flow_dependencies",
        summary="what uses a flow (such as flows that run it next).",
        doc=(
            "Read what uses a flow. integrator.io's UI (and `Flow`'s delete) refuses to delete a flow while\n"
            "anything does."
        ),
        output_doc="Read what uses a flow once its id is known.",
        args=(_FLOW_ID,),
        result="GetFlowDependenciesResult",
        result_doc="A collection of values returned by get_flow_dependencies.",
        props=(
            Prop(name="id", doc="The flow's id.", type=str, always_set=True, empty="value"),
            Prop(
                name="flows",
                doc="The flows that use this one (through `run_next_flow_ids` or a page generator's delta).",
                type=list[DependencyRef],
                always_set=True,
                empty="list",
            ),
            Prop(
                name="dependents",
                doc="Every dependent, keyed by plural resource type (`flows`, ...); empty when nothing uses the flow.",
                type=dict[str, list[DependencyRef]],
                always_set=True,
                empty="dict",
            ),
        ),
    ),
    Function(
        name="download_flow_template",
        summary="save a flow's template ZIP (flow, exports, imports, connections).",
        doc=(
            "Download a flow's template, a ZIP of the flow and the exports, imports and connections it uses\n"
            "(connections without their credentials), and write it to `path` (its folder is created if need be;\n"
            "an existing file is replaced whole). Two calls: the template's signed URL, then the ZIP.\n"
            "\n"
            "## Example Usage\n"
            "\n"
            "```python\n"
            "import pulumi_celigo as celigo\n"
            "\n"
            'template = celigo.download_flow_template(id=flow_id, path="build/orders-sync.zip")\n'
            'pulumi.export("templateSha256", template.sha256)\n'
            "```"
        ),
        output_doc="Download a flow's template ZIP to `path` once the arguments are known.",
        args=(
            _FLOW_ID,
            Arg(
                name="path",
                type="str",
                doc="Where to write the ZIP.",
                plain_type="str | os.PathLike[str]",
                required=True,
            ),
        ),
        result="DownloadFlowTemplateResult",
        result_doc="A collection of values returned by download_flow_template.",
        props=(
            Prop(name="id", doc="The flow's id.", type=str, always_set=True, empty="value"),
            Prop(name="path", doc="Where the ZIP was written, as given.", type=str, always_set=True, empty="value"),
            Prop(name="size", doc="The ZIP's size in bytes.", type=int, always_set=True, empty="value"),
            Prop(
                name="sha256",
                doc="The ZIP's SHA-256 digest (hexadecimal): it changes when the template does.",
                type=str,
                always_set=True,
                empty="value",
            ),
        ),
    ),
    Function(
        name="get_connection",
        summary="read one integrator.io connection by its id, its credentials masked.",
        doc=(
            "Read an integrator.io connection by its id (one GET), for example one managed elsewhere. Its\n"
            "credentials show as `******`: integrator.io never returns them.\n"
            "\n"
            "## Example Usage\n"
            "\n"
            "```python\n"
            "import pulumi_celigo as celigo\n"
            "\n"
            'crm = celigo.get_connection(id="64f1c2d3e4f5a6b7c8d9e0f1")\n'
            'pulumi.export("crmBaseUri", crm.http["base_uri"])\n'
            "```"
        ),
        output_doc=(
            "Read an integrator.io connection by its id, once the id is known (it may be another resource's output)."
        ),
        args=(
            Arg(
                name="id",
                type="str",
                doc=(
                    "The id of the connection: 24 lowercase hexadecimal digits, as in the connection's URL in "
                    "integrator.io (Resources > Connections). Anything else is refused before any request."
                ),
                output_doc=(
                    "The id of the connection: 24 lowercase hexadecimal digits, as in the connection's URL in "
                    "integrator.io (Resources > Connections)."
                ),
                required=True,
            ),
        ),
        result="GetConnectionResult",
        result_doc="A collection of values returned by get_connection: the connection's fields, credentials masked.",
        props=(
            Prop(name="id", doc="The connection's id.", always_set=True, empty="value"),
            Prop(name="name", doc="The connection's name.", always_set=True, empty="value"),
            Prop(name="type", doc="The connection type (`http`, `ftp`, ...).", always_set=True, empty="value"),
            Prop(name="offline", doc="Whether the connection is saved without testing it.", empty="value"),
            Prop(name="http", doc="An HTTP connection's settings, credentials shown as `******`.", empty="value"),
            Prop(
                name="settings",
                doc="The connection's custom settings (pulumi_celigo's marker left out).",
                empty="value",
            ),
            Prop(name="created_at", doc="When the connection was created (ISO-8601).", empty="value"),
            Prop(name="last_modified", doc="When the connection was last changed (ISO-8601).", empty="value"),
        ),
        model=Connection,
    ),
    *(_get_document(resource, _WHERE[resource.name]) for resource in _DOCUMENTS),
)
