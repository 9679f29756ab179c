"""LocalEngine: programs deployed like `pulumi up`, through mocks and the real plugin server."""

from __future__ import annotations

import json
import textwrap
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pulumi
import pytest
from pulumi.runtime import settings
from pulumi_celigo.testing import DeploymentError, LocalEngine, PluginMocks, PluginServer, is_unknown
from pulumi_celigo.testing.__main__ import main as cli_main
from pulumi_celigo.testing._crypto import SecretDecryptionError
from toy_provider import PROJECT, Toy, read_store, write_store

MakeEngine = Callable[..., LocalEngine]
TOY = "pulumi-python:dynamic/toy:Toy"


class Spec:
    """A mutable description of the toys a test program declares."""

    def __init__(self, **toys: dict[str, Any]) -> None:
        self.toys = toys

    def program(self) -> None:
        made: dict[str, Toy] = {}
        for logical, args in self.toys.items():
            args = dict(args)
            opts = args.pop("opts", None)
            after = args.pop("after", None)
            if after is not None:  # depend on another toy through an input
                args["note"] = made[after].serial.apply(lambda s: f"after #{int(s)}")
            made[logical] = Toy(logical, opts=opts, **args)
            pulumi.export(f"{logical}_id", made[logical].id)


def ids(store: Path) -> set[str]:
    return set(read_store(store)["objects"])


def ops_log(store: Path) -> list[list[str]]:
    return [list(op) for op in read_store(store)["ops"]]


def test_create_then_noop(make_engine: MakeEngine, store: Path) -> None:
    spec = Spec(a={"name": "alpha", "size": 1}, b={"name": "beta", "after": "a"})
    engine = make_engine(spec.program)

    first = engine.up()
    assert first.preview is not None and first.preview.summary() == "+ 2 to create"
    assert first.ops() == {"a": "create", "b": "create"}
    assert first.summary() == "+ 2 created"
    assert ids(store) == {"toy-1", "toy-2"}
    assert first.outputs == {"a_id": "toy-1", "b_id": "toy-2"}
    assert engine.resource("b").outputs["note"] == "after #1"
    assert engine.resource("a").urn == f"urn:pulumi:dev::{PROJECT}::{TOY}::a"
    assert engine.resource("b").dependencies == [engine.resource("a").urn]

    second = engine.up()
    assert second.ops() == {"a": "same", "b": "same"}
    assert second.summary() == "2 unchanged"
    assert not second.changed
    assert ops_log(store) == [["create", "toy-1"], ["create", "toy-2"]]


def test_change_is_an_update_with_changed_keys(make_engine: MakeEngine, store: Path) -> None:
    spec = Spec(a={"name": "alpha", "size": 1}, b={"name": "beta"})
    engine = make_engine(spec.program)
    engine.up()
    spec.toys["a"]["size"] = 7
    result = engine.up()
    assert result.preview is not None and result.preview.summary() == "~ 1 to update, 1 unchanged"
    assert result.summary() == "~ 1 updated, 1 unchanged"
    a_id = engine.resource("a").id
    change = result.change("a")
    assert (change.op, change.diffs, change.id) == ("update", ["size"], a_id)
    assert engine.resource("a").outputs["version"] == 2
    assert read_store(store)["objects"][a_id]["size"] == 7


def test_replace_key_creates_then_deletes(make_engine: MakeEngine, store: Path) -> None:
    spec = Spec(a={"name": "alpha", "kind": "x"})
    engine = make_engine(spec.program)
    engine.up()
    spec.toys["a"]["kind"] = "y"
    result = engine.up()
    change = result.change("a")
    assert (change.op, change.replaces, change.old_id, change.id) == ("replace", ["kind"], "toy-1", "toy-2")
    assert result.summary() == "+-1 replaced"
    assert ops_log(store)[1:] == [["create", "toy-2"], ["delete", "toy-1"]]
    assert ids(store) == {"toy-2"}
    assert result.outputs["a_id"] == "toy-2"


def test_delete_before_replace(make_engine: MakeEngine, store: Path) -> None:
    spec = Spec(a={"name": "alpha", "kind": "x", "dbr": True})
    engine = make_engine(spec.program)
    engine.up()
    spec.toys["a"]["kind"] = "y"
    assert engine.up().ops() == {"a": "replace"}
    assert ops_log(store)[1:] == [["delete", "toy-1"], ["create", "toy-2"]]


