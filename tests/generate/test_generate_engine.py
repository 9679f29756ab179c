"""The generated program on the real Pulumi engine, against the emulator: the first `pulumi up` adopts
everything with zero writes, a preview then shows no change, an edit of one field is one write to that
object, and generating again after `up` gives the same bytes."""

from __future__ import annotations

from pathlib import Path

from tests.e2e.engine import Engine, account, writes
from tests.generate.conftest import Estate, generate


def test_generated_program_adopts_with_zero_writes_then_one_edit_is_one_write(
    engine: Engine, estate: Estate, tmp_path: Path
) -> None:
    emu = estate.emulator
    before = account(emu)
    first = generate(emu, tmp_path / "gen", "--integration", estate.integration, "--stack", "dev")
    main = first["__main__.py"].decode()
    resources = main.count("= celigo.")

    stack = engine.stack(engine.program("adopted", source=tmp_path / "gen"))
    emu.reset_request_counts()
    result = stack.auto.up()
    assert result.summary.resource_changes == {"create": resources + 1}  # + the stack itself
    assert writes(emu.request_counts()) == {}
    assert account(emu) == before  # nothing duplicated, nothing changed
    stack.auto.preview(expect_no_changes=True)

    # Regenerating after `up` gives the same program, byte for byte.
    assert generate(emu, tmp_path / "again", "--integration", estate.integration, "--stack", "dev") == first

    # One field edited in the generated code: exactly one write, to that flow.
    program = stack.work_dir / "__main__.py"
    old = 'schedule="? 0 2 ? * *",'
    assert main.count(old) == 1
    program.write_text(program.read_text().replace(old, 'schedule="? 30 4 ? * *",'))
    emu.reset_request_counts()
    assert stack.auto.up().summary.resource_changes == {"same": resources, "update": 1}
    assert writes(emu.request_counts()) == {"PATCH /v1/flows/{id}": 1}
    after = account(emu)
    github = estate.flows["github"]
    assert after["flows"][github]["schedule"] == "? 30 4 ? * *"
    after["flows"][github]["schedule"] = "? 0 2 ? * *"
    assert after == before
