"""Validation of request documents: flows and the resources they reference.

Every check appends an error naming its field with the API's own names
(``pageProcessors[1]._importId``, ``routers[0].branches[1].pageProcessors[0]._exportId``) so a
422 reports all problems at once. ``null`` counts as "absent" for optional fields (a
Mongo-backed API stores it and moves on); it never satisfies a required one.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from typing import Any

from .errors import ErrorItem, invalid_field, invalid_ref, missing_field
from .ids import is_object_id, parse_iso
from .store import Doc, Store

CRON_MESSAGE = "Invalid cron expression"
ROUTERS_AND_PROCESSORS = "pageProcessors and routers cannot both be set."
WEBHOOK_ADAPTORS = frozenset({"WebhookExport", "SimpleExport"})

_TYPE_NAMES: dict[type, str] = {str: "string", bool: "boolean", list: "array", dict: "object"}

# JSON types of the flow fields the API knows; anything else is kept untouched.
FLOW_FIELD_TYPES: dict[str, type] = {
    "name": str,
    "description": str,
    "disabled": bool,
    "skipRetries": bool,
    "runPageGeneratorsInParallel": bool,
    "autoResolveMatchingTraceKeys": bool,
    "pageGenerators": list,
    "pageProcessors": list,
    "routers": list,
    "_runNextFlowIds": list,
    "aliases": list,
    "settings": dict,
    "logging": dict,
    "schedule": str,
    "timezone": str,
    "_integrationId": str,
    "_flowGroupingId": str,
    "_exportId": str,
    "_importId": str,
}


def has_type(value: Any, expected: type) -> bool:
    """JSON type check where ``true`` is not a number and a number is not a boolean."""
    if expected is bool:
        return isinstance(value, bool)
    if expected in (int, float):
        return isinstance(value, int | float) and not isinstance(value, bool)
    return isinstance(value, expected)


def type_error(field: str, expected: type) -> ErrorItem:
    return invalid_field(field, f"{field} must be of type {_TYPE_NAMES.get(expected, expected.__name__)}.")


def is_valid_schedule(value: Any) -> bool:
    """The API's 6-field cron: ``?`` first, then minute hour day-of-month month day-of-week."""
    if not isinstance(value, str):
        return False
    fields = value.split()
    if len(fields) != 6 or fields[0] != "?":
        return False
    standard = " ".join("*" if field == "?" else field for field in fields[1:])
    from croniter import croniter  # imported late: keeps the emulator's start-up fast

    try:
        return bool(croniter.is_valid(standard))
    except Exception:  # croniter raises assorted errors on odd input: all mean "invalid"
        return False


@lru_cache(maxsize=1)
def _timezones() -> frozenset[str]:
    import zoneinfo

    return frozenset(zoneinfo.available_timezones())


def is_valid_timezone(value: Any) -> bool:
    return isinstance(value, str) and value in _timezones()


def check_name(doc: Doc, errors: list[ErrorItem], field: str = "name") -> None:
    """``name``: a required, non-blank string (``field`` is how errors name it)."""
    value = doc.get("name")
    if value is None or (isinstance(value, str) and not value.strip()):
        errors.append(missing_field(field))
    elif not isinstance(value, str):
        errors.append(type_error(field, str))


def check_types(doc: Doc, types: dict[str, type], errors: list[ErrorItem], prefix: str = "") -> None:
    for key, expected in types.items():
        value = doc.get(key)
        if key == "name" or value is None:
            continue
        if not has_type(value, expected):
            errors.append(type_error(prefix + key, expected))


def check_ref(
    store: Store, collection: str, value: Any, field: str, errors: list[ErrorItem], *, required: bool = False
) -> bool:
    """A reference must be a well-formed ObjectId of an existing document."""
    if value is None:
        if required:
            errors.append(missing_field(field))
        return False
    if not is_object_id(value):
        errors.append(invalid_ref(field, f"{field} is not a valid id: {value!r}."))
        return False
    if not store.exists(collection, value):
        errors.append(invalid_ref(field, f"{field} refers to no existing {collection[:-1]}: {value}."))
        return False
    return True


# -- flows -----------------------------------------------------------------------------------


