"""`pulumi_celigo.Flow` as a program sees it, under `pulumi.runtime.set_mocks`.

What the resource registers (type token, props, the pickled provider), which forms of arguments
it accepts, the outputs it exposes and `Flow.get`. The mocks record every RegisterResource and
ReadResource call, exactly as the engine would receive them.
"""

from __future__ import annotations

import base64
import copy
import pickle
from collections.abc import Callable, Iterator
from typing import Any

import pulumi
import pulumi_celigo as celigo
import pytest
from pulumi.output import Unknown
from pulumi.runtime.mocks import MockMonitor, MockResourceArgs
from pulumi_celigo import outputs
from pulumi_celigo.providers._markers import create_token
from pulumi_celigo.providers.flow import FlowProvider

TYPE_TOKEN = "pulumi-python:dynamic/celigo:Flow"
INTEGRATION = "64f1c2d3e4f5a6b7c8d9e0f1"
GROUPING = "64f1c2d3e4f5a6b7c8d9e0f2"
EXPORT_A = "64f1c2d3e4f5a6b7c8d9e0a1"
EXPORT_B = "64f1c2d3e4f5a6b7c8d9e0a2"
LOOKUP = "64f1c2d3e4f5a6b7c8d9e0a3"
IMPORT = "64f1c2d3e4f5a6b7c8d9e0b1"
SCRIPT = "64f1c2d3e4f5a6b7c8d9e0c1"
OTHER_FLOW = "64f1c2d3e4f5a6b7c8d9e0d1"
EXISTING_FLOW = "64f1c2d3e4f5a6b7c8d9e0d2"
CREATED_AT = "2024-05-01T10:00:00.000Z"

#: What a mocked integrator.io holds for EXISTING_FLOW (outputs in snake_case, as the provider returns them).
EXISTING_STATE: dict[str, Any] = {
    "name": "Legacy orders",
    "disabled": True,
    "integration_id": INTEGRATION,
    "page_generators": [{"id": "pg-1", "export_id": EXPORT_A}],
    "logging": {},
    "created_at": "2023-01-01T00:00:00.000Z",
    "last_modified": "2023-06-01T00:00:00.000Z",
}

#: Every property of a Flow, in declaration order.
ALL_PROPERTIES = (
    "name",
    "description",
    "disabled",
    "schedule",
    "timezone",
    "integration_id",
    "flow_grouping_id",
    "page_generators",
    "page_processors",
    "routers",
    "run_page_generators_in_parallel",
    "run_next_flow_ids",
    "skip_retries",
    "auto_resolve_matching_trace_keys",
    "settings",
    "aliases",
    "adopt_id",
    "allow_delete_with_dependents",
    "logging",
    "free",
    "template_id",
    "source_id",
    "connector_id",
    "export_id",
    "import_id",
    "created_at",
    "last_modified",
    "last_executed_at",
    "resolved_at",
)


class RecordingMocks(pulumi.runtime.Mocks):
    """Records what each resource registers; answers like the provider (server fields, page generator ids)."""

    def __init__(self, unknown_ids: frozenset[str] | set[str] = frozenset()) -> None:
        self.unknown_ids = unknown_ids
        self.resources: dict[str, MockResourceArgs] = {}
        self.rpcs: list[tuple[str, str, str]] = []  # filled by RecordingMonitor

    def new_resource(self, args: MockResourceArgs) -> tuple[str | None, dict[Any, Any]]:
        self.resources[args.name] = args
        if args.resource_id:  # a read: what the "server" holds
            return args.resource_id, copy.deepcopy(EXISTING_STATE)
        outs = copy.deepcopy({k: v for k, v in args.inputs.items() if not k.startswith("__")})
        generators = outs.get("page_generators")
        for index, generator in enumerate(generators if isinstance(generators, list) else []):
            generator["id"] = f"pg-{index}"
        outs.update(disabled=outs.get("disabled", False), logging={}, created_at=CREATED_AT, last_modified=CREATED_AT)
        return ("" if args.name in self.unknown_ids else f"{args.name}-id"), outs

    def call(self, args: pulumi.runtime.MockCallArgs) -> tuple[dict[Any, Any], list[tuple[str, str]] | None]:
        return {}, None

    def inputs(self, name: str) -> dict[str, Any]:
        """The props a resource registered, without the engine's `__` keys (pickled provider, identity)."""
        return {k: v for k, v in self.resources[name].inputs.items() if not k.startswith("__")}


