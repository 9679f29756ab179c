"""Environment promotion: build a flow in dev, clone it into prod.

One program, two stacks (`environment` in each stack's config):

* `dev` builds the flow on the dev integration (GitHub events -> Slack) and exports `flowId`;
* `prod` clones that flow into the prod integration with `FlowClone`: the copies of its export
  and import are pointed at the prod connections through `connectionMap`, and the prod flow gets
  its schedule and time zone and is enabled in the same deployment.

The dev flow's id reaches the prod stack through config, set from the dev stack's output:

    pulumi up --stack dev
    pulumi config set devFlowId "$(pulumi stack output flowId --stack dev)" --stack prod
    pulumi up --stack prod

(A `pulumi.StackReference("<org>/celigo-promotion/dev")` works too when both stacks share a backend;
config also works when dev and prod live in different backends or accounts.)
"""

import pulumi
import pulumi_celigo as celigo

FLOW_NAME = "Send GitHub Events to Slack"

config = pulumi.Config()
environment = config.require("environment")

if environment == "dev":
    flow = celigo.Flow(
        "github-to-slack",
        name=FLOW_NAME,
        description="Posts every GitHub event to the team's Slack channel.",
        integration_id=config.require("integrationId"),
        page_generators=[{"export_id": config.require("githubEventsExportId")}],
        page_processors=[{"type": "import", "import_id": config.require("slackImportId")}],
        disabled=False,  # runs when started; no schedule in dev
    )
    pulumi.export("flowId", flow.id)
else:
    promoted = celigo.FlowClone(
        "github-to-slack",
        source_flow_id=config.require("devFlowId"),
        integration_id=config.require("integrationId"),
        connection_map=config.require_object("connectionMap"),
        name=FLOW_NAME,
        schedule=config.get("schedule"),
        timezone=config.get("timezone"),
        disabled=False,
    )
    pulumi.export("flowId", promoted.id)
    pulumi.export("exportIds", promoted.export_ids)
    pulumi.export("importIds", promoted.import_ids)
