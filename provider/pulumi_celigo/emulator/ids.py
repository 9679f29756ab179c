"""ObjectIds and timestamps as integrator.io writes them.

Ids are 24-hex-digit MongoDB ObjectIds: 4 bytes of seconds since the epoch, 5 random bytes
chosen once per process and a 3-byte counter, so they are unique and roughly time ordered.
Timestamps are ISO-8601 UTC with milliseconds and a trailing ``Z``.
"""

from __future__ import annotations

import itertools
import os
import re
import threading
import time
from datetime import UTC, datetime

_OBJECT_ID = re.compile(r"^[0-9a-fA-F]{24}$")
_PROCESS_BYTES = os.urandom(5)
_counter = itertools.count(int.from_bytes(os.urandom(3), "big"))
_counter_lock = threading.Lock()


def new_object_id() -> str:
    """A fresh ObjectId (lower-case hex)."""
    with _counter_lock:
        count = next(_counter) & 0xFFFFFF
    seconds = int(time.time()) & 0xFFFFFFFF
    return (seconds.to_bytes(4, "big") + _PROCESS_BYTES + count.to_bytes(3, "big")).hex()


def is_object_id(value: object) -> bool:
    """True for a string of exactly 24 hexadecimal digits."""
    return isinstance(value, str) and _OBJECT_ID.match(value) is not None


def format_time(moment: datetime) -> str:
    """``2017-06-19T21:27:09.945Z``."""
    moment = moment.astimezone(UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


def now_iso() -> str:
    """The current time in the API's timestamp format."""
    return format_time(datetime.now(UTC))


def parse_iso(value: object) -> datetime | None:
    """Parse an ISO-8601 timestamp (``Z`` allowed); None when it is not one."""
    if not isinstance(value, str) or not value:
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None