class RecordingMonitor(MockMonitor):
    """A MockMonitor that also records which RPC each resource arrived by."""

    def __init__(self, mocks: RecordingMocks) -> None:
        super().__init__(mocks)
        self.recording = mocks

    def RegisterResource(self, request: Any) -> Any:
        if request.type != "pulumi:pulumi:Stack":
            self.recording.rpcs.append(("RegisterResource", request.name, request.type))
        return super().RegisterResource(request)

    def ReadResource(self, request: Any) -> Any:
        self.recording.rpcs.append(("ReadResource", request.name, request.type))
        return super().ReadResource(request)


@pytest.fixture
def mocks() -> Iterator[RecordingMocks]:
    recording = RecordingMocks()
    pulumi.runtime.set_mocks(recording, project="sdk", stack="test", preview=False, monitor=RecordingMonitor(recording))
    yield recording


@pytest.fixture
def preview_mocks() -> Iterator[RecordingMocks]:
    """Mocks of a preview in which the resource named "upstream" gets no id yet."""
    recording = RecordingMocks(unknown_ids={"upstream"})
    pulumi.runtime.set_mocks(recording, project="sdk", stack="test", preview=True, monitor=RecordingMonitor(recording))
    yield recording


def nested(output: pulumi.Output[Any], describe: Callable[[Any], Any]) -> pulumi.Output[Any]:
    """`output.apply(describe)`, with the value typed `Any` so tests can index optional nested outputs."""
    return output.apply(describe)


def run(program: Callable[[], Any]) -> Any:
    """Run `program` as a Pulumi program under the mocks; return its result, resolved."""
    result: dict[str, Any] = {}

    @pulumi.runtime.test
    def wrapped() -> pulumi.Output[Any]:
        return pulumi.Output.from_input(program()).apply(lambda value: result.setdefault("value", value))

    wrapped()
    return result.get("value")


# ---- one complete flow, in both forms ------------------------------------------------------------

#: The dict form of a flow using every argument and nested type (except routers: see ROUTED_DICT_FORM).
DICT_FORM: dict[str, Any] = {
    "name": "Orders to ERP",
    "description": "Nightly order sync",
    "disabled": False,
    "schedule": "? 0 2 ? * *",
    "timezone": "Europe/Berlin",
    "integration_id": INTEGRATION,
    "flow_grouping_id": GROUPING,
    "page_generators": [
        {"export_id": EXPORT_A, "schedule": "? */5 * * * *", "skip_retries": True},
        {"export_id": EXPORT_B, "keep_delta_behind_flow_id": OTHER_FLOW, "keep_delta_behind_export_id": EXPORT_A},
    ],
    "page_processors": [
        {"type": "export", "export_id": LOOKUP, "proceed_on_failure": True},
        {
            "type": "import",
            "import_id": IMPORT,
            "response_mapping": {
                "fields": [{"extract": "id", "generate": "orderId"}],
                "lists": [{"generate": "lines", "fields": [{"extract": "sku", "generate": "itemSku"}]}],
            },
            "hooks": {"post_response_map": {"function": "afterMap", "script_id": SCRIPT}},
        },
    ],
    "run_page_generators_in_parallel": True,
    "run_next_flow_ids": [OTHER_FLOW],
    "skip_retries": False,
    "auto_resolve_matching_trace_keys": True,
    "settings": {"batchSize": 50, "targets": {"eu": "https://erp.example/eu"}},
    "aliases": [{"alias": "orders", "_exportId": EXPORT_A}],
    "adopt_id": EXISTING_FLOW,
    "allow_delete_with_dependents": True,
}


