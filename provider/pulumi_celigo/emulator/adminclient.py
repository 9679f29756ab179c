"""One way to call the emulator's admin plane (``/__emulator``) over HTTP, from tests and tools.

The admin plane refuses requests a web page could forge (see the emulator's README): it wants
``X-Emulator-Admin: 1``, a loopback ``Host`` and, on POST/PUT, ``Content-Type: application/json``.
``admin_request`` sends all of it::

    admin_request(emu.root_url, "PUT", "/faults", {"rules": []}).raise_for_status()
    counts = admin_request(emu.root_url, "GET", "/requests").json()
"""

from __future__ import annotations

from typing import Any

import requests

from .app import ADMIN_HEADER

ADMIN_HEADERS = {ADMIN_HEADER: "1", "Content-Type": "application/json"}


def admin_request(
    root_url: str, method: str, path: str, body: Any = None, *, timeout: float = 10.0
) -> requests.Response:
    """``method /__emulator{path}`` on the emulator at ``root_url`` (``http://127.0.0.1:8765``)."""
    return requests.request(
        method,
        f"{root_url.rstrip('/')}/__emulator{path}",
        json=body,
        headers=ADMIN_HEADERS,
        timeout=timeout,
    )