def test_removed_resources_are_deleted_dependents_first(make_engine: MakeEngine, store: Path) -> None:
    spec = Spec(a={"name": "alpha"}, b={"name": "beta", "after": "a"}, c={"name": "gamma"})
    engine = make_engine(spec.program)
    engine.up()
    a_id, b_id = engine.resource("a").id, engine.resource("b").id
    spec.toys = {"c": spec.toys["c"]}
    result = engine.up()
    assert result.ops() == {"c": "same", "b": "delete", "a": "delete"}
    assert [c.name for c in result.changes if c.op == "delete"] == ["b", "a"]
    assert result.preview is not None and result.preview.summary() == "- 2 to delete, 1 unchanged"
    assert ops_log(store)[3:] == [["delete", b_id], ["delete", a_id]]
    assert [r.name for r in engine.state] == ["c"]


def test_check_failures_are_all_reported_and_nothing_is_written(make_engine: MakeEngine, store: Path) -> None:
    spec = Spec(ok={"name": "fine"}, bad1={"name": ""}, bad2={"name": "", "size": -1})
    engine = make_engine(spec.program)
    with pytest.raises(DeploymentError) as info:
        engine.up()
    errors = info.value.errors
    assert info.value.kind == "preview"
    # One message per failure, worded like the engine's diagnostics.
    assert sorted(errors) == [
        f"{TOY} resource 'bad1': property name value \"\" has a problem: name is required and must not be empty",
        f"{TOY} resource 'bad2': property name value \"\" has a problem: name is required and must not be empty",
        f"{TOY} resource 'bad2': property size value -1.0 has a problem: size must be a non-negative integer, got -1.0",
    ]
    assert "bad1" in str(info.value) and "bad2" in str(info.value)
    assert not store.exists() or ids(store) == set()
    assert len(engine.state) == 0


def test_provider_error_fails_the_update_and_keeps_earlier_work(make_engine: MakeEngine, store: Path) -> None:
    spec = Spec(a={"name": "alpha"}, boom={"name": "boom", "explode": "no capacity left", "after": "a"})
    engine = make_engine(spec.program)
    with pytest.raises(DeploymentError) as info:
        engine.up()
    assert info.value.kind == "update"
    assert info.value.errors == [f"{TOY} (boom): ValueError: Toy 'boom': no capacity left"]
    assert info.value.result is not None and info.value.result.ops() == {"a": "create"}
    assert [r.name for r in engine.state] == ["a"]  # checkpointed before the failure
    # Nothing is deleted when the program fails: a later fixed run picks up from there.
    del spec.toys["boom"]["explode"]
    assert engine.up().ops() == {"a": "same", "boom": "create"}


def test_program_exception_is_reported(make_engine: MakeEngine) -> None:
    def program() -> None:
        Toy("a", name="alpha")
        raise RuntimeError("the program is broken")

    with pytest.raises(DeploymentError, match="RuntimeError: the program is broken"):
        make_engine(program).up()


def test_refresh_reports_drift_and_drops_gone_resources(make_engine: MakeEngine, store: Path) -> None:
    spec = Spec(a={"name": "alpha", "size": 1}, b={"name": "beta"}, c={"name": "gamma"})
    engine = make_engine(spec.program)
    engine.up()
    data = read_store(store)
    data["objects"][engine.resource("a").id]["size"] = 42  # changed out of band
    del data["objects"][engine.resource("b").id]  # deleted out of band
    write_store(store, data)

    result = engine.refresh()
    assert result.ops() == {"a": "update", "b": "delete", "c": "same"}
    assert result.change("a").diffs == ["size"]
    assert result.summary() == "~ 1 updated, - 1 deleted, 1 unchanged"
    assert engine.resource("a").outputs["size"] == 42
    assert engine.state.get("b") is None

    # The program still wants size 1 and b: the next up fixes both.
    again = engine.up()
    assert again.ops() == {"a": "update", "b": "create", "c": "same"}


def test_destroy_deletes_everything_in_reverse_order(make_engine: MakeEngine, store: Path) -> None:
    spec = Spec(a={"name": "alpha"}, b={"name": "beta", "after": "a"}, c={"name": "gamma", "after": "b"})
    engine = make_engine(spec.program)
    engine.up()
    result = engine.destroy()
    assert result.summary() == "- 3 deleted"
    assert [c.name for c in result.changes] == ["c", "b", "a"]
    assert ops_log(store)[3:] == [["delete", "toy-3"], ["delete", "toy-2"], ["delete", "toy-1"]]
    assert len(engine.state) == 0 and engine.outputs == {}


