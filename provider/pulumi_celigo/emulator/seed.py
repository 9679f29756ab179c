"""Seeds. ``empty``: an account with nothing in it. ``demo``: two integrations and the connections,
exports and imports of the docs' samples.

Ids are fixed so programs and tests can name them (:data:`DEMO_IDS`). The seed holds what
the flows page's two sample flows need: "Send GitHub Events to Slack" (GitHub events export,
Post to Slack import) and "Update Usage Stats for all Trialers" (2 page generator exports,
9 lookup exports, 2 imports, all on the integrator.io API connection). There are no flows:
creating them is the job of the programs under test. Each connection exists in a dev and a
prod copy, so promoting a flow by clone has somewhere to go.
"""

from __future__ import annotations

from typing import Any

from .store import Doc, Store
from .validation import doc_refs

SEED_TIME = "2024-01-02T03:04:05.678Z"


def _id(group: int, number: int) -> str:
    return f"65a1c0de{group:04x}{number:012x}"


_USAGE_FIELDS = (
    "numConnections",
    "dlSuccessAndErrors",
    "lastSignIn",
    "numDataLoaders",
    "numFlows",
    "numPasswordChanges",
    "numPasswordResets",
    "numSignIns",
    "successAndErrors",
)

DEMO_IDS: dict[str, Any] = {
    "dev_integration": _id(1, 1),
    "prod_integration": _id(1, 2),
    "dev_flow_grouping": _id(2, 1),
    "dev_reports_flow_grouping": _id(2, 2),
    "prod_flow_grouping": _id(2, 3),
    "prod_reports_flow_grouping": _id(2, 4),
    "dev_github_connection": _id(3, 1),
    "dev_slack_connection": _id(3, 2),
    "dev_integrator_connection": _id(3, 3),
    "prod_github_connection": _id(3, 4),
    "prod_slack_connection": _id(3, 5),
    "prod_integrator_connection": _id(3, 6),
    "github_events_export": _id(4, 1),
    "usage_pg_exports": [_id(4, 2), _id(4, 3)],
    "usage_lookup_exports": [_id(4, 0x10 + n) for n in range(len(_USAGE_FIELDS))],
    "slack_import": _id(5, 1),
    "usage_imports": [_id(5, 2), _id(5, 3)],
}

# The generate field of each lookup export's response mapping in the docs' second sample.
USAGE_LOOKUP_FIELDS = dict(zip(DEMO_IDS["usage_lookup_exports"], _USAGE_FIELDS, strict=True))


def _connection(doc_id: str, name: str, base_uri: str, token: str, scheme: str) -> Doc:
    return {
        "_id": doc_id,
        "type": "http",
        "name": name,
        "offline": False,
        "http": {
            "baseURI": base_uri,
            "mediaType": "json",
            "auth": {
                "type": "token",
                "token": {"token": token, "location": "header", "headerName": "Authorization", "scheme": scheme},
            },
            "encrypted": {"webhookSecret": f"{token}-webhook"},
            "unencrypted": {"environment": "prod" if "prod" in name.lower() else "dev"},
        },
    }


def demo_documents() -> dict[str, list[Doc]]:
    """The seed's documents by collection (fresh copies on each call)."""
    ids = DEMO_IDS
    integrations = [
        {
            "_id": ids["dev_integration"],
            "name": "Dev",
            "description": "Development environment",
            "sandbox": False,
            "flowGroupings": [
                {"_id": ids["dev_flow_grouping"], "name": "Notifications"},
                {"_id": ids["dev_reports_flow_grouping"], "name": "Reports"},
            ],
        },
        {
            "_id": ids["prod_integration"],
            "name": "Prod",
            "description": "Production environment",
            "sandbox": False,
            "flowGroupings": [
                {"_id": ids["prod_flow_grouping"], "name": "Notifications"},
                {"_id": ids["prod_reports_flow_grouping"], "name": "Reports"},
            ],
        },
    ]
    connections = []
    for env in ("dev", "prod"):
        label = env.capitalize()
        connections += [
            _connection(
                ids[f"{env}_github_connection"],
                f"GitHub ({label})",
                "https://api.github.com",
                f"ghp_{env}_0123456789abcdef",
                "token",
            ),
            _connection(
                ids[f"{env}_slack_connection"],
                f"Slack ({label})",
                "https://slack.com/api",
                f"xoxb-{env}-0123456789",
                "Bearer",
            ),
            _connection(
                ids[f"{env}_integrator_connection"],
                f"integrator.io API ({label})",
                "https://api.integrator.io/v1",
                f"ioapi-{env}-0123456789abcdef",
                "Bearer",
            ),
        ]
    integrator = ids["dev_integrator_connection"]
    exports: list[Doc] = [
        {
            "_id": ids["github_events_export"],
            "name": "GitHub events",
            "adaptorType": "HTTPExport",
            "_connectionId": ids["dev_github_connection"],
            "http": {"relativeURI": "/repos/celigo/integrator/events", "method": "GET"},
        }
    ]
    for export_id, label in zip(ids["usage_pg_exports"], ("trial", "expired trial"), strict=True):
        exports.append(
            {
                "_id": export_id,
                "name": f"Trialers ({label})",
                "adaptorType": "HTTPExport",
                "_connectionId": integrator,
                "http": {"relativeURI": f"/trialers?status={label.replace(' ', '_')}", "method": "GET"},
            }
        )
    for export_id, field in USAGE_LOOKUP_FIELDS.items():
        exports.append(
            {
                "_id": export_id,
                "name": f"Usage lookup: {field}",
                "adaptorType": "HTTPExport",
                "isLookup": True,
                "_connectionId": integrator,
                "http": {"relativeURI": f"/usage/{{{{data._userId}}}}/{field}", "method": "GET"},
            }
        )
    imports: list[Doc] = [
        {
            "_id": ids["slack_import"],
            "name": "Post to Slack",
            "adaptorType": "HTTPImport",
            "_connectionId": ids["dev_slack_connection"],
            "http": {"relativeURI": ["/chat.postMessage"], "method": ["POST"]},
            "mapping": {"fields": [{"extract": "type", "generate": "text"}]},
        },
        {
            "_id": ids["usage_imports"][0],
            "name": "Update usage stats",
            "adaptorType": "HTTPImport",
            "_connectionId": integrator,
            "http": {"relativeURI": ["/usageStats"], "method": ["PUT"]},
        },
        {
            "_id": ids["usage_imports"][1],
            "name": "Record usage history",
            "adaptorType": "HTTPImport",
            "_connectionId": integrator,
            "http": {"relativeURI": ["/usageHistory"], "method": ["POST"]},
        },
    ]
    return {"integrations": integrations, "connections": connections, "exports": exports, "imports": imports}


SEEDS = ("demo", "empty")  # empty: an account with nothing in it, to build an integration from scratch


def apply_seed(store: Store, name: str) -> dict[str, Any]:
    """Load a seed into an empty store (once: a restarted --data store keeps its own state)."""
    if name not in SEEDS:
        raise ValueError(f"unknown seed {name!r}; known: {', '.join(SEEDS)}")
    documents = demo_documents() if name == "demo" else {}
    with store.transaction():
        if store.meta_get("seed") is None:
            for collection, docs in documents.items():
                for doc in docs:
                    if store.exists(collection, doc["_id"]):
                        continue
                    stored = {**doc, "createdAt": SEED_TIME, "lastModified": SEED_TIME}
                    store.insert(collection, stored)
                    store.set_refs(collection, doc["_id"], doc_refs(collection, doc))
            store.meta_set("seed", name)
    return dict(DEMO_IDS) if name == "demo" else {}