def args_form() -> celigo.FlowArgs:
    """DICT_FORM written with the Args classes, at every level."""
    return celigo.FlowArgs(
        name="Orders to ERP",
        description="Nightly order sync",
        disabled=False,
        schedule="? 0 2 ? * *",
        timezone="Europe/Berlin",
        integration_id=INTEGRATION,
        flow_grouping_id=GROUPING,
        page_generators=[
            celigo.FlowPageGeneratorArgs(export_id=EXPORT_A, schedule="? */5 * * * *", skip_retries=True),
            celigo.FlowPageGeneratorArgs(
                export_id=EXPORT_B, keep_delta_behind_flow_id=OTHER_FLOW, keep_delta_behind_export_id=EXPORT_A
            ),
        ],
        page_processors=[
            celigo.FlowPageProcessorArgs(type="export", export_id=LOOKUP, proceed_on_failure=True),
            celigo.FlowPageProcessorArgs(
                type="import",
                import_id=IMPORT,
                response_mapping=celigo.FlowResponseMappingArgs(
                    fields=[celigo.FlowResponseMappingFieldArgs(extract="id", generate="orderId")],
                    lists=[
                        celigo.FlowResponseMappingListArgs(
                            generate="lines",
                            fields=[celigo.FlowResponseMappingFieldArgs(extract="sku", generate="itemSku")],
                        )
                    ],
                ),
                hooks=celigo.FlowPageProcessorHooksArgs(
                    post_response_map=celigo.FlowHookReferenceArgs(function="afterMap", script_id=SCRIPT)
                ),
            ),
        ],
        run_page_generators_in_parallel=True,
        run_next_flow_ids=[OTHER_FLOW],
        skip_retries=False,
        auto_resolve_matching_trace_keys=True,
        settings={"batchSize": 50, "targets": {"eu": "https://erp.example/eu"}},
        aliases=[{"alias": "orders", "_exportId": EXPORT_A}],
        adopt_id=EXISTING_FLOW,
        allow_delete_with_dependents=True,
    )


ROUTER_FILTER = {"type": "expression", "expression": {"rules": ["equals", ["string", ["extract", "region"]], "EU"]}}

#: A flow with routers, branches and page processors inside them.
ROUTED_DICT_FORM: dict[str, Any] = {
    "name": "Routed orders",
    "page_generators": [{"export_id": EXPORT_A}],
    "routers": [
        {
            "id": "byRegion",
            "name": "By region",
            "route_records_to": "first_matching_branch",
            "route_records_using": "input_filters",
            "branches": [
                {
                    "name": "EU",
                    "description": "European orders",
                    "input_filter": ROUTER_FILTER,
                    "page_processors": [
                        {
                            "type": "import",
                            "import_id": IMPORT,
                            "response_mapping": {"fields": [{"extract": "id", "generate": "erpId"}]},
                        }
                    ],
                    "next_router_id": "final",
                }
            ],
        },
        {
            "id": "final",
            "route_records_using": "script",
            "script": {"_scriptId": SCRIPT, "function": "route"},
            "branches": [{"name": "All", "page_processors": [{"type": "export", "export_id": LOOKUP}]}],
        },
    ],
}


def routed_args_form() -> celigo.FlowArgs:
    return celigo.FlowArgs(
        name="Routed orders",
        page_generators=[celigo.FlowPageGeneratorArgs(export_id=EXPORT_A)],
        routers=[
            celigo.FlowRouterArgs(
                id="byRegion",
                name="By region",
                route_records_to="first_matching_branch",
                route_records_using="input_filters",
                branches=[
                    celigo.FlowRouterBranchArgs(
                        name="EU",
                        description="European orders",
                        input_filter=ROUTER_FILTER,
                        page_processors=[
                            celigo.FlowPageProcessorArgs(
                                type="import",
                                import_id=IMPORT,
                                response_mapping=celigo.FlowResponseMappingArgs(
                                    fields=[celigo.FlowResponseMappingFieldArgs(extract="id", generate="erpId")]
                                ),
                            )
                        ],
                        next_router_id="final",
                    )
                ],
            ),
            celigo.FlowRouterArgs(
                id="final",
                route_records_using="script",
                script={"_scriptId": SCRIPT, "function": "route"},
                branches=[
                    celigo.FlowRouterBranchArgs(
                        name="All", page_processors=[celigo.FlowPageProcessorArgs(type="export", export_id=LOOKUP)]
                    )
                ],
            ),
        ],
    )


# ---- registration -----------------------------------------------------------------------------


