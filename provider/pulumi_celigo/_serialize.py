"""Serialise a dynamic provider the way `pulumi.dynamic.Resource` does, without the SDK's leak.

`pulumi.dynamic.dynamic.serialize_provider` (SDK 3.272) replaces `pickle._Pickler._batch_setitems` and
`save_dict` with sorting wrappers around the current ones and never puts them back: every call wraps the
previous wrapper, so each dynamic resource a process serialises makes pickling a dict one frame deeper.
A program that registers about 1,000 dynamic resources then fails with `RecursionError`, and so does a
test session that serialises providers as often. This calls it and puts pickle back as it was.
"""

from __future__ import annotations

import pickle
from typing import Any

from pulumi.dynamic import ResourceProvider
from pulumi.dynamic.dynamic import serialize_provider


def provider_blob(provider: ResourceProvider) -> str:
    """The base64 `__provider` string that `pulumi.dynamic.Resource` would send for `provider`."""
    pickler: Any = pickle._Pickler
    saved = pickler._batch_setitems, pickler.save_dict
    try:
        return str(serialize_provider(provider))
    finally:
        pickler._batch_setitems, pickler.save_dict = saved
