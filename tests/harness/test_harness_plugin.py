"""PluginServer: the real `python -m pulumi.dynamic` server driven over gRPC like the engine."""

from __future__ import annotations

import gc
import hashlib
import json
import os
import sys
import threading
import time
from pathlib import Path

import grpc
import pytest
from pulumi_celigo.testing import (
    PROVIDER_KEY,
    PluginError,
    PluginServer,
    PluginStartupError,
    provider_blob,
    secret,
    unknown,
    urn,
    user_message,
)
from toy_provider import PROJECT, ToyProvider, read_store

TOY = "pulumi-python:dynamic/toy:Toy"


def toy_urn(name: str) -> str:
    return urn(TOY, name, PROJECT, "dev")


def props(**values: object) -> dict[str, object]:
    return {PROVIDER_KEY: provider_blob(ToyProvider()), **values}


def test_urn_helper() -> None:
    assert urn(TOY, "a", "proj", "dev") == "urn:pulumi:dev::proj::pulumi-python:dynamic/toy:Toy::a"
    assert urn("x:y:Z", "c", "p", "s", parent_type="my:comp:C") == "urn:pulumi:s::p::my:comp:C$x:y:Z::c"


def test_provider_is_pickled_by_reference() -> None:
    # An importable provider class pickles as a tiny by-reference blob (tens of bytes).
    assert len(provider_blob(ToyProvider())) < 120


def test_configure_receives_namespaced_config_and_secret(plugin_env: dict[str, str], store: Path) -> None:
    with PluginServer(project=PROJECT, env=plugin_env) as server:
        server.configure(
            {"toy:storePath": str(store), "toy:apiToken": "s3cr3t-token", f"{PROJECT}:greeting": "hello"},
            secret_keys=["toy:apiToken"],
        )
        assert server.accepts_secrets is False  # so the engine strips secrets from every call
        # The provider is unpickled and configured on its first use.
        assert server.check(toy_urn("a"), {}, props(name="a")).ok
        output = server.output()
    seen = json.loads(store.with_name(store.name + ".configure.json").read_text())
    assert seen["keys"] == [f"{PROJECT}:greeting", "toy:apiToken", "toy:storePath"]
    assert seen["greeting"] == "hello"  # bare key resolved in the project's namespace
    assert seen["project"] == PROJECT
    assert seen["token_type"] == "str"  # the secret arrives unwrapped
    assert seen["token_sha256"] == hashlib.sha256(b"s3cr3t-token").hexdigest()
    assert "s3cr3t-token" not in output


def test_check_reports_every_failure(plugin: PluginServer) -> None:
    outcome = plugin.check(toy_urn("bad"), {}, props(name="", size=-2))
    assert not outcome.ok
    assert outcome.failures == [
        ("name", "name is required and must not be empty"),
        ("size", "size must be a non-negative integer, got -2.0"),
    ]
    assert outcome.messages()[0] == "name: name is required and must not be empty"


def test_check_normalises_and_keeps_provider(plugin: PluginServer) -> None:
    outcome = plugin.check(toy_urn("a"), {}, props(name="a", size=3, ignored="x"))
    assert outcome.ok
    assert outcome.inputs["size"] == 3
    assert "ignored" not in outcome.inputs
    assert outcome.inputs[PROVIDER_KEY] == provider_blob(ToyProvider())


def test_crud_roundtrip(plugin: PluginServer, store: Path) -> None:
    u = toy_urn("a")
    checked = plugin.check(u, {}, props(name="a", size=1)).inputs
    id_, outs = plugin.create(u, checked)
    assert id_ == "toy-1"
    assert outs["serial"] == 1 and outs["version"] == 1
    assert outs[PROVIDER_KEY] == checked[PROVIDER_KEY]  # the server echoes __provider

    same = plugin.diff(id_, u, outs, checked)
    assert same.changes is False and same.replaces == []

    news = plugin.check(u, checked, props(name="a", size=2)).inputs
    diff = plugin.diff(id_, u, outs, news)
    assert diff.changes is True and diff.replaces == [] and diff.diffs == []  # the SDK sends no diffs
    outs2 = plugin.update(id_, u, outs, news)
    assert outs2["size"] == 2 and outs2["version"] == 2

    read_id, read_outs, read_inputs = plugin.read(id_, u, outs2, news)
    assert read_id == id_ and read_outs["size"] == 2 and read_inputs is None

    plugin.delete(id_, u, outs2)
    assert read_store(store)["objects"] == {}
    gone_id, _, _ = plugin.read(id_, u, outs2, news)
    assert gone_id == ""  # an empty id means the object is gone