def test_registers_the_dynamic_type_token_by_register_resource(mocks: RecordingMocks) -> None:
    run(lambda: celigo.Flow("orders").urn)

    assert mocks.resources["orders"].typ == TYPE_TOKEN
    assert mocks.rpcs == [("RegisterResource", "orders", TYPE_TOKEN)]


def test_provider_is_a_short_by_reference_pickle_of_flow_provider(mocks: RecordingMocks) -> None:
    run(lambda: celigo.Flow("orders").urn)

    blob = mocks.resources["orders"].inputs["__provider"]
    assert isinstance(blob, str)  # not a secret: the blob holds no credentials
    raw = base64.b64decode(blob)
    assert len(raw) < 200
    assert b"pulumi_celigo.providers.flow" in raw
    assert b"FlowProvider" in raw
    assert b"co_code" not in raw and b"dill" not in raw  # by reference, not pickled bytecode
    assert type(pickle.loads(raw)) is FlowProvider


def test_dict_form_sends_its_values_unchanged(mocks: RecordingMocks) -> None:
    run(lambda: celigo.Flow("orders", **DICT_FORM).urn)

    assert mocks.inputs("orders") == DICT_FORM


def test_args_form_sends_the_same_props_as_the_dict_form(mocks: RecordingMocks) -> None:
    run(lambda: [celigo.Flow("as-dicts", **DICT_FORM).urn, celigo.Flow("as-args", args_form()).urn])

    assert mocks.inputs("as-args") == mocks.inputs("as-dicts") == DICT_FORM


def test_routers_in_args_form_send_the_same_props_as_in_dict_form(mocks: RecordingMocks) -> None:
    run(lambda: [celigo.Flow("as-dicts", **ROUTED_DICT_FORM).urn, celigo.Flow("as-args", routed_args_form()).urn])

    assert mocks.inputs("as-args") == mocks.inputs("as-dicts") == ROUTED_DICT_FORM


def test_dicts_and_args_mix_at_any_level(mocks: RecordingMocks) -> None:
    def program() -> Any:
        return celigo.Flow(
            "mixed",
            page_processors=[
                {
                    "type": "import",
                    "import_id": IMPORT,
                    "response_mapping": celigo.FlowResponseMappingArgs(
                        lists=[{"generate": "lines", "fields": [celigo.FlowResponseMappingFieldArgs(extract="sku")]}]
                    ),
                    "hooks": {"post_response_map": celigo.FlowHookReferenceArgs(function="afterMap")},
                }
            ],
        ).urn

    run(program)

    assert mocks.inputs("mixed") == {
        "name": "mixed",
        "page_processors": [
            {
                "type": "import",
                "import_id": IMPORT,
                "response_mapping": {"lists": [{"generate": "lines", "fields": [{"extract": "sku"}]}]},
                "hooks": {"post_response_map": {"function": "afterMap"}},
            }
        ],
    }


def test_none_values_are_not_sent_in_either_form(mocks: RecordingMocks) -> None:
    def program() -> Any:
        as_dicts = celigo.Flow(
            "as-dicts",
            description=None,
            page_generators=[{"export_id": EXPORT_A, "schedule": None}],
            page_processors=[{"type": "import", "import_id": IMPORT, "hooks": {"post_response_map": None}}],
        )
        as_args = celigo.Flow(
            "as-args",
            celigo.FlowArgs(
                description=None,
                page_generators=[celigo.FlowPageGeneratorArgs(export_id=EXPORT_A, schedule=None)],
                page_processors=[
                    celigo.FlowPageProcessorArgs(
                        type="import", import_id=IMPORT, hooks=celigo.FlowPageProcessorHooksArgs(post_response_map=None)
                    )
                ],
            ),
        )
        return [as_dicts.urn, as_args.urn]

    run(program)

    expected_tail = {
        "page_generators": [{"export_id": EXPORT_A}],
        "page_processors": [{"type": "import", "import_id": IMPORT, "hooks": {}}],
    }
    assert mocks.inputs("as-dicts") == {"name": "as-dicts", **expected_tail}
    assert mocks.inputs("as-args") == {"name": "as-args", **expected_tail}


