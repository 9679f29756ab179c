"""An offline emulator of the Celigo integrator.io REST API v1, for tests, demos and benchmarks.

It is an independent oracle for the provider: it imports nothing from ``pulumi_celigo`` outside
this package and follows the project's API contract (``docs/api-contract.md``),
not the client's assumptions. Decisions the contract leaves open are listed in ``README.md`` here.

    from pulumi_celigo.emulator import running_emulator
    with running_emulator(token="t", seed="demo") as emu:
        ...  # emu.base_url, emu.seed_ids, emu.set_faults(...), emu.request_counts()
    admin_request(emu.root_url, "GET", "/requests")  # the admin plane over HTTP, guard headers set

Layout (after moto): ``app`` routes and thin handlers, ``models`` the account's rules,
``validation`` document checks, ``store`` SQLite documents, ``errors`` the wire format of
errors, ``ratelimit``, ``faults``, ``requestlog``, ``audit``, ``masking``, ``seed``, ``server``
(threaded HTTP/1.1 server), ``cli`` (the ``pulumi-celigo-emulator`` command).
"""

from .adminclient import ADMIN_HEADERS, admin_request
from .seed import DEMO_IDS
from .server import EmulatorOptions, EmulatorServer, running_emulator

__all__ = ["ADMIN_HEADERS", "DEMO_IDS", "EmulatorOptions", "EmulatorServer", "admin_request", "running_emulator"]