def iter_page_processors(flow: Doc) -> Iterator[tuple[str, Any]]:
    """Every page processor with its field prefix: the flow's own, then the routers' branches'."""
    processors = flow.get("pageProcessors")
    if isinstance(processors, list):
        for index, processor in enumerate(processors):
            yield f"pageProcessors[{index}]", processor
    routers = flow.get("routers")
    if isinstance(routers, list):
        for r, router in enumerate(routers):
            branches = router.get("branches") if isinstance(router, dict) else None
            if not isinstance(branches, list):
                continue
            for b, branch in enumerate(branches):
                nested = branch.get("pageProcessors") if isinstance(branch, dict) else None
                if isinstance(nested, list):
                    for index, processor in enumerate(nested):
                        yield f"routers[{r}].branches[{b}].pageProcessors[{index}]", processor


def iter_page_generators(flow: Doc) -> Iterator[tuple[int, Any]]:
    generators = flow.get("pageGenerators")
    if isinstance(generators, list):
        yield from enumerate(generators)


def flow_steps(flow: Doc) -> tuple[list[str], list[str]]:
    """Ids of the exports and imports a flow uses, in order of appearance, without repeats."""
    exports: list[str] = []
    imports: list[str] = []

    def add(target: list[str], value: Any) -> None:
        if is_object_id(value) and value not in target:
            target.append(value)

    add(exports, flow.get("_exportId"))
    for _, generator in iter_page_generators(flow):
        if isinstance(generator, dict):
            add(exports, generator.get("_exportId"))
    for _, processor in iter_page_processors(flow):
        if isinstance(processor, dict):
            add(exports, processor.get("_exportId"))
            add(imports, processor.get("_importId"))
    add(imports, flow.get("_importId"))
    return exports, imports


def flow_refs(flow: Doc) -> list[tuple[str, str]]:
    """Every (collection, id) a flow references, for the store's reference index."""
    exports, imports = flow_steps(flow)
    refs = [("exports", e) for e in exports] + [("imports", i) for i in imports]
    if is_object_id(flow.get("_integrationId")):
        refs.append(("integrations", flow["_integrationId"]))
    next_flows = flow.get("_runNextFlowIds")
    if isinstance(next_flows, list):
        refs += [("flows", f) for f in next_flows if is_object_id(f)]
    for _, generator in iter_page_generators(flow):
        if isinstance(generator, dict):
            if is_object_id(generator.get("_keepDeltaBehindFlowId")):
                refs.append(("flows", generator["_keepDeltaBehindFlowId"]))
            if is_object_id(generator.get("_keepDeltaBehindExportId")):
                refs.append(("exports", generator["_keepDeltaBehindExportId"]))
    return refs


def validate_flow(store: Store, flow: Doc) -> list[ErrorItem]:
    """All problems of a flow document (create and replace share these rules)."""
    errors: list[ErrorItem] = []
    check_name(flow, errors)
    check_types(flow, FLOW_FIELD_TYPES, errors)

    schedule = flow.get("schedule")
    if isinstance(schedule, str) and not is_valid_schedule(schedule):
        errors.append(invalid_field("schedule", CRON_MESSAGE))
    timezone = flow.get("timezone")
    if isinstance(timezone, str) and not is_valid_timezone(timezone):
        errors.append(invalid_field("timezone", f"Unknown timezone: {timezone!r}."))
    logging = flow.get("logging")
    if isinstance(logging, dict):
        debug_until = logging.get("debugUntil")
        if debug_until is not None and parse_iso(debug_until) is None:
            errors.append(invalid_field("logging.debugUntil", "logging.debugUntil must be an ISO-8601 date."))

    _check_integration(store, flow, errors)
    # Legacy single-step flows (the documentation's first sample).
    if isinstance(flow.get("_exportId"), str):
        check_ref(store, "exports", flow["_exportId"], "_exportId", errors)
    if isinstance(flow.get("_importId"), str):
        check_ref(store, "imports", flow["_importId"], "_importId", errors)

    for index, generator in iter_page_generators(flow):
        _check_page_generator(store, generator, f"pageGenerators[{index}]", errors)

    processors = flow.get("pageProcessors")
    routers = flow.get("routers")
    if isinstance(processors, list) and processors and isinstance(routers, list) and routers:
        errors.append(invalid_field("routers", ROUTERS_AND_PROCESSORS))
    if isinstance(routers, list):
        for index, router in enumerate(routers):
            _check_router(router, f"routers[{index}]", errors)
    for prefix, processor in iter_page_processors(flow):
        _check_page_processor(store, processor, prefix, errors)

    next_flows = flow.get("_runNextFlowIds")
    if isinstance(next_flows, list):
        for index, flow_id in enumerate(next_flows):
            check_ref(store, "flows", flow_id, f"_runNextFlowIds[{index}]", errors, required=True)
    return errors