def test_preview_writes_nothing(make_engine: MakeEngine, store: Path, tmp_path: Path) -> None:
    spec = Spec(a={"name": "alpha"}, b={"name": "beta", "after": "a"})
    state_file = tmp_path / "state.json"
    engine = make_engine(spec.program, state_path=state_file)
    planned = engine.preview()
    assert planned.summary() == "+ 2 to create"
    assert is_unknown(planned.outputs["a_id"])  # ids of new resources are not known yet
    assert not store.exists() or ids(store) == set()
    assert not state_file.exists()
    assert len(engine.state) == 0

    engine.up()
    before = state_file.read_text()
    spec.toys["a"]["size"] = 3
    spec.toys["a"]["kind"] = "other"
    planned = engine.preview()
    # b's input derives from a's output, unknown while a is being replaced: b may change too.
    assert planned.ops() == {"a": "replace", "b": "update"}
    assert planned.change("a").diffs == ["kind", "size"]
    assert planned.change("b").diffs == ["note"]
    assert state_file.read_text() == before
    assert ops_log(store) == [["create", "toy-1"], ["create", "toy-2"]]


def test_stack_outputs_and_secrets(make_engine: MakeEngine) -> None:
    def program() -> dict[str, Any]:
        cfg = pulumi.Config("toy")
        a = Toy("a", name="alpha", size=2)
        pulumi.export("size", a.size)
        pulumi.export("token", cfg.require_secret("apiToken"))
        pulumi.export("nested", {"names": [a.name, "x"], "n": 1})
        return {"from_return": a.id}  # a returned mapping is exported too

    engine = make_engine(program, secret_config={"toy:apiToken": "tok-123"})
    result = engine.up()
    assert result.outputs == {
        "size": 2,
        "token": "tok-123",
        "nested": {"names": ["alpha", "x"], "n": 1},
        "from_return": "toy-1",
    }
    assert result.secret_outputs == {"token"}
    assert engine.outputs["size"] == 2


def test_state_file_has_no_secret_and_round_trips(make_engine: MakeEngine, tmp_path: Path) -> None:
    secret_value = "pa55-w0rd-never-in-state"

    def program() -> None:
        cfg = pulumi.Config("toy")
        a = Toy("a", name="alpha", note=cfg.require_secret("apiToken"))
        pulumi.export("note", a.note)

    state_file = tmp_path / "stack.json"
    engine = make_engine(
        program, secret_config={"toy:apiToken": secret_value}, state_path=state_file, passphrase="correct horse"
    )
    result = engine.up()
    assert result.outputs["note"] == secret_value and "note" in result.secret_outputs
    assert engine.resource("a").secret_outputs >= {"note"}

    text = state_file.read_text()
    assert secret_value not in text
    doc = json.loads(text)
    note = doc["resources"][engine.resource("a").urn]["outputs"]["note"]
    assert set(note) == {"4dabf18193072939515e22adb298388d", "ciphertext"}
    assert secret_value not in engine.plugin_output()

    # A second engine (a second `pulumi up` run) finds the first run's state.
    again = make_engine(
        program, secret_config={"toy:apiToken": secret_value}, state_path=state_file, passphrase="correct horse"
    )
    assert again.resource("a").outputs["note"] == secret_value
    assert again.up().ops() == {"a": "same"}

    with pytest.raises(SecretDecryptionError, match="incorrect passphrase"):
        make_engine(program, state_path=state_file, passphrase="wrong")


def test_concurrent_registrations_are_forwarded_in_parallel(make_engine: MakeEngine, store: Path) -> None:
    delay = 0.6
    spec = Spec(**{f"t{i}": {"name": f"t{i}", "sleep": delay} for i in range(4)})
    engine = make_engine(spec.program)
    start = time.monotonic()
    result = engine.up(skip_preview=True)
    elapsed = time.monotonic() - start
    assert result.summary() == "+ 4 created"
    assert read_store(store)["max_active"] >= 2
    assert elapsed < 4 * delay + 1.0


def test_directory_program_with_project_file(make_engine: MakeEngine, tmp_path: Path, store: Path) -> None:
    project = tmp_path / "proj"
    project.mkdir()
    (project / "Pulumi.yaml").write_text("name: toyproj\nruntime: python\n")
    (project / "Pulumi.dev.yaml").write_text("config:\n  toyproj:prefix: from-stack-file\n")
    (project / "helpers.py").write_text("def label(prefix):\n    return prefix + '-thing'\n")
    (project / "__main__.py").write_text(
        textwrap.dedent("""
        import os
        import pulumi
        from helpers import label
        from toy_provider import Toy

        cfg = pulumi.Config()
        a = Toy("a", name=label(cfg.require("prefix")), size=cfg.get_int("size") or 0)
        pulumi.export("name", a.name)
        pulumi.export("cwd", os.getcwd())
        pulumi.export("project", pulumi.get_project())
        pulumi.export("stack", pulumi.get_stack())
    """)
    )
    engine = make_engine(project, project=None, config={"size": 3})
    assert engine.project == "toyproj"
    assert engine.config["toyproj:size"] == "3"
    result = engine.up()
    assert result.outputs == {
        "name": "from-stack-file-thing",
        "cwd": str(project),
        "project": "toyproj",
        "stack": "dev",
    }
    assert engine.resource("a").urn == f"urn:pulumi:dev::toyproj::{TOY}::a"
    assert engine.resource("a").outputs["size"] == 3
    assert engine.up().summary() == "1 unchanged"


