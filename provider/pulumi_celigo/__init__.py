"""Pulumi resources for Celigo integrator.io flows, served by Pulumi's built-in dynamic provider.

No plugin to install: ``pip install pulumi-celigo``, then::

    import pulumi
    import pulumi_celigo as celigo

    orders = celigo.Flow("orders",
        integration_id="64f1c2d3e4f5a6b7c8d9e0f1",
        schedule="? 0 2 ? * *",
        page_generators=[{"export_id": "64f1c2d3e4f5a6b7c8d9e0a1"}],
        page_processors=[{"type": "import", "import_id": "64f1c2d3e4f5a6b7c8d9e0b2"}])
    pulumi.export("flow_id", orders.id)

Credentials: ``pulumi config set --secret celigo:apiToken <token>`` (or ``CELIGO_API_TOKEN``);
``celigo:region`` (``us`` or ``eu``) or ``celigo:baseUrl`` choose the API (see `config`).
"""

from . import config, outputs
from ._inputs import (
    ConnectionHttpArgs,
    ConnectionHttpArgsDict,
    ConnectionHttpAuthArgs,
    ConnectionHttpAuthArgsDict,
    ConnectionHttpBasicAuthArgs,
    ConnectionHttpBasicAuthArgsDict,
    ConnectionHttpHeaderArgs,
    ConnectionHttpHeaderArgsDict,
    ConnectionHttpPingArgs,
    ConnectionHttpPingArgsDict,
    ConnectionHttpTokenAuthArgs,
    ConnectionHttpTokenAuthArgsDict,
    FlowHookReferenceArgs,
    FlowHookReferenceArgsDict,
    FlowPageGeneratorArgs,
    FlowPageGeneratorArgsDict,
    FlowPageProcessorArgs,
    FlowPageProcessorArgsDict,
    FlowPageProcessorHooksArgs,
    FlowPageProcessorHooksArgsDict,
    FlowResponseMappingArgs,
    FlowResponseMappingArgsDict,
    FlowResponseMappingFieldArgs,
    FlowResponseMappingFieldArgsDict,
    FlowResponseMappingListArgs,
    FlowResponseMappingListArgsDict,
    FlowRouterArgs,
    FlowRouterArgsDict,
    FlowRouterBranchArgs,
    FlowRouterBranchArgsDict,
)
from ._version import __version__
from .connection import Connection, ConnectionArgs
from .download_flow_template import (
    AwaitableDownloadFlowTemplateResult,
    DownloadFlowTemplateResult,
    download_flow_template,
    download_flow_template_output,
)
from .flow import Flow, FlowArgs
from .flow_clone import FlowClone, FlowCloneArgs
from .flow_connection_replacement import FlowConnectionReplacement, FlowConnectionReplacementArgs
from .flow_run import FlowRun, FlowRunArgs
from .get_connection import AwaitableGetConnectionResult, GetConnectionResult, get_connection, get_connection_output
from .get_flow import AwaitableGetFlowResult, GetFlowResult, get_flow, get_flow_output
from .get_flow_audit_log import (
    AwaitableGetFlowAuditLogResult,
    GetFlowAuditLogResult,
    get_flow_audit_log,
    get_flow_audit_log_output,
)
from .get_flow_dependencies import (
    AwaitableGetFlowDependenciesResult,
    GetFlowDependenciesResult,
    get_flow_dependencies,
    get_flow_dependencies_output,
)
from .get_flows import AwaitableGetFlowsResult, GetFlowsResult, get_flows, get_flows_output

__all__ = [
    "AwaitableDownloadFlowTemplateResult",
    "AwaitableGetConnectionResult",
    "AwaitableGetFlowAuditLogResult",
    "AwaitableGetFlowDependenciesResult",
    "AwaitableGetFlowResult",
    "AwaitableGetFlowsResult",
    "Connection",
    "ConnectionArgs",
    "ConnectionHttpArgs",
    "ConnectionHttpArgsDict",
    "ConnectionHttpAuthArgs",
    "ConnectionHttpAuthArgsDict",
    "ConnectionHttpBasicAuthArgs",
    "ConnectionHttpBasicAuthArgsDict",
    "ConnectionHttpHeaderArgs",
    "ConnectionHttpHeaderArgsDict",
    "ConnectionHttpPingArgs",
    "ConnectionHttpPingArgsDict",
    "ConnectionHttpTokenAuthArgs",
    "ConnectionHttpTokenAuthArgsDict",
    "DownloadFlowTemplateResult",
    "Flow",
    "FlowArgs",
    "FlowClone",
    "FlowCloneArgs",
    "FlowConnectionReplacement",
    "FlowConnectionReplacementArgs",
    "FlowHookReferenceArgs",
    "FlowHookReferenceArgsDict",
    "FlowPageGeneratorArgs",
    "FlowPageGeneratorArgsDict",
    "FlowPageProcessorArgs",
    "FlowPageProcessorArgsDict",
    "FlowPageProcessorHooksArgs",
    "FlowPageProcessorHooksArgsDict",
    "FlowResponseMappingArgs",
    "FlowResponseMappingArgsDict",
    "FlowResponseMappingFieldArgs",
    "FlowResponseMappingFieldArgsDict",
    "FlowResponseMappingListArgs",
    "FlowResponseMappingListArgsDict",
    "FlowRouterArgs",
    "FlowRouterArgsDict",
    "FlowRouterBranchArgs",
    "FlowRouterBranchArgsDict",
    "FlowRun",
    "FlowRunArgs",
    "GetConnectionResult",
    "GetFlowAuditLogResult",
    "GetFlowDependenciesResult",
    "GetFlowResult",
    "GetFlowsResult",
    "__version__",
    "config",
    "download_flow_template",
    "download_flow_template_output",
    "get_connection",
    "get_connection_output",
    "get_flow",
    "get_flow_audit_log",
    "get_flow_audit_log_output",
    "get_flow_dependencies",
    "get_flow_dependencies_output",
    "get_flow_output",
    "get_flows",
    "get_flows_output",
    "outputs",
]