def test_unknown_keys_of_the_dict_form_reach_the_provider_for_its_check(mocks: RecordingMocks) -> None:
    # The provider's check names them and suggests the right spelling ("did you mean 'export_id'?").
    run(lambda: celigo.Flow("typo", page_generators=[{"exportId": EXPORT_A}]).urn)  # type: ignore[list-item]

    assert mocks.inputs("typo") == {"name": "typo", "page_generators": [{"exportId": EXPORT_A}]}


def test_args_setters_change_what_is_sent(mocks: RecordingMocks) -> None:
    generator = celigo.FlowPageGeneratorArgs(export_id=EXPORT_A)
    generator.schedule = "? 0 3 ? * *"
    generator.export_id = EXPORT_B
    args = celigo.FlowArgs(page_generators=[generator])
    args.name = "Renamed"
    args.disabled = True

    assert (generator.export_id, generator.schedule, args.name) == (EXPORT_B, "? 0 3 ? * *", "Renamed")
    run(lambda: celigo.Flow("set", args).urn)
    assert mocks.inputs("set") == {
        "name": "Renamed",
        "disabled": True,
        "page_generators": [{"export_id": EXPORT_B, "schedule": "? 0 3 ? * *"}],
    }


def test_what_the_sdk_sends_passes_the_providers_check(mocks: RecordingMocks) -> None:
    run(lambda: [celigo.Flow("flat", args_form()).urn, celigo.Flow("routed", routed_args_form()).urn])

    for name in ("flat", "routed"):
        registered = mocks.resources[name].inputs
        result = FlowProvider().check({}, dict(registered))
        assert result.failures == []
        assert result.inputs == {**registered, "__create_token": create_token(registered["__identity"], None)}


def test_preview_keeps_unknown_values_where_they_are(preview_mocks: RecordingMocks) -> None:
    def program() -> Any:
        upstream = celigo.Flow("upstream")  # its id is not known during this preview
        return celigo.Flow(
            "downstream",
            run_next_flow_ids=[upstream.id],
            page_generators=[{"export_id": EXPORT_A, "keep_delta_behind_flow_id": upstream.id}],
            page_processors=upstream.id.apply(lambda flow_id: [{"type": "import", "import_id": flow_id}]),
        ).urn

    run(program)

    inputs = preview_mocks.inputs("downstream")
    assert set(inputs) == {"name", "run_next_flow_ids", "page_generators", "page_processors"}
    assert inputs["name"] == "downstream"
    assert isinstance(inputs["run_next_flow_ids"][0], Unknown)
    assert inputs["page_generators"][0]["export_id"] == EXPORT_A
    assert isinstance(inputs["page_generators"][0]["keep_delta_behind_flow_id"], Unknown)
    assert isinstance(inputs["page_processors"], Unknown)


# ---- name and argument forms ------------------------------------------------------------------


def test_name_defaults_to_the_resource_name(mocks: RecordingMocks) -> None:
    names = run(
        lambda: [
            celigo.Flow("nightly-orders").name,
            celigo.Flow("named", name="Orders (nightly)").name,
            celigo.Flow("from-args", celigo.FlowArgs(description="d")).name,
        ]
    )

    assert names == ["nightly-orders", "Orders (nightly)", "from-args"]
    assert mocks.inputs("nightly-orders") == {"name": "nightly-orders"}
    assert mocks.inputs("named") == {"name": "Orders (nightly)"}
    assert mocks.inputs("from-args") == {"name": "from-args", "description": "d"}


def test_args_and_opts_are_accepted_positionally_and_by_keyword(mocks: RecordingMocks) -> None:
    read = pulumi.ResourceOptions(id=EXISTING_FLOW)
    run(
        lambda: [
            celigo.Flow("args-positional", celigo.FlowArgs(description="a")).urn,
            celigo.Flow("args-keyword", args=celigo.FlowArgs(description="b")).urn,
            celigo.Flow("opts-positional", read).urn,
            celigo.Flow("args-and-opts-keyword", args=celigo.FlowArgs(), opts=read).urn,
        ]
    )

    assert mocks.inputs("args-positional") == {"name": "args-positional", "description": "a"}
    assert mocks.inputs("args-keyword") == {"name": "args-keyword", "description": "b"}
    assert mocks.resources["opts-positional"].resource_id == EXISTING_FLOW
    assert mocks.resources["args-and-opts-keyword"].resource_id == EXISTING_FLOW