def test_replace_keys_and_delete_before_replace(plugin: PluginServer) -> None:
    u = toy_urn("a")
    olds = plugin.check(u, {}, props(name="a", kind="x")).inputs
    news = plugin.check(u, olds, props(name="a", kind="y", dbr=True)).inputs
    diff = plugin.diff("toy-9", u, olds, news)
    assert diff.changes is True
    assert diff.replaces == ["kind"]
    assert diff.delete_before_replace is True


def test_unknowns_reach_check_and_diff(plugin: PluginServer) -> None:
    u = toy_urn("a")
    checked = plugin.check(u, {}, props(name=unknown(), size=1))
    assert checked.ok  # unknown values are not validated
    assert isinstance(checked.inputs["name"], type(unknown()))
    diff = plugin.diff("toy-1", u, {"name": "a", "size": 1}, checked.inputs)
    assert diff.changes is True


def test_secret_wrapped_values_are_unwrapped(plugin: PluginServer) -> None:
    # Under mocks, __provider (and secret inputs) arrive secret-wrapped; the engine unwraps them.
    u = toy_urn("s")
    wrapped = {PROVIDER_KEY: secret(provider_blob(ToyProvider())), "name": "s", "note": secret("hush")}
    checked = plugin.check(u, {}, wrapped)
    assert checked.ok
    assert checked.inputs["note"] == "hush"
    assert checked.inputs[PROVIDER_KEY] == provider_blob(ToyProvider())


def test_plugin_error_message_is_the_exception(plugin: PluginServer) -> None:
    u = toy_urn("boom")
    checked = plugin.check(u, {}, props(name="boom", explode="explode requested")).inputs
    with pytest.raises(PluginError) as info:
        plugin.create(u, checked)
    err = info.value
    assert str(err) == "ValueError: Toy 'boom': explode requested"
    assert err.code == grpc.StatusCode.UNKNOWN
    assert err.traceback.startswith("Traceback (most recent call last):")
    assert "toy_provider.py" in err.traceback
    assert err.method == "Create"


def test_user_message_takes_the_last_exception() -> None:
    tb = (
        "Traceback (most recent call last):\n"
        '  File "a.py", line 1, in f\n'
        "    raise KeyError('x')\n"
        "KeyError: 'x'\n"
        "\n"
        "During handling of the above exception, another exception occurred:\n"
        "\n"
        "Traceback (most recent call last):\n"
        '  File "b.py", line 2, in g\n'
        "    raise ValueError(msg)\n"
        "    ^^^^^^^^^^^^^^^^^^^^^\n"
        "ValueError: Flow 'x': schedule is invalid\n"
        "use a cron expression\n"
    )
    assert user_message(tb) == "ValueError: Flow 'x': schedule is invalid\nuse a cron expression"
    assert user_message("plain details") == "plain details"


def test_concurrent_calls_from_four_threads(plugin: PluginServer, store: Path) -> None:
    delay = 0.6
    results: dict[int, str] = {}
    errors: list[BaseException] = []

    def work(i: int) -> None:
        try:
            u = toy_urn(f"c{i}")
            checked = plugin.check(u, {}, props(name=f"c{i}", sleep=delay)).inputs
            results[i], _ = plugin.create(u, checked)
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(i,)) for i in range(4)]
    start = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - start
    assert not errors
    assert sorted(results.values()) == ["toy-1", "toy-2", "toy-3", "toy-4"]
    data = read_store(store)
    assert data["max_active"] >= 2  # the server's 4 workers ran creates side by side
    assert elapsed < 4 * delay


def test_server_output_is_captured(plugin: PluginServer) -> None:
    u = toy_urn("a")
    plugin.create(u, plugin.check(u, {}, props(name="a")).inputs)
    deadline = time.monotonic() + 5
    while "toy: created toy-1" not in plugin.output() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert "toy: created toy-1" in plugin.output()


def test_startup_failure_reports_stderr(tmp_path: Path) -> None:
    broken = tmp_path / "pulumi"
    broken.mkdir()
    (broken / "__init__.py").write_text("raise SystemExit('this pulumi is broken on purpose')\n")
    server = PluginServer(env={"PYTHONPATH": str(tmp_path)}, startup_timeout=20)
    with pytest.raises(PluginStartupError, match="this pulumi is broken on purpose"):
        server.start()
    assert not server.running


def test_calls_after_close_fail_clearly(plugin_env: dict[str, str]) -> None:
    server = PluginServer(env=plugin_env).start()
    assert server.get_plugin_info()
    server.close()
    assert not server.running
    with pytest.raises(PluginError, match="not started"):
        server.get_plugin_info()


def test_uses_this_interpreter() -> None:
    assert PluginServer().python == sys.executable


def test_a_dropped_server_does_not_outlive_its_object() -> None:
    server = PluginServer().start()
    pid = server.pid
    assert pid is not None
    del server
    gc.collect()
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.05)
    pytest.fail(f"plugin server {pid} still running")
