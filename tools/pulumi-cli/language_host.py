"""A Python language host for the Pulumi CLI that `scripts/pulumi-cli` builds.

Pulumi releases ship `pulumi-language-python`, a Go program; its Go module is not served by the
module proxy these machines reach, so this is ours, on the SDK's own gRPC stubs. The engine
starts it as `pulumi-language-python [flags] <engine address>`, reads the port it prints, and
calls `Run` once per program run. `Run` starts the program in a child process with the release's
own executor, `pulumi-language-python-exec` (the Python script the SDK's Go module carries, which
`scripts/pulumi-cli` copies next to this file), in the project's virtualenv
(`runtime.options.virtualenv` in Pulumi.yaml) when it names one.

It implements what `pulumi preview/up/refresh/destroy` ask of a language host; dependency
installation, templates, code generation and packing answer UNIMPLEMENTED, as they are not ours
to do (install with pip into the virtualenv).
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from concurrent import futures
from pathlib import Path
from typing import Any

import grpc
from google.protobuf import empty_pb2, struct_pb2
from pulumi.runtime.proto import language_pb2, language_pb2_grpc, plugin_pb2

#: The release's executor, copied from the Go module cache (`sdk/v3@<version>/python/cmd/`).
EXECUTOR = Path(__file__).resolve().with_name("pulumi-language-python-exec")
#: What the executor exits with when it has already reported the program's error to the engine.
BAIL_EXIT_CODE = 32


def _option(options: struct_pb2.Struct, key: str) -> str | None:
    value = options.fields.get(key)
    return value.string_value if value is not None and value.string_value else None


def program_python(info: language_pb2.ProgramInfo) -> str:
    """The interpreter for the program: the project's virtualenv, else $PULUMI_PYTHON_CMD, else python3."""
    venv = _option(info.options, "virtualenv")
    if venv:
        root = Path(info.root_directory or ".")
        candidate = (root / venv).resolve() / "bin" / "python"
        if candidate.exists():
            return str(candidate)
        raise FileNotFoundError(
            f"the project's virtualenv {venv!r} (Pulumi.yaml runtime.options.virtualenv) has no "
            f"{candidate}: create it (python3 -m venv {venv}) and install the program's requirements"
        )
    return os.environ.get("PULUMI_PYTHON_CMD") or shutil.which("python3") or sys.executable


class LanguageHost(language_pb2_grpc.LanguageRuntimeServicer):
    """The language runtime service: plugin metadata, and `Run`."""

    def __init__(self, engine_address: str) -> None:
        self.engine_address = engine_address
        self._children: set[subprocess.Popen[bytes]] = set()
        self._lock = threading.Lock()

    def Handshake(self, request: language_pb2.LanguageHandshakeRequest, context: Any) -> Any:
        if request.engine_address:
            self.engine_address = request.engine_address
        return language_pb2.LanguageHandshakeResponse()

    def GetPluginInfo(self, request: empty_pb2.Empty, context: Any) -> plugin_pb2.PluginInfo:
        from pulumi._version import _VERSION  # the SDK's version: this host speaks its protocol

        return plugin_pb2.PluginInfo(version=_VERSION)

    def GetRequiredPlugins(self, request: Any, context: Any) -> Any:
        return language_pb2.GetRequiredPluginsResponse()

    def GetRequiredPackages(self, request: Any, context: Any) -> Any:
        return language_pb2.GetRequiredPackagesResponse()

    def GetProgramDependencies(self, request: Any, context: Any) -> Any:
        return language_pb2.GetProgramDependenciesResponse()

    def About(self, request: Any, context: Any) -> language_pb2.AboutResponse:
        version = ".".join(str(part) for part in sys.version_info[:3])
        return language_pb2.AboutResponse(executable=sys.executable, version=version)

    def RuntimeOptionsPrompts(self, request: Any, context: Any) -> Any:
        return language_pb2.RuntimeOptionsResponse()

    def Run(self, request: language_pb2.RunRequest, context: Any) -> language_pb2.RunResponse:
        try:
            python = program_python(request.info)
        except FileNotFoundError as exc:
            return language_pb2.RunResponse(error=str(exc))
        program_dir = request.info.program_directory or request.pwd
        entry = request.info.entry_point or "."
        env = dict(os.environ)
        env["PULUMI_CONFIG"] = json.dumps(dict(request.config))
        env["PULUMI_CONFIG_SECRET_KEYS"] = json.dumps(list(request.configSecretKeys))
        command = [python, "-u", str(EXECUTOR)]
        command += ["--monitor", request.monitor_address]
        command += ["--engine", (request.args[0] if request.args else "") or self.engine_address]
        command += ["--project", request.project, "--stack", request.stack]
        command += ["--organization", request.organization or "organization"]
        if request.info.root_directory:
            command += ["--root_directory", request.info.root_directory]
        command += ["--pwd", request.pwd or program_dir]
        command += ["--dry_run", "true" if request.dryRun else "false", "--parallel", str(request.parallel)]
        command.append(str(Path(program_dir) / entry))
        child = subprocess.Popen(command, cwd=request.pwd or program_dir, env=env)
        with self._lock:
            self._children.add(child)
        try:
            code = child.wait()
        finally:
            with self._lock:
                self._children.discard(child)
        if code == 0:
            return language_pb2.RunResponse()
        if code == BAIL_EXIT_CODE:
            return language_pb2.RunResponse(bail=True)
        return language_pb2.RunResponse(error=f"the Python program exited with code {code}")

    def Cancel(self, request: Any, context: Any) -> empty_pb2.Empty:
        self.stop_programs()
        return empty_pb2.Empty()

    def stop_programs(self) -> None:
        with self._lock:
            for child in self._children:
                child.terminate()


def watch_parent(host: LanguageHost, server: grpc.Server) -> None:
    """Leave when the engine does: a killed `pulumi` cannot stop its plugins, so when this process is
    orphaned (its parent changes) it stops the program it runs and exits, instead of lingering."""
    parent = os.getppid()
    while os.getppid() == parent:
        time.sleep(1)
    host.stop_programs()
    server.stop(grace=0)


def main(argv: list[str]) -> int:
    positional = [arg for arg in argv if not arg.startswith("-")]
    host = LanguageHost(positional[-1] if positional else "")
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=4), options=[("grpc.max_receive_message_length", -1)])
    language_pb2_grpc.add_LanguageRuntimeServicer_to_server(host, server)
    port = server.add_insecure_port("127.0.0.1:0")
    server.start()
    print(port, flush=True)

    # The engine stops its plugins with SIGINT (then SIGKILL): stop the program, if one runs, and leave quietly.
    def leave(*_: object) -> None:
        host.stop_programs()
        server.stop(grace=0)

    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, leave)
    threading.Thread(target=watch_parent, args=(host, server), daemon=True).start()
    server.wait_for_termination()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
