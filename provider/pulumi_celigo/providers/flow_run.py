"""The FlowRun provider: run an integrator.io flow during a deployment, like pulumi-command runs a command.

* Every input that says *what* to run (`flow_id`, `triggers`, `export_ids`, the delta window) is a
  replacement key: changing any of them creates a new FlowRun, and creating one is running the flow.
  `wait` and `timeout` only steer the provider: changing them is an update with no API call.
* create = GET `/jobs?_flowId=&type=flow&createdAt_gte=` (the baseline) + POST `/flows/{id}/run`, then with `wait`
  one GET `/jobs/{id}` per poll (bounded exponential backoff, within `timeout`), plus
  GET `/jobs/{id}/errors` and GET `/flows/{id}` (its name, for the message) when the job failed.
* A run POST whose outcome is unknown is never repeated blindly (`_writes.write_once`): the flow's
  jobs are listed again, and of those not in the baseline (listed just before the POST) the *first
  created* is ours and is adopted. A scheduled run that starts while the provider looks for its job
  comes after ours, so it is never taken for ours (`jobs/latest`, the newest job, would have taken
  it). After a timeout the job is looked for during the error's settle window (the server may still
  be starting it); only when there is none is the POST tried again, after a pause (bounded).
* read = 1 GET of the job. A run is a historical event: when the API no longer knows the job (404),
  the last known outputs are kept rather than making Pulumi run the flow again.
* delete makes no API call: the run happened, and a job still running is left to finish.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from typing import Any, ClassVar

from pulumi.dynamic import CheckFailure, CreateResult, DiffResult, ReadResult, UpdateResult

from .. import validation
from ..client import CeligoError, NotFoundError, ValidationError
from ..errors import ResourceError
from ..models import ApiModel, ExportWindow, Job, RunRequest
from ._base import CeligoProvider, is_get, is_unknown, refuse_malformed_id, unplanned_replacement, user_inputs
from ._errors import not_found, translate
from ._writes import Backoff, write_once

#: Inputs that say what to run: a change runs the flow again (a replacement).
RUN_INPUTS: tuple[str, ...] = ("flow_id", "triggers", "export_ids", "start_date", "end_date")
#: Inputs that only steer the provider: a change is an update without any API call.
OPTION_INPUTS: tuple[str, ...] = ("wait", "timeout")
#: What the job reports, in the outputs.
JOB_OUTPUTS: tuple[str, ...] = (
    "job_id",
    "status",
    "num_success",
    "num_error",
    "num_ignore",
    "started_at",
    "ended_at",
)

DEFAULT_WAIT = True
#: Seconds to wait for the job to finish, by default.
DEFAULT_TIMEOUT = 600.0
#: Waiting for the job: first GET after 0.25 s, then twice as long each time up to 10 s, +-10% jitter.
JOB_BACKOFF = Backoff(first=0.25, factor=2.0, max=10.0, jitter=0.1)
#: The baseline lists the flow's jobs created since this long before the POST (by this machine's
#: clock): it only bounds the list, so it allows for a clock that is minutes off the API's.
CLOCK_SKEW_ALLOWANCE = timedelta(minutes=5)


class FlowRunInputs(ApiModel):
    """What a program may write for a FlowRun."""

    flow_id: str | None = None
    triggers: list[Any] | None = None
    export_ids: list[str] | None = None
    start_date: str | None = None
    end_date: str | None = None
    wait: bool | None = None
    timeout: float | None = None


def _parse_date(value: str) -> datetime | None:
    """An ISO-8601 date or date-time (a time without offset is read as UTC), or None."""
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _semantic_failures(run: FlowRunInputs, pending: Mapping[str, Any]) -> list[CheckFailure]:
    failures: list[CheckFailure] = []

    def fail(prop: str, path: str, message: str) -> None:
        failures.append(CheckFailure(prop, f"{path}: {message}"))

    if run.flow_id is None and "flow_id" not in pending:
        fail("flow_id", "flow_id", "is required: the id of the flow to run")
    elif run.flow_id is not None and (problem := validation.object_id_problem(run.flow_id)):
        fail("flow_id", "flow_id", problem)
    if run.export_ids is not None:
        if not run.export_ids:
            fail("export_ids", "export_ids", "is empty: omit it to run every page generator of the flow")
        seen: set[str] = set()
        for i, export_id in enumerate(run.export_ids):
            if problem := validation.object_id_problem(export_id):
                fail("export_ids", f"export_ids[{i}]", problem)
            elif export_id in seen:
                fail("export_ids", f"export_ids[{i}]", f"{export_id!r} is listed twice")
            seen.add(export_id)
    dates: dict[str, datetime] = {}
    for key in ("start_date", "end_date"):
        value = getattr(run, key)
        if value is None:
            continue
        parsed = _parse_date(value)
        if parsed is None:
            fail(key, key, f"{value!r} is not an ISO-8601 date-time: write one such as '2024-01-31T00:00:00.000Z'")
        else:
            dates[key] = parsed
    if len(dates) == 2 and dates["start_date"] > dates["end_date"]:
        fail("start_date", "start_date", f"{run.start_date!r} is after end_date {run.end_date!r}")
    if run.timeout is not None and not run.timeout > 0:
        fail("timeout", "timeout", f"must be a number of seconds greater than 0, got {run.timeout:g}")
    return failures


def _options(props: Mapping[str, Any]) -> tuple[bool, float]:
    wait = props.get("wait")
    timeout = props.get("timeout")
    return (DEFAULT_WAIT if wait is None else bool(wait)), (DEFAULT_TIMEOUT if timeout is None else float(timeout))


def _inputs_of(props: Mapping[str, Any]) -> dict[str, Any]:
    """The run's inputs (as the program gave them) out of inputs or outputs."""
    return {k: props[k] for k in (*RUN_INPUTS, *OPTION_INPUTS) if props.get(k) is not None}