def _check_integration(store: Store, flow: Doc, errors: list[ErrorItem]) -> None:
    integration_id = flow.get("_integrationId")
    integration_ok = isinstance(integration_id, str) and check_ref(
        store, "integrations", integration_id, "_integrationId", errors
    )
    grouping_id = flow.get("_flowGroupingId")
    if not isinstance(grouping_id, str):
        return
    if not is_object_id(grouping_id):
        errors.append(invalid_ref("_flowGroupingId", f"_flowGroupingId is not a valid id: {grouping_id!r}."))
    elif integration_id is None:
        errors.append(invalid_ref("_flowGroupingId", "_flowGroupingId requires _integrationId."))
    elif integration_ok:
        integration = store.get("integrations", integration_id) or {}
        groupings = integration.get("flowGroupings") or []
        known = {g.get("_id") for g in groupings if isinstance(g, dict)}
        if grouping_id not in known:
            errors.append(
                invalid_ref(
                    "_flowGroupingId",
                    f"_flowGroupingId {grouping_id} is not a flow grouping of integration {integration_id}.",
                )
            )


_GENERATOR_TYPES: dict[str, type] = {"schedule": str, "skipRetries": bool, "_exportId": str, "_id": str}


def _check_page_generator(store: Store, generator: Any, prefix: str, errors: list[ErrorItem]) -> None:
    if not isinstance(generator, dict):
        errors.append(type_error(prefix, dict))
        return
    check_types(generator, _GENERATOR_TYPES, errors, prefix + ".")
    export_id = generator.get("_exportId")
    if export_id is None or isinstance(export_id, str):
        check_ref(store, "exports", export_id, f"{prefix}._exportId", errors, required=True)
    generator_id = generator.get("_id")
    if isinstance(generator_id, str) and not is_object_id(generator_id):
        errors.append(invalid_field(f"{prefix}._id", f"{prefix}._id is not a valid id: {generator_id!r}."))
    schedule = generator.get("schedule")
    if isinstance(schedule, str) and not is_valid_schedule(schedule):
        errors.append(invalid_field(f"{prefix}.schedule", CRON_MESSAGE))
    for key, collection in (("_keepDeltaBehindFlowId", "flows"), ("_keepDeltaBehindExportId", "exports")):
        if generator.get(key) is not None:
            check_ref(store, collection, generator[key], f"{prefix}.{key}", errors)


_PROCESSOR_TYPES: dict[str, type] = {
    "type": str,
    "_exportId": str,
    "_importId": str,
    "proceedOnFailure": bool,
    "responseMapping": dict,
    "hooks": dict,
}


def _check_page_processor(store: Store, processor: Any, prefix: str, errors: list[ErrorItem]) -> None:
    if not isinstance(processor, dict):
        errors.append(type_error(prefix, dict))
        return
    check_types(processor, _PROCESSOR_TYPES, errors, prefix + ".")
    mapping = processor.get("responseMapping")
    if isinstance(mapping, dict):
        check_types(mapping, {"fields": list, "lists": list}, errors, prefix + ".responseMapping.")
    kind = processor.get("type")
    wanted = {"export": ("_exportId", "_importId", "exports"), "import": ("_importId", "_exportId", "imports")}
    if kind is None:
        errors.append(missing_field(f"{prefix}.type"))
        return
    if kind not in wanted:
        if isinstance(kind, str):
            errors.append(invalid_field(f"{prefix}.type", f'{prefix}.type must be "export" or "import".'))
        return
    needed, forbidden, collection = wanted[kind]
    if processor.get(forbidden) is not None:
        errors.append(
            invalid_field(f"{prefix}.{forbidden}", f'A page processor of type "{kind}" cannot have {forbidden}.')
        )
    value = processor.get(needed)
    if value is None or isinstance(value, str):
        check_ref(store, collection, value, f"{prefix}.{needed}", errors, required=True)


_ROUTER_TYPES: dict[str, type] = {"name": str, "branches": list, "routeRecordsTo": str, "routeRecordsUsing": str}
_BRANCH_TYPES: dict[str, type] = {"name": str, "description": str, "pageProcessors": list}


