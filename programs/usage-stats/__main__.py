"""Usage stats: the second sample flow of Celigo's flows API page.

Two page generators list trial accounts; nine lookup exports each fetch one usage figure and
map it onto the record; two imports write the result. Runs nightly at 02:00 Los Angeles time.
"""

import pulumi
import pulumi_celigo as celigo

config = pulumi.Config()
#: The lookup export of each usage figure, in the order the flow runs them.
lookups: dict[str, str] = config.require_object("lookupExports")
page_generator_exports: list[str] = config.require_object("pageGeneratorExports")
stats_import, audit_import = config.require_object("imports")

lookup_steps = [
    celigo.FlowPageProcessorArgs(
        type="export",
        export_id=export_id,
        response_mapping=celigo.FlowResponseMappingArgs(
            fields=[celigo.FlowResponseMappingFieldArgs(extract="data", generate=figure)], lists=[]
        ),
    )
    for figure, export_id in lookups.items()
]

flow = celigo.Flow(
    "usage-stats",
    name="Update Usage Stats for all Trialers",
    integration_id=config.require("integrationId"),
    schedule=config.get("schedule") or "? 0 2 ? * *",
    timezone="America/Los_Angeles",
    disabled=False,
    skip_retries=False,
    page_generators=[{"export_id": export_id} for export_id in page_generator_exports],
    page_processors=[
        *lookup_steps,
        {"type": "import", "import_id": stats_import, "proceed_on_failure": True},
        {"type": "import", "import_id": audit_import},
    ],
)

pulumi.export("flowId", flow.id)
pulumi.export("steps", flow.page_processors.apply(len))
