"""The public surface of `pulumi_celigo`: what it exports, that it agrees with the models and the
provider, that every property is documented, and that importing it does nothing else."""

from __future__ import annotations

import inspect
import re
import subprocess
import sys
import typing
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pulumi
import pulumi_celigo as celigo
import pytest
from pulumi_celigo import _inputs, outputs
from pulumi_celigo import models as m
from pulumi_celigo._utilities import Shape
from pulumi_celigo._version import __version__
from pulumi_celigo.errors import ResourceError
from pulumi_celigo.flow import _SHAPE
from pulumi_celigo.providers.flow import MANAGED_FIELDS, PROVIDER_OPTIONS

#: Each nested SDK type and the model it stands for.
NESTED: dict[str, type[m.ApiModel]] = {
    "FlowPageGenerator": m.PageGenerator,
    "FlowPageProcessor": m.PageProcessor,
    "FlowResponseMapping": m.ResponseMapping,
    "FlowResponseMappingField": m.MappedField,
    "FlowResponseMappingList": m.MappedList,
    "FlowPageProcessorHooks": m.PageProcessorHooks,
    "FlowHookReference": m.HookRef,
    "FlowRouter": m.Router,
    "FlowRouterBranch": m.RouterBranch,
    "ConnectionHttp": m.HttpConnection,
    "ConnectionHttpAuth": m.HttpAuth,
    "ConnectionHttpBasicAuth": m.HttpBasicAuth,
    "ConnectionHttpHeader": m.HttpHeader,
    "ConnectionHttpPing": m.HttpPing,
    "ConnectionHttpTokenAuth": m.HttpTokenAuth,
    "IntegrationFlowGrouping": m.FlowGrouping,
    "ExportHttp": m.ExportHttp,
    "ExportHttpResponse": m.ExportHttpResponse,
    "ExportWebhook": m.ExportWebhook,
    "ExportHooks": m.ExportHooks,
    "ExportDelta": m.ExportDelta,
    "ImportHttp": m.ImportHttp,
    "ImportMapping": m.ImportMapping,
    "ImportMappingField": m.ImportMappingField,
    "ImportMappingList": m.ImportMappingList,
    "ImportHooks": m.ImportHooks,
}
#: Fields only integrator.io writes, per model.
SERVER_ONLY: dict[type[m.ApiModel], set[str]] = {m.PageGenerator: {"id"}, m.FlowGrouping: {"id"}}


def getters(cls: type) -> list[str]:
    """The names of a class's properties, in declaration order."""
    return [name for name, value in vars(cls).items() if isinstance(value, property)]


#: Resources besides Flow, each exported with its Args class.
RESOURCES = (
    "Connection",
    "Export",
    "FlowClone",
    "FlowConnectionReplacement",
    "FlowRun",
    "Import",
    "Integration",
    "Script",
)
#: Functions, each exported in both forms and with its result types.
FUNCTIONS = {
    "get_connection": "GetConnectionResult",
    "get_export": "GetExportResult",
    "get_import": "GetImportResult",
    "get_integration": "GetIntegrationResult",
    "get_script": "GetScriptResult",
    "get_flow": "GetFlowResult",
    "get_flows": "GetFlowsResult",
    "get_flow_audit_log": "GetFlowAuditLogResult",
    "get_flow_dependencies": "GetFlowDependenciesResult",
    "download_flow_template": "DownloadFlowTemplateResult",
}
#: Nested result types of the functions, in `outputs`.
FUNCTION_OUTPUTS = (
    "GetFlowAuditLogEntryByUserResult",
    "GetFlowAuditLogEntryFieldChangeResult",
    "GetFlowAuditLogEntryResult",
    "GetFlowDependenciesDependentResult",
)


def test_exports_every_public_name() -> None:
    assert celigo.__all__ == sorted(
        [
            "Flow",
            "FlowArgs",
            *(f"{name}{suffix}" for name in NESTED for suffix in ("Args", "ArgsDict")),
            *(f"{name}{suffix}" for name in RESOURCES for suffix in ("", "Args")),
            *(f"{name}{suffix}" for name in FUNCTIONS for suffix in ("", "_output")),
            *(f"{prefix}{result}" for result in FUNCTIONS.values() for prefix in ("", "Awaitable")),
            "__version__",
            "config",
            "outputs",
        ]
    )
    for name in celigo.__all__:
        assert getattr(celigo, name) is not None, name
    assert celigo.__version__ == __version__
    assert sorted(outputs.__all__) == sorted([*NESTED, "FlowLogging", *FUNCTION_OUTPUTS])