def _check_router(router: Any, prefix: str, errors: list[ErrorItem]) -> None:
    if not isinstance(router, dict):
        errors.append(type_error(prefix, dict))
        return
    check_types(router, _ROUTER_TYPES, errors, prefix + ".")
    # check_types skips "name" (required at the top level only): routers' names are optional.
    if router.get("name") is not None and not isinstance(router["name"], str):
        errors.append(type_error(prefix + ".name", str))
    branches = router.get("branches")
    if isinstance(branches, list):
        for index, branch in enumerate(branches):
            branch_prefix = f"{prefix}.branches[{index}]"
            if not isinstance(branch, dict):
                errors.append(type_error(branch_prefix, dict))
                continue
            check_types(branch, _BRANCH_TYPES, errors, branch_prefix + ".")
            if branch.get("name") is not None and not isinstance(branch["name"], str):
                errors.append(type_error(branch_prefix + ".name", str))


# -- the other resources ---------------------------------------------------------------------

# decision: the known sets are the reference's lists plus the adaptors Celigo's schemas name;
# the error lists them, so an unknown one is easy to correct.
CONNECTION_KINDS = frozenset(
    {
        "as2",
        "dynamodb",
        "ftp",
        "http",
        "jdbc",
        "mongodb",
        "netsuite",
        "rdbms",
        "rest",
        "s3",
        "salesforce",
        "van",
        "wrapper",
    }
)
EXPORT_ADAPTORS = frozenset(
    {
        "AS2Export",
        "DynamodbExport",
        "FTPExport",
        "HTTPExport",
        "JDBCExport",
        "MongodbExport",
        "NetSuiteExport",
        "RDBMSExport",
        "RESTExport",
        "S3Export",
        "SalesforceExport",
        "SimpleExport",
        "WebhookExport",
        "WrapperExport",
    }
)
IMPORT_ADAPTORS = frozenset(
    {
        "AS2Import",
        "DynamodbImport",
        "FTPImport",
        "HTTPImport",
        "JDBCImport",
        "MongodbImport",
        "NetSuiteDistributedImport",
        "NetSuiteImport",
        "RDBMSImport",
        "RESTImport",
        "S3Import",
        "SalesforceImport",
        "WrapperImport",
    }
)
CONNECTIONLESS_EXPORT_TYPES = frozenset({"webhook", "simple"})  # `type` of exports that need no connection

CONNECTION_TYPES: dict[str, type] = {"type": str, "offline": bool, "http": dict, "_integrationId": str}
EXPORT_TYPES: dict[str, type] = {
    "adaptorType": str,
    "type": str,
    "isLookup": bool,
    "_connectionId": str,
    "_integrationId": str,
    "hooks": dict,
}
IMPORT_TYPES: dict[str, type] = {"adaptorType": str, "_connectionId": str, "_integrationId": str, "hooks": dict}
INTEGRATION_TYPES: dict[str, type] = {
    "description": str,
    "sandbox": bool,
    "flowGroupings": list,
    "_registeredConnectionIds": list,
}
SCRIPT_TYPES: dict[str, type] = {"description": str, "content": str}


def _check_choice(doc: Doc, field: str, known: frozenset[str], errors: list[ErrorItem], *, required: bool) -> None:
    """``field`` is one of ``known`` (case-sensitive); a missing one is an error only when required."""
    value = doc.get(field)
    if value is None:
        if required:
            errors.append(missing_field(field))
    elif isinstance(value, str) and value not in known:
        errors.append(invalid_field(field, f"{field} {value!r} is unknown; use one of: {', '.join(sorted(known))}."))


def hook_scripts(doc: Doc) -> Iterator[tuple[str, Any]]:
    """``(field, _scriptId)`` of every hook of an export or import (``hooks.<name>._scriptId``)."""
    hooks = doc.get("hooks")
    if isinstance(hooks, dict):
        for name, hook in hooks.items():
            if isinstance(hook, dict) and hook.get("_scriptId") is not None:
                yield f"hooks.{name}._scriptId", hook["_scriptId"]