def test_outputs_of_other_resources_are_accepted_as_inputs(mocks: RecordingMocks) -> None:
    def program() -> Any:
        upstream = celigo.Flow("upstream")
        downstream = celigo.Flow(
            "downstream",
            description=upstream.name.apply(lambda name: f"runs after {name}"),
            run_next_flow_ids=[upstream.id],
            page_generators=[celigo.FlowPageGeneratorArgs(export_id=EXPORT_A, keep_delta_behind_flow_id=upstream.id)],
            # A whole list computed from another resource, holding Args objects.
            page_processors=upstream.id.apply(
                lambda flow_id: [
                    celigo.FlowPageProcessorArgs(
                        type="import",
                        import_id=IMPORT,
                        hooks={"post_response_map": celigo.FlowHookReferenceArgs(function=f"after_{flow_id}")},
                    )
                ]
            ),
        )
        return downstream.urn

    run(program)

    assert mocks.inputs("downstream") == {
        "name": "downstream",
        "description": "runs after upstream",
        "run_next_flow_ids": ["upstream-id"],
        "page_generators": [{"export_id": EXPORT_A, "keep_delta_behind_flow_id": "upstream-id"}],
        "page_processors": [
            {"type": "import", "import_id": IMPORT, "hooks": {"post_response_map": {"function": "after_upstream-id"}}}
        ],
    }


def test_secret_inputs_stay_secret_including_converted_lists(mocks: RecordingMocks) -> None:
    secret_sig = pulumi.runtime.rpc._special_sig_key
    run(
        lambda: (
            celigo.Flow(
                "secret",
                description=pulumi.Output.secret("confidential"),
                page_generators=pulumi.Output.secret([celigo.FlowPageGeneratorArgs(export_id=EXPORT_A)]),
            ).urn
        )
    )

    inputs = mocks.inputs("secret")
    assert inputs["description"][secret_sig] == pulumi.runtime.rpc._special_secret_sig
    assert inputs["description"]["value"] == "confidential"
    assert inputs["page_generators"][secret_sig] == pulumi.runtime.rpc._special_secret_sig
    assert inputs["page_generators"]["value"] == [{"export_id": EXPORT_A}]


# ---- outputs ----------------------------------------------------------------------------------


def test_every_property_is_an_output(mocks: RecordingMocks) -> None:
    flows: list[celigo.Flow] = []

    def program() -> Any:
        flows.append(celigo.Flow("orders"))
        return flows[0].urn

    run(program)

    for name in ALL_PROPERTIES:
        assert isinstance(getattr(flows[0], name), pulumi.Output), name


def test_outputs_resolve_to_the_provider_outputs_with_nested_output_types(mocks: RecordingMocks) -> None:
    def program() -> Any:
        flow = celigo.Flow("orders", **DICT_FORM)
        return {
            "name": flow.name,
            "created_at": flow.created_at,
            "last_modified": flow.last_modified,
            "disabled": flow.disabled,
            "description": flow.description,
            "resolved_at": flow.resolved_at,
            "adopt_id": flow.adopt_id,
            "allow_delete_with_dependents": flow.allow_delete_with_dependents,
            "settings": flow.settings,
            "run_next_flow_ids": flow.run_next_flow_ids,
            "generators": nested(flow.page_generators, lambda pgs: [(type(pg), pg.id, pg.export_id) for pg in pgs]),
            "hook": nested(
                flow.page_processors,
                lambda pps: (type(pps[1].hooks.post_response_map), pps[1].hooks.post_response_map.script_id),
            ),
            "list_field": nested(flow.page_processors, lambda pps: pps[1].response_mapping.lists[0].fields[0].generate),
            "logging": flow.logging.apply(lambda logging: (type(logging), logging.debug_until)),
        }

    values = run(program)

    assert values == {
        "name": "Orders to ERP",
        "created_at": CREATED_AT,
        "last_modified": CREATED_AT,
        "disabled": False,
        "description": "Nightly order sync",
        "resolved_at": None,
        "adopt_id": EXISTING_FLOW,
        "allow_delete_with_dependents": True,
        "settings": {"batchSize": 50, "targets": {"eu": "https://erp.example/eu"}},
        "run_next_flow_ids": [OTHER_FLOW],
        "generators": [(outputs.FlowPageGenerator, "pg-0", EXPORT_A), (outputs.FlowPageGenerator, "pg-1", EXPORT_B)],
        "hook": (outputs.FlowHookReference, SCRIPT),
        "list_field": "itemSku",
        "logging": (outputs.FlowLogging, None),
    }