def test_importing_the_package_has_no_side_effects() -> None:
    code = (
        "import sys, pulumi_celigo, pulumi.runtime.settings as s\n"
        "loaded = sorted(n for n in sys.modules if n.startswith(('pulumi_celigo.emulator', 'pulumi_celigo.testing')))\n"
        "print(loaded, s.SETTINGS.monitor)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60)

    assert (result.stdout, result.stderr) == ("[] None\n", "")


def test_flow_args_are_the_providers_inputs() -> None:
    assert getters(celigo.FlowArgs) == [*MANAGED_FIELDS, *PROVIDER_OPTIONS]


def test_flow_properties_are_every_model_field_and_the_provider_options() -> None:
    properties = getters(celigo.Flow)

    assert len(properties) == len(set(properties))
    assert set(properties) == (set(m.Flow.model_fields) - {"id"}) | set(PROVIDER_OPTIONS)


@pytest.mark.parametrize("name", sorted(NESTED))
def test_nested_types_have_the_models_fields(name: str) -> None:
    model = NESTED[name]
    args, args_dict = getattr(_inputs, f"{name}Args"), getattr(_inputs, f"{name}ArgsDict")
    output = getattr(outputs, name)
    writable = [field for field in model.model_fields if field not in SERVER_ONLY.get(model, set())]

    assert sorted(getters(args)) == sorted(writable)
    assert sorted(args_dict.__annotations__) == sorted(writable)
    assert sorted(getters(output)) == sorted(model.model_fields)


def test_flow_logging_output_has_the_models_fields() -> None:
    assert getters(outputs.FlowLogging) == list(m.FlowLogging.model_fields)


def test_required_keys_of_the_dict_forms() -> None:
    required = {name: sorted(getattr(_inputs, f"{name}ArgsDict").__required_keys__) for name in NESTED}

    assert {name: keys for name, keys in required.items() if keys} == {
        "FlowPageGenerator": ["export_id"],
        "FlowPageProcessor": ["type"],
        "IntegrationFlowGrouping": ["name"],
    }


def _nested_input_type(hint: Any) -> tuple[type, bool] | None:
    """The input type a getter's type hint holds, and whether it is a list of them."""
    for arg in typing.get_args(hint):
        if inspect.isclass(arg) and arg.__module__ == _inputs.__name__ and arg.__name__.endswith("Args"):
            return arg, False
        origin = typing.get_origin(arg)
        if origin is not None and issubclass(origin, typing.Sequence):
            found = _nested_input_type(typing.get_args(arg)[0])
            if found is not None:
                return found[0], True
        elif typing.get_args(arg):
            found = _nested_input_type(arg)
            if found is not None:
                return found
    return None


def _shape_of(cls: type) -> dict[str, Any]:
    """Where an input type holds other input types, derived from its annotations."""
    shape: dict[str, Any] = {}
    for name in getters(cls):
        # `pulumi.Input` refers to "Output" by name: resolve it as pulumi's own type lookups do.
        hint = typing.get_type_hints(
            getattr(cls, name).fget, vars(sys.modules[cls.__module__]), {"Output": pulumi.Output, "T": type(None)}
        )["return"]
        found = _nested_input_type(hint)
        if found is not None:
            nested_shape = _shape_of(found[0])
            shape[name] = [nested_shape] if found[1] else nested_shape
    return shape


def _plain(shape: Shape) -> dict[str, Any]:
    return {k: _plain(v) if isinstance(v, Mapping) else [_plain(v[0])] for k, v in shape.items()}


def test_the_shapes_that_drive_conversion_match_the_annotations() -> None:
    assert _plain(_SHAPE) == _shape_of(celigo.FlowArgs)


def _documented_classes() -> list[type]:
    return [celigo.Flow, celigo.FlowArgs] + [
        getattr(module, name) for module in (_inputs, outputs) for name in module.__all__
    ]


def _class_lines(cls: type) -> list[str]:
    """The source lines of a top-level class, found by scanning its module's text.

    `inspect.getsource` parses the module with `ast`, which on CPython 3.11.7 can raise a spurious
    SystemError ("AST constructor recursion depth mismatch") once another test hit deep recursion.
    """
    lines = Path(inspect.getfile(cls)).read_text().splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(f"class {cls.__name__}("))
    end = next((i for i in range(start + 1, len(lines)) if lines[i] and not lines[i][0].isspace()), len(lines))
    return lines[start:end]


def _documented_keys(typed_dict: type) -> list[str]:
    """The keys of a TypedDict whose declaration is followed by a docstring."""
    lines = _class_lines(typed_dict)
    starts = [(i, match.group(1)) for i, line in enumerate(lines) if (match := re.match(r"    (\w+): ", line))]
    bounds = [*(i for i, _ in starts[1:]), len(lines)]
    return [key for (i, key), end in zip(starts, bounds, strict=True) if any('"""' in line for line in lines[i:end])]


