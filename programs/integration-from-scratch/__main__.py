"""A whole integration as code, from an empty account to a running flow.

Paid shop orders are read from the shop's API every hour (an HTTP export whose pages a script
normalises), and also arrive as they happen on a webhook; both go to the ERP's sales orders (an HTTP
import with a mapping). Every object is a resource of this program: the integration, the two HTTP
connections (their credentials come from `pulumi config set --secret`), the script, the exports, the
import and the flows; `FlowRun` runs the hourly flow once, when it is first deployed.

Environments are stacks: `dev` and `prod` run this same program with their own endpoints, users and
secrets (Pulumi.dev.yaml, Pulumi.prod.yaml), so promoting is `pulumi up --stack prod`, and
`pulumi preview --stack prod` shows exactly what will change in prod first.
"""

import pulumi
import pulumi_celigo as celigo

config = pulumi.Config()
env = config.require("environment")

NORMALISE_ORDERS = """
function preSavePage(options) {
  // One record per order, with the total as a number.
  return {
    data: options.data.map(function (order) {
      return { id: order.id, total: Number(order.total_price), lines: order.line_items || [] };
    }),
    errors: options.errors,
    abort: false,
  };
}
"""

shop_api = celigo.Connection(
    "shop-api",
    type="http",
    name=f"Shop API ({env})",
    http={
        "base_uri": config.require("shopBaseUri"),
        "media_type": "json",
        "ping": {"relative_uri": "/ping", "method": "GET"},
        "auth": {
            "type": "token",
            "token": {
                "token": config.require_secret("shopToken"),
                "location": "header",
                "header_name": "Authorization",
                "scheme": "Bearer",
            },
        },
    },
)

erp_api = celigo.Connection(
    "erp-api",
    type="http",
    name=f"ERP API ({env})",
    http={
        "base_uri": config.require("erpBaseUri"),
        "media_type": "json",
        "auth": {
            "type": "basic",
            "basic": {"username": config.require("erpUser"), "password": config.require_secret("erpPassword")},
        },
    },
)

integration = celigo.Integration(
    "shop-to-erp",
    name=f"Shop to ERP ({env})",
    description="Paid shop orders become ERP sales orders.",
    flow_groupings=[{"name": "Orders"}],
    connection_ids=[shop_api.id, erp_api.id],  # listed on the integration's Connections tab
)

normalise = celigo.Script(
    "normalise-orders",
    name=f"Normalise shop orders ({env})",
    description="preSavePage hook of the paid-orders export.",
    content=NORMALISE_ORDERS,
)

paid_orders = celigo.Export(
    "paid-orders",
    name=f"Paid shop orders ({env})",
    adaptor_type="HTTPExport",
    connection_id=shop_api.id,
    http={"relative_uri": "/orders?financial_status=paid", "method": "GET", "response": {"resource_path": "orders"}},
    hooks={"pre_save_page": {"script_id": normalise.id, "function": "preSavePage"}},
)

order_events = celigo.Export(
    "order-events",
    name=f"Shop order events ({env})",
    adaptor_type="WebhookExport",  # a webhook export has no connection
    webhook={"provider": "custom", "path": "shop-orders"},
)

sales_orders = celigo.Import(
    "erp-sales-orders",
    name=f"ERP sales orders ({env})",
    adaptor_type="HTTPImport",
    connection_id=erp_api.id,
    http={"relative_uri": ["/salesorders"], "method": ["POST"]},
    mapping={
        "fields": [
            {"extract": "id", "generate": "externalId"},
            {"extract": "total", "generate": "amount", "data_type": "number"},
        ],
        "lists": [{"generate": "lines", "fields": [{"extract": "sku", "generate": "item"}]}],
    },
)

hourly = celigo.Flow(
    "orders-hourly",
    name=f"Paid orders to ERP ({env})",
    integration_id=integration.id,
    page_generators=[{"export_id": paid_orders.id}],
    page_processors=[{"type": "import", "import_id": sales_orders.id}],
    schedule=config.require("schedule"),
    timezone="UTC",
    disabled=False,
)

realtime = celigo.Flow(
    "orders-realtime",
    name=f"Order events to ERP ({env})",
    integration_id=integration.id,
    page_generators=[{"export_id": order_events.id}],
    page_processors=[{"type": "import", "import_id": sales_orders.id}],
    disabled=False,
)

first_sync = celigo.FlowRun("first-sync", flow_id=hourly.id, triggers=["v1"])

pulumi.export("integrationId", integration.id)
pulumi.export("flowIds", {"hourly": hourly.id, "realtime": realtime.id})
pulumi.export("firstSyncStatus", first_sync.status)
