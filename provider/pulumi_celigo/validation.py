"""Checks of user input that need no API call: cron schedules, timezones, ids, names.

Each function returns a human message saying what is wrong and what to write instead, or None.
The emulator validates independently (it shares none of this code), so the two can catch each
other's mistakes.
"""

from __future__ import annotations

import re
import unicodedata
import zoneinfo
from functools import lru_cache

from croniter import croniter

OBJECT_ID = re.compile(r"^[0-9a-f]{24}$")
#: Decision: integrator.io does not publish a limit; 255 characters keeps names readable in its UI.
MAX_NAME_LENGTH = 255
CRON_EXAMPLES = '"? 0 2 ? * *" (daily at 02:00) or "? */15 * * * *" (every 15 minutes)'


def object_id_problem(value: str) -> str | None:
    if OBJECT_ID.match(value):
        return None
    return f"{value!r} is not an integrator.io id: ids are 24 lowercase hexadecimal digits"


def cron_problem(expression: str) -> str | None:
    """integrator.io's 6-field cron: `?` (seconds, never set), minute, hour, day of month, month, day of week."""
    fields = expression.split()
    if len(fields) != 6 or fields[0] != "?":
        return (
            f"{expression!r} is not an integrator.io schedule: write 6 fields whose first is '?', "
            f"such as {CRON_EXAMPLES}"
        )
    standard = " ".join("*" if f == "?" else f for f in fields[1:])
    if not croniter.is_valid(standard):
        return f"{expression!r} is not a valid cron expression (minute hour day month weekday after '?'): " + (
            f"for example {CRON_EXAMPLES}"
        )
    return None


@lru_cache(maxsize=1)
def _timezones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


def timezone_problem(name: str) -> str | None:
    if name in _timezones():
        return None
    return f"{name!r} is not an IANA timezone name: use one such as 'America/Los_Angeles', 'Europe/Berlin' or 'UTC'"


def name_problem(name: str) -> str | None:
    if not name.strip():
        return "must not be empty or blank"
    if len(name) > MAX_NAME_LENGTH:
        return f"is {len(name)} characters long; integrator.io names are at most {MAX_NAME_LENGTH}"
    if any(unicodedata.category(c) == "Cc" for c in name):  # C0, DEL and C1 controls
        return "must not contain control characters (newlines, tabs, ...)"
    return None