def doc_refs(collection: str, doc: Doc) -> list[tuple[str, str]]:
    """Every (collection, id) a document references, for the store's reference index."""
    if collection == "flows":
        return flow_refs(doc)
    refs: list[tuple[str, str]] = []
    for key, target in (
        ("_connectionId", "connections"),
        ("_borrowConcurrencyFromConnectionId", "connections"),
        ("_integrationId", "integrations"),
    ):
        if is_object_id(doc.get(key)):
            refs.append((target, doc[key]))
    refs += [("scripts", script_id) for _, script_id in hook_scripts(doc) if is_object_id(script_id)]
    registered = doc.get("_registeredConnectionIds")
    if isinstance(registered, list):
        refs += [("connections", connection_id) for connection_id in registered if is_object_id(connection_id)]
    return refs


def _check_common_refs(store: Store, doc: Doc, errors: list[ErrorItem]) -> None:
    """The optional references every family may carry: ``_integrationId`` and hook scripts."""
    if isinstance(doc.get("_integrationId"), str):
        check_ref(store, "integrations", doc["_integrationId"], "_integrationId", errors)
    for field, script_id in hook_scripts(doc):
        check_ref(store, "scripts", script_id, field, errors)


def validate_connection(store: Store, doc: Doc) -> list[ErrorItem]:
    errors: list[ErrorItem] = []
    check_name(doc, errors)
    check_types(doc, CONNECTION_TYPES, errors)
    _check_choice(doc, "type", CONNECTION_KINDS, errors, required=True)
    borrowed = doc.get("_borrowConcurrencyFromConnectionId")
    if borrowed is not None:
        check_ref(store, "connections", borrowed, "_borrowConcurrencyFromConnectionId", errors)
    _check_common_refs(store, doc, errors)
    return errors


def validate_export(store: Store, doc: Doc) -> list[ErrorItem]:
    errors: list[ErrorItem] = []
    check_name(doc, errors)
    check_types(doc, EXPORT_TYPES, errors)
    # decision: adaptorType may be absent (Celigo's own samples omit it); when present it must be known.
    _check_choice(doc, "adaptorType", EXPORT_ADAPTORS, errors, required=False)
    connection_id = doc.get("_connectionId")
    required = doc.get("adaptorType") not in WEBHOOK_ADAPTORS and doc.get("type") not in CONNECTIONLESS_EXPORT_TYPES
    if connection_id is None or isinstance(connection_id, str):
        check_ref(store, "connections", connection_id, "_connectionId", errors, required=required)
    _check_common_refs(store, doc, errors)
    return errors


def validate_import(store: Store, doc: Doc) -> list[ErrorItem]:
    errors: list[ErrorItem] = []
    check_name(doc, errors)
    check_types(doc, IMPORT_TYPES, errors)
    _check_choice(doc, "adaptorType", IMPORT_ADAPTORS, errors, required=False)
    connection_id = doc.get("_connectionId")
    if connection_id is None or isinstance(connection_id, str):
        check_ref(store, "connections", connection_id, "_connectionId", errors, required=True)
    _check_common_refs(store, doc, errors)
    return errors


def validate_script(store: Store, doc: Doc) -> list[ErrorItem]:
    errors: list[ErrorItem] = []
    check_name(doc, errors)
    check_types(doc, SCRIPT_TYPES, errors)
    if doc.get("content") is None:
        errors.append(missing_field("content"))
    return errors


def validate_integration(store: Store, doc: Doc) -> list[ErrorItem]:
    errors: list[ErrorItem] = []
    check_name(doc, errors)
    check_types(doc, INTEGRATION_TYPES, errors)
    registered = doc.get("_registeredConnectionIds")
    if isinstance(registered, list):
        for index, connection_id in enumerate(registered):
            check_ref(store, "connections", connection_id, f"_registeredConnectionIds[{index}]", errors, required=True)
    groupings = doc.get("flowGroupings")
    if isinstance(groupings, list):
        seen: set[str] = set()
        for index, grouping in enumerate(groupings):
            prefix = f"flowGroupings[{index}]"
            if not isinstance(grouping, dict):
                errors.append(type_error(prefix, dict))
                continue
            check_name(grouping, errors, f"{prefix}.name")
            grouping_id = grouping.get("_id")
            if grouping_id is not None:
                if not is_object_id(grouping_id):
                    errors.append(invalid_field(f"{prefix}._id", f"{prefix}._id is not a valid id."))
                elif grouping_id in seen:
                    errors.append(invalid_field(f"{prefix}._id", f"Duplicate flow grouping id {grouping_id}."))
                else:
                    seen.add(grouping_id)
    return errors