def test_components_and_options(make_engine: MakeEngine, store: Path) -> None:
    class Group(pulumi.ComponentResource):
        def __init__(self, name: str) -> None:
            super().__init__("toy:index:Group", name)
            self.member = Toy(f"{name}-m", name="member", opts=pulumi.ResourceOptions(parent=self))
            self.register_outputs({})

    sizes = {"size": 1}

    def program() -> None:
        Group("g")
        Toy("ign", name="ignored", size=sizes["size"], opts=pulumi.ResourceOptions(ignore_changes=["size"]))
        Toy("sec", name="secret-out", opts=pulumi.ResourceOptions(additional_secret_outputs=["name"]))

    engine = make_engine(program)
    result = engine.up()
    assert result.ops() == {"g": "create", "g-m": "create", "ign": "create", "sec": "create"}
    member = engine.resource("g-m")
    assert member.urn == f"urn:pulumi:dev::{PROJECT}::toy:index:Group${TOY}::g-m"
    assert member.parent == engine.resource("g").urn
    assert engine.resource("sec").secret_outputs == {"name"}

    sizes["size"] = 5  # ignored: no update
    assert engine.up().ops()["ign"] == "same"
    # Destroy deletes the child before its parent component.
    order = [c.name for c in engine.destroy().changes]
    assert sorted(order) == ["g", "g-m", "ign", "sec"]
    assert order.index("g-m") < order.index("g")


def test_invokes_fail_clearly(make_engine: MakeEngine) -> None:
    def program() -> None:
        pulumi.runtime.invoke("toy:index:getThing", {})

    with pytest.raises(DeploymentError, match="dynamic providers have no functions"):
        make_engine(program).up()


def test_set_mocks_still_works_afterwards(make_engine: MakeEngine) -> None:
    make_engine(Spec(a={"name": "alpha"}).program).up()

    class EchoMocks(pulumi.runtime.Mocks):
        def new_resource(self, args: pulumi.runtime.MockResourceArgs) -> tuple[str, dict[str, Any]]:
            return f"{args.name}-id", dict(args.inputs)

        def call(self, args: pulumi.runtime.MockCallArgs) -> tuple[dict[str, Any], None]:
            return {}, None

    pulumi.runtime.set_mocks(EchoMocks(), preview=False)

    @pulumi.runtime.test
    def check_echo() -> pulumi.Output[Any]:
        toy = Toy("plain", name="echoed", size=2)
        return pulumi.Output.all(toy.id, toy.size).apply(lambda v: assert_equal(v, ["plain-id", 2]))

    check_echo()


def assert_equal(actual: Any, expected: Any) -> None:
    assert actual == expected


def test_plugin_mocks_in_a_runtime_test(plugin: PluginServer, store: Path) -> None:
    # PluginMocks on their own, in the usual @pulumi.runtime.test style.
    mocks = PluginMocks(plugin)
    pulumi.runtime.set_mocks(mocks, project=PROJECT, stack="dev", preview=False, monitor=mocks.monitor)

    @pulumi.runtime.test
    def check_created() -> pulumi.Output[Any]:
        toy = Toy("m", name="mocked", size=4)
        return pulumi.Output.all(toy.id, toy.size, toy.serial).apply(lambda v: assert_equal(v, ["toy-1", 4, 1]))

    check_created()
    assert mocks.result("update").ops() == {"m": "create"}
    assert mocks.state.get("m") is not None
    assert ids(store) == {"toy-1"}


def test_no_settings_leak_into_fresh_threads(make_engine: MakeEngine) -> None:
    def settings_seen_by_a_new_thread() -> tuple[Any, Any]:
        seen: list[tuple[Any, Any]] = []
        thread = threading.Thread(target=lambda: seen.append((settings.SETTINGS.project, settings.SETTINGS.monitor)))
        thread.start()
        thread.join()
        return seen[0]

    before = settings_seen_by_a_new_thread()
    pending_before = len(settings.SETTINGS.outputs)
    make_engine(Spec(a={"name": "alpha"}).program, project="another-project").up()
    assert settings_seen_by_a_new_thread() == before
    # The caller's context gets no stray tasks from the deployment's loop.
    assert len(settings.SETTINGS.outputs) == pending_before


