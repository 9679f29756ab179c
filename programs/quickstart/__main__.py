"""Quickstart: send GitHub events to Slack.

The first sample flow of Celigo's flows API page, as a Pulumi program. The ids of the
integration, the GitHub export and the Slack import come from stack config
(`Pulumi.dev.yaml` names those of the emulator's demo seed).
"""

import pulumi
import pulumi_celigo as celigo

config = pulumi.Config()

flow = celigo.Flow(
    "github-to-slack",
    name="Send GitHub Events to Slack",
    description="Posts every GitHub event to the team's Slack channel.",
    integration_id=config.require("integrationId"),
    page_generators=[celigo.FlowPageGeneratorArgs(export_id=config.require("githubEventsExportId"))],
    page_processors=[
        {
            "type": "import",
            "import_id": config.require("slackImportId"),
            "response_mapping": {"fields": [{"extract": "id", "generate": "slackMessageId"}]},
        }
    ],
    timezone="America/Los_Angeles",
    schedule=config.get("schedule") or "? */15 * * * *",
    disabled=False,
)

pulumi.export("flowId", flow.id)
pulumi.export("flowName", flow.name)
pulumi.export("createdAt", flow.created_at)
