"""Connection swap: a GitHub -> Slack flow whose Slack step posts through another connection.

`FlowConnectionReplacement` moves every step of the flow that uses `slackConnectionId` to
`newSlackConnectionId` (integrator.io's replaceConnection) and keeps it there: if someone moves it
back, `pulumi refresh` shows it and the next `pulumi up` replaces it again. `pulumi destroy` moves
the steps back to the original connection (`restore_on_delete`, true by default) before deleting
the flow. Note that exports and imports are shared resources: other flows using the same import
see the new connection too.
"""

import pulumi
import pulumi_celigo as celigo

config = pulumi.Config()

flow = celigo.Flow(
    "github-to-slack",
    name="Send GitHub Events to Slack (swapped)",
    integration_id=config.require("integrationId"),
    page_generators=[{"export_id": config.require("githubEventsExportId")}],
    page_processors=[{"type": "import", "import_id": config.require("slackImportId")}],
)

swap = celigo.FlowConnectionReplacement(
    "slack-connection",
    flow_id=flow.id,
    connection_id=config.require("slackConnectionId"),
    new_connection_id=config.require("newSlackConnectionId"),
)

pulumi.export("flowId", flow.id)
pulumi.export("stepsOnNewConnection", swap.steps_on_new_connection)
