"""Errors raised to the person running Pulumi. Their text is what `pulumi up` shows."""

from __future__ import annotations


class ResourceError(Exception):
    """An operation on a pulumi_celigo resource failed: the message names the resource, the field
    (in the program's names), what the API said, and what to do."""