def test_report_lists_resources_summary_and_outputs(make_engine: MakeEngine) -> None:
    spec = Spec(a={"name": "alpha", "size": 1})
    engine = make_engine(spec.program)
    engine.up()
    spec.toys["a"]["size"] = 2
    report = engine.up().report()
    assert report.splitlines() == [
        f" ~ {TOY} a update [diff: size]",
        "Resources: ~ 1 updated",
        "Outputs:",
        '    a_id: "toy-1"',
    ]


def test_cli_runs_a_project_twice_against_its_state(
    tmp_path: Path,
    store: Path,
    plugin_env: dict[str, str],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    project = tmp_path / "proj"
    project.mkdir()
    (project / "Pulumi.yaml").write_text("name: clidemo\nruntime: python\n")
    (project / "__main__.py").write_text(
        textwrap.dedent("""
        import pulumi
        from toy_provider import Toy

        toy = Toy("a", name="from-cli", note=pulumi.Config("toy").require_secret("apiToken"))
        pulumi.export("id", toy.id)
        pulumi.export("note", toy.note)
    """)
    )
    monkeypatch.setenv("PYTHONPATH", plugin_env["PYTHONPATH"])
    monkeypatch.setenv("PULUMI_CONFIG_PASSPHRASE", "cli-pass")
    state = tmp_path / "state.json"
    argv = ["up", str(project), "--state", str(state), "-c", f"toy:storePath={store}", "-s", "toy:apiToken=tkn-9"]

    assert cli_main(argv) == 0
    first = capsys.readouterr().out
    assert "Resources: + 1 created" in first and "note: [secret]" in first and "tkn-9" not in first
    assert cli_main(argv) == 0
    assert "Resources: 1 unchanged" in capsys.readouterr().out
    assert "tkn-9" not in state.read_text()
    assert cli_main(["destroy", str(project), "--state", str(state), "-c", f"toy:storePath={store}"]) == 0
    assert "Resources: - 1 deleted" in capsys.readouterr().out


def test_get_reads_an_existing_object(make_engine: MakeEngine) -> None:
    engine = make_engine(Spec(a={"name": "alpha", "size": 6}).program)
    engine.up()
    existing = engine.resource("a").id

    def reader() -> None:
        got = Toy("copy", name="ignored", opts=pulumi.ResourceOptions(id=existing))
        pulumi.export("size", got.size)

    reading = make_engine(reader, stack="other")
    result = reading.up()
    assert result.ops() == {"copy": "read"}
    assert result.outputs == {"size": 6}
    assert len(reading.state) == 0  # read resources are not managed


def test_protected_resources_are_not_deleted(make_engine: MakeEngine, store: Path) -> None:
    spec = Spec(a={"name": "alpha", "opts": pulumi.ResourceOptions(protect=True)})
    engine = make_engine(spec.program)
    engine.up()
    assert engine.resource("a").protect
    with pytest.raises(DeploymentError, match="unable to delete a protected resource"):
        engine.destroy()
    assert len(ids(store)) == 1


def test_failed_delete_of_a_replaced_object_is_retried(make_engine: MakeEngine, store: Path) -> None:
    spec = Spec(a={"name": "alpha", "kind": "x"})
    engine = make_engine(spec.program)
    engine.up()
    data = read_store(store)
    data["locked"] = ["toy-1"]
    write_store(store, data)

    spec.toys["a"]["kind"] = "y"
    with pytest.raises(DeploymentError, match="stays pending deletion") as info:
        engine.up()
    assert "RuntimeError: toy toy-1 is locked" in info.value.errors[0]
    assert engine.resource("a").id == "toy-2"
    assert [r.id for r in engine.state.pending_deletes] == ["toy-1"]
    assert ids(store) == {"toy-1", "toy-2"}

    data = read_store(store)
    data["locked"] = []
    write_store(store, data)
    result = engine.up()
    assert [(c.name, c.op, c.old_id) for c in result.changes] == [("a", "same", "toy-2"), ("a", "delete", "toy-1")]
    assert engine.state.pending_deletes == []
    assert ids(store) == {"toy-2"}


def test_check_failure_messages_hide_secret_values(make_engine: MakeEngine) -> None:
    def program() -> None:
        Toy("s", name=pulumi.Output.secret(""))

    with pytest.raises(DeploymentError) as info:
        make_engine(program).preview()
    assert info.value.errors == [
        f"{TOY} resource 's': property name value [secret] has a problem: name is required and must not be empty"
    ]
