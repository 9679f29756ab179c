"""A program may register thousands of dynamic resources: serialising their providers must not grow
the pickler (the SDK's `serialize_provider` leaks a frame per call: provider/pulumi_celigo/_serialize.py)."""

from __future__ import annotations

import subprocess
import sys
import textwrap

from tests.conftest import REPO

MANY = 1500  # beyond the interpreter's default recursion limit (1000)


def run(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)], cwd=REPO, capture_output=True, text=True, timeout=120
    )


def test_the_sdks_own_serialisation_leaks_a_frame_per_call() -> None:
    """The reason for `_serialize`: should this start failing, the SDK was fixed and `_serialize` can go."""
    done = run(f"""
        from pulumi.dynamic.dynamic import serialize_provider
        from pulumi_celigo.providers.flow import FlowProvider
        for _ in range({MANY}):
            serialize_provider(FlowProvider())
    """)
    assert done.returncode != 0 and "RecursionError" in done.stderr


def test_ours_serialises_any_number_of_providers_and_leaves_pickle_as_it_was() -> None:
    done = run(f"""
        import pickle
        from pulumi_celigo import _serialize
        from pulumi_celigo.providers.flow import FlowProvider
        before = pickle._Pickler._batch_setitems, pickle._Pickler.save_dict
        blobs = {{_serialize.provider_blob(FlowProvider()) for _ in range({MANY})}}
        assert (pickle._Pickler._batch_setitems, pickle._Pickler.save_dict) == before
        assert len(blobs) == 1, blobs  # deterministic: one provider, one blob
        print(len(next(iter(blobs))))
    """)
    assert done.returncode == 0, done.stderr[-2000:]
    assert int(done.stdout) < 400  # a by-reference pickle, not the class's bytecode


def test_a_program_of_many_resources_registers_them_all() -> None:
    """More Flows in one program (under Pulumi's mocks) than the SDK's own serialisation survives."""
    done = run(f"""
        import pulumi
        import pulumi_celigo as celigo

        class Mocks(pulumi.runtime.Mocks):
            def new_resource(self, args):
                return [args.name + "-id", args.inputs]

            def call(self, args):
                return {{}}

        pulumi.runtime.set_mocks(Mocks(), preview=False)
        flows = [celigo.Flow(f"f{{i}}", name=f"F {{i}}") for i in range({MANY})]
        for flow in flows:
            flow.name.apply(lambda _: None)
        print(len(flows))
    """)
    assert done.returncode == 0, done.stderr[-2000:]
    assert int(done.stdout.strip().splitlines()[-1]) == MANY