def _job_outputs(job: Job) -> dict[str, Any]:
    values = {
        "job_id": job.id,
        "status": job.status,
        "num_success": job.num_success,
        "num_error": job.num_error,
        "num_ignore": job.num_ignore,
        "started_at": job.started_at,
        "ended_at": job.ended_at,
    }
    return {k: v for k, v in values.items() if v is not None}


class FlowRunProvider(CeligoProvider):
    """Dynamic provider of `pulumi_celigo.FlowRun`. Its module path and name are a promise to existing stacks."""

    INPUTS = FlowRunInputs
    REPLACE_ON_CHANGES: ClassVar[frozenset[str]] = frozenset(RUN_INPUTS)

    # ---- check -----------------------------------------------------------------------------
    def input_failures(self, inputs: FlowRunInputs, pending: Mapping[str, Any]) -> list[CheckFailure]:
        return _semantic_failures(inputs, pending)

    # ---- diff ------------------------------------------------------------------------------
    def diff(self, _id: str, olds: dict[str, Any], news: dict[str, Any]) -> DiffResult:
        """What to run changing runs the flow again (a replacement); a value not known yet does not by
        itself (see `unplanned_replacement`): the flow is not run again for a value that turns out the same."""
        pending = [k for k in (*RUN_INPUTS, *OPTION_INPUTS) if is_unknown(news.get(k))]
        replaces = [k for k in RUN_INPUTS if k not in pending and olds.get(k) != news.get(k)]
        changed = bool(replaces or pending) or _options(olds) != _options(news)
        return DiffResult(changes=changed, replaces=replaces, delete_before_replace=False)

    # ---- create ----------------------------------------------------------------------------
    def create(self, props: dict[str, Any]) -> CreateResult:
        inputs = _inputs_of(user_inputs(props))
        flow_id = str(inputs["flow_id"])
        wait, timeout = _options(inputs)
        label = f"FlowRun of flow {flow_id}"
        request = RunRequest()
        if inputs.get("start_date") is not None or inputs.get("end_date") is not None:
            request.export = ExportWindow(start_date=inputs.get("start_date"), end_date=inputs.get("end_date"))
        if inputs.get("export_ids"):
            request.export_ids = list(inputs["export_ids"])
        job_id = self._run_once(flow_id, request, label)
        if not wait:
            return CreateResult(job_id, {**inputs, "job_id": job_id, "status": "queued"})
        job = self._wait(flow_id, job_id, timeout, label)
        return CreateResult(job_id, {**inputs, **_job_outputs(job)})

    def _run_once(self, flow_id: str, request: RunRequest, label: str) -> str:
        """POST the run exactly once, however the network behaves; returns the job id.

        The flow's recent jobs are listed first. If the POST's outcome is unknown, the first job created
        after that list is ours (the run was started after all); only when there is none is it tried
        again (`write_once`: looked for during the error's settle window, then backoff).
        """
        since = (datetime.now(UTC) - CLOCK_SKEW_ALLOWANCE).isoformat(timespec="milliseconds").replace("+00:00", "Z")

        def flow_jobs(operation: str) -> list[str]:
            """Ids of the flow's runs created since `since`, newest first (not its export/import/retry jobs)."""
            with translate(label, operation, what="flow_id", id=flow_id):
                jobs = self.client.jobs.list(_flowId=flow_id, type="flow", createdAt_gte=since)
                return [job.id for job in jobs]

        baseline = set(flow_jobs("run"))

        def ours() -> str | None:
            new = [j for j in flow_jobs("run (looking for a run whose start went unanswered)") if j not in baseline]
            return new[-1] if new else None  # the first created: anything later started after our POST

        with translate(label, "run", what="flow_id", id=flow_id):
            try:
                job_id, _ = write_once(lambda: self.client.flows.run(flow_id, request), ours)
            except ValidationError as exc:
                if any(d.code == "inactive_flow" for d in exc.details):
                    raise ResourceError(
                        f"{label}: run failed: the flow is disabled, and integrator.io does not run a disabled "
                        "flow (inactive_flow). Enable it first (disabled=False on its Flow resource, or in "
                        "integrator.io), then deploy again."
                    ) from None
                raise
        return job_id

    def _wait(self, flow_id: str, job_id: str, timeout: float, label: str) -> Job:
        """Poll the job until it is final (`JOB_BACKOFF`), within `timeout` seconds."""
        deadline = time.monotonic() + timeout
        status = "queued"
        for delay in JOB_BACKOFF.delays():
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise ResourceError(
                    f"{label}: job {job_id} is still {status} after {timeout:g} seconds. It goes on in "
                    "integrator.io (Dashboard > Run history). Raise timeout, or set wait=False to not wait "
                    "for runs."
                )
            time.sleep(min(delay, remaining))
            with translate(f"{label}, job {job_id}", "wait"):
                job = self.client.jobs.get(job_id)
            status = job.status or "unknown"
            if job.finished:
                break
        if job.status == "completed":
            return job
        return self._fail(flow_id, job, label)

    def _fail(self, flow_id: str, job: Job, label: str) -> Job:
        """Raise the job's failure, with the flow's name and each of the job's errors."""
        try:
            name = self.client.flows.get(flow_id).name
            flow = f'flow "{name}" ({flow_id})' if name else f"flow {flow_id}"
        except CeligoError:
            flow = f"flow {flow_id}"
        if job.status != "failed":
            raise ResourceError(
                f"FlowRun of {flow}: job {job.id} ended {job.status}, not completed (it was canceled in "
                "integrator.io, or by a change to the flow). Deploy again to run it again."
            )
        try:
            errors = self.client.jobs.errors(job.id)
            listed = "; ".join(f"{e.code or 'error'}: {e.message or '(no message)'}" for e in errors)
        except CeligoError as exc:
            listed = f"(its errors could not be read: {exc})"
        counts = f"{job.num_error or 0} error(s), {job.num_success or 0} record(s) succeeded"
        raise ResourceError(
            f"FlowRun of {flow}: job {job.id} failed ({counts}): {listed or 'integrator.io gave no error details'}. "
            "See integrator.io > Dashboard > Run history; fix the cause, then change triggers to run it again."
        )

    # ---- read ------------------------------------------------------------------------------
    def read(self, id_: str, props: dict[str, Any]) -> ReadResult:
        """Refresh (props: the old outputs) or `FlowRun.get(name, job_id)` (props: none of the program's)."""
        inputs = _inputs_of(user_inputs(props))
        label = f"FlowRun, job {id_}"
        refuse_malformed_id(label, "job id", id_, kind="job")
        with translate(label, "read"):
            try:
                job = self.client.jobs.get(id_)
            except NotFoundError:
                if is_get(props):
                    raise not_found("FlowRun", "id", id_, kind="job") from None
                # A run is a historical event: integrator.io forgetting the job does not undo it, and
                # forgetting the resource would run the flow again on the next `pulumi up`.
                outs = {k: v for k, v in user_inputs(props).items() if k in (*inputs, *JOB_OUTPUTS)}
                return ReadResult(id_, outs, inputs)
        if "flow_id" not in inputs and job.flow_id:
            inputs["flow_id"] = job.flow_id  # FlowRun.get(name, job_id): learn the flow from the job
        return ReadResult(id_, {**inputs, **_job_outputs(job)}, inputs)

    # ---- update ----------------------------------------------------------------------------
    def update(self, _id: str, olds: dict[str, Any], news: dict[str, Any]) -> UpdateResult:
        """Only `wait` or `timeout` changed (the others replace): no API call, the run stays as it was."""
        if changed := [k for k in RUN_INPUTS if olds.get(k) != news.get(k)]:
            raise unplanned_replacement(f"FlowRun of flow {olds.get('flow_id')}", changed)
        job = {k: olds[k] for k in JOB_OUTPUTS if olds.get(k) is not None}
        return UpdateResult({**_inputs_of(user_inputs(news)), **job})

    # ---- delete ----------------------------------------------------------------------------
    def delete(self, _id: str, _props: dict[str, Any]) -> None:
        """A run cannot be undone: nothing to do in the account (a job still running finishes)."""