@pytest.mark.parametrize("cls", _documented_classes(), ids=lambda cls: cls.__name__)
def test_every_class_and_property_is_documented(cls: type) -> None:
    init = vars(cls).get("__init__")
    assert (cls.__doc__ or "").strip() or (init.__doc__ or "").strip(), cls
    if typing.is_typeddict(cls):
        assert _documented_keys(cls) == list(cls.__annotations__)
        return
    for name in getters(cls):
        assert (getattr(cls, name).__doc__ or "").strip(), f"{cls.__name__}.{name}"


class RecordingMocks(pulumi.runtime.Mocks):
    """Records what reaches the engine: a refused call must register nothing."""

    def __init__(self) -> None:
        self.registered: list[str] = []

    def new_resource(self, args: pulumi.runtime.MockResourceArgs) -> tuple[str | None, dict[Any, Any]]:
        self.registered.append(args.name)
        return f"{args.name}-id", dict(args.inputs)

    def call(self, args: pulumi.runtime.MockCallArgs) -> tuple[dict[Any, Any], list[tuple[str, str]] | None]:
        return {}, None


@pytest.fixture
def engine() -> RecordingMocks:
    mocks = RecordingMocks()
    pulumi.runtime.set_mocks(mocks, project="sdk", stack="test", preview=False)
    return mocks


@pytest.mark.parametrize(
    ("cls", "arguments", "typo", "expected"),
    [
        ("Flow", {}, "nmae", "did you mean 'name'?"),
        (
            "FlowClone",
            {"source_flow_id": "64f1c2d3e4f5a6b7c8d9e0f1"},
            "conection_map",
            "did you mean 'connection_map'?",
        ),
        ("FlowRun", {"flow_id": "64f1c2d3e4f5a6b7c8d9e0f1"}, "trigers", "did you mean 'triggers'?"),
        (
            "FlowConnectionReplacement",
            {"flow_id": "64f1c2d3e4f5a6b7c8d9e0f1"},
            "new_conection_id",
            "did you mean 'new_connection_id'?",
        ),
        (
            "Flow",
            {},
            "zzz",
            "Flow takes adopt_id, aliases, allow_delete_with_dependents, auto_resolve_matching_trace_keys, "
            "description, disabled, flow_grouping_id, integration_id, name, page_generators, page_processors, "
            "routers, run_next_flow_ids, run_page_generators_in_parallel, schedule, settings, skip_retries, timezone",
        ),
    ],
)
def test_a_misspelt_argument_names_the_closest_one(
    engine: RecordingMocks, cls: str, arguments: dict[str, Any], typo: str, expected: str
) -> None:
    """Regression: `Flow("x", nmae="y")` raised `_internal_init() got an unexpected keyword argument`."""
    with pytest.raises(TypeError) as err:
        getattr(celigo, cls)("x", **arguments, **{typo: "y"})
    assert str(err.value) == f"{cls} 'x': unknown argument {typo!r}: {expected}"
    assert engine.registered == []


@pytest.mark.parametrize(
    ("cls", "bad", "shape"),
    [
        ("Flow", "../integrations/64f1c2d3e4f5a6b7c8d9e0f1", "an integrator.io id"),
        ("FlowClone", "64F1C2D3E4F5A6B7C8D9E0F1", "an integrator.io id"),
        ("FlowRun", "", "an integrator.io id"),
        ("FlowConnectionReplacement", "64f1c2d3e4f5a6b7c8d9e0f1", "3 integrator.io ids joined by ':'"),
    ],
)
def test_get_refuses_an_id_that_is_not_an_object_id_before_the_engine_is_asked(
    engine: RecordingMocks, cls: str, bad: str, shape: str
) -> None:
    with pytest.raises(ResourceError) as err:
        getattr(celigo, cls).get("existing", bad)
    assert str(err.value) == (
        f"{cls}.get('existing'): id {bad!r} is not {shape}: an id is 24 lowercase hexadecimal digits, "
        "such as '64f1c2d3e4f5a6b7c8d9e0f1'"
    )
    assert engine.registered == []


@pulumi.runtime.test
def test_get_accepts_object_ids_and_outputs(engine: RecordingMocks) -> pulumi.Output[Any]:
    flow_id = "64f1c2d3e4f5a6b7c8d9e0f1"
    celigo.Flow.get("a", flow_id)
    celigo.FlowRun.get("b", pulumi.Output.from_input("not known yet"))  # an Output is checked by the provider
    replacement = celigo.FlowConnectionReplacement.get("c", ":".join([flow_id] * 3))
    return replacement.urn.apply(lambda _: None)