def test_router_outputs_resolve_to_output_types(mocks: RecordingMocks) -> None:
    def program() -> Any:
        flow = celigo.Flow("routed", **ROUTED_DICT_FORM)
        return nested(
            flow.routers,
            lambda routers: [
                (type(routers[0]), routers[0].id, routers[0].route_records_to),
                (type(routers[0].branches[0]), routers[0].branches[0].next_router_id),
                routers[0].branches[0].input_filter,
                (type(routers[0].branches[0].page_processors[0]), routers[0].branches[0].page_processors[0].import_id),
                routers[1].script,
            ],
        )

    assert run(program) == [
        (outputs.FlowRouter, "byRegion", "first_matching_branch"),
        (outputs.FlowRouterBranch, "final"),
        ROUTER_FILTER,
        (outputs.FlowPageProcessor, IMPORT),
        {"_scriptId": SCRIPT, "function": "route"},
    ]


# ---- Flow.get and opts ------------------------------------------------------------------------


def test_get_reads_an_existing_flow_by_read_resource(mocks: RecordingMocks) -> None:
    def program() -> Any:
        existing = celigo.Flow.get("legacy", EXISTING_FLOW)
        return [
            existing.id,
            existing.name,
            existing.disabled,
            nested(existing.page_generators, lambda pgs: [(type(pg), pg.id) for pg in pgs]),
        ]

    values = run(program)

    assert values == [EXISTING_FLOW, "Legacy orders", True, [(outputs.FlowPageGenerator, "pg-1")]]
    assert mocks.rpcs == [("ReadResource", "legacy", TYPE_TOKEN)]
    read = mocks.resources["legacy"]
    assert (read.typ, read.resource_id) == (TYPE_TOKEN, EXISTING_FLOW)
    # Only the provider travels with a read: the plugin needs it to answer.
    assert set(read.inputs) == {"__provider"}
    assert type(pickle.loads(base64.b64decode(read.inputs["__provider"]))) is FlowProvider


def test_get_accepts_an_output_id_and_merges_options(mocks: RecordingMocks) -> None:
    def program() -> Any:
        source = celigo.Flow("source")
        existing = celigo.Flow.get("by-output", source.id, pulumi.ResourceOptions(depends_on=[source]))
        return existing.id

    assert run(program) == "source-id"
    assert mocks.resources["by-output"].resource_id == "source-id"


def test_arguments_together_with_opts_id_are_refused_pointing_to_adopt_id(mocks: RecordingMocks) -> None:
    with pytest.raises(TypeError, match=r"opts\.id reads an existing flow.*adopt_id=<its id>"):
        celigo.Flow("both", pulumi.ResourceOptions(id=EXISTING_FLOW), name="x")


def test_import_option_is_refused_pointing_to_adopt_id(mocks: RecordingMocks) -> None:
    with pytest.raises(TypeError, match=r"import_ option does not work for dynamic resources.*adopt_id=<its id>"):
        celigo.Flow("imported", opts=pulumi.ResourceOptions(import_=EXISTING_FLOW))


def test_wrong_arguments_are_type_errors(mocks: RecordingMocks) -> None:
    with pytest.raises(TypeError, match="ResourceOptions instance"):
        celigo.Flow("bad-opts", opts="protect")  # type: ignore[call-overload]
    with pytest.raises(
        TypeError, match="Flow 'camel': unknown argument 'integrationId': did you mean 'integration_id'"
    ):
        celigo.Flow("camel", integrationId=INTEGRATION)  # type: ignore[call-overload]
    with pytest.raises(TypeError, match="missing 1 required keyword-only argument: 'export_id'"):
        celigo.FlowPageGeneratorArgs()  # type: ignore[call-arg]
