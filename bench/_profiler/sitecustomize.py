"""Bench-only instrumentation, loaded by the plugin server / emulator when `bench/run.py --profile` asks.

`bench/run.py` puts this directory first on the PYTHONPATH of the processes it profiles and sets
`CELIGO_BENCH_PROFILE=<output file>`. Python then imports this `sitecustomize` at start-up, which:

* starts a sampling profiler thread: every `CELIGO_BENCH_INTERVAL_MS` (default 1 ms) it takes the
  stacks of every other thread (`sys._current_frames()`), like py-spy, so the gRPC worker threads
  and the emulator's request threads are all seen; idle threads (waiting in a lock, a select or a
  socket read) are counted apart so the figures are about CPU-bound Python work;
* counts the TCP connections urllib3 opens (to check the client reuses keep-alive connections);
* on SIGUSR1 writes what it saw since the last dump to the output file (JSON) and starts afresh.

Without `CELIGO_BENCH_PROFILE` it does nothing.
"""

from __future__ import annotations

import json
import os
import signal
import sys
import threading
import time
from collections import Counter
from types import FrameType
from typing import Any

_OUT = os.environ.get("CELIGO_BENCH_PROFILE")

#: Innermost frames that mean "this thread is waiting", not working.
_IDLE = {
    ("threading.py", "wait"),
    ("threading.py", "_wait_for_tstate_lock"),
    ("queue.py", "get"),
    ("selectors.py", "select"),
    ("socket.py", "readinto"),
    ("socket.py", "accept"),
    ("socketserver.py", "serve_forever"),
    ("_channel.py", "_blocking"),
    ("_server.py", "_serve"),
    ("thread.py", "_worker"),
    ("ssl.py", "read"),
    ("connection.py", "wait_for_read"),
    ("wait.py", "poll_wait_for_socket"),
    ("wait.py", "select_wait_for_socket"),
}


def _where(frame: FrameType) -> tuple[str, str]:
    code = frame.f_code
    return os.path.basename(code.co_filename), code.co_name


def _label(frame: FrameType) -> str:
    code = frame.f_code
    path = code.co_filename
    for marker in ("site-packages/", "lib/python3", "pulumi_celigo/"):
        index = path.find(marker)
        if index >= 0:
            path = path[index:]
            break
    return f"{path}:{code.co_name}"


class _Sampler:
    def __init__(self, out: str, interval: float) -> None:
        self.out = out
        self.interval = interval
        self.lock = threading.Lock()
        self.dump_requested = threading.Event()
        self.connects = 0
        self._reset()

    def _reset(self) -> None:
        self.samples = 0
        self.busy = 0
        self.self_counts: Counter[str] = Counter()
        self.total_counts: Counter[str] = Counter()
        self.started = time.monotonic()
        self.connects = 0

    def run(self) -> None:
        me = threading.get_ident()
        while True:
            time.sleep(self.interval)
            if self.dump_requested.is_set():
                self.dump_requested.clear()
                self.dump()
            frames = sys._current_frames()
            with self.lock:
                for ident, frame in frames.items():
                    if ident == me or frame is None:
                        continue
                    self.samples += 1
                    if _where(frame) in _IDLE:
                        continue
                    self.busy += 1
                    self.self_counts[_label(frame)] += 1
                    seen: set[str] = set()
                    f: FrameType | None = frame
                    while f is not None:
                        label = _label(f)
                        if label not in seen:
                            seen.add(label)
                            self.total_counts[label] += 1
                        f = f.f_back

    def dump(self) -> None:
        with self.lock:
            data: dict[str, Any] = {
                "seconds": time.monotonic() - self.started,
                "interval_s": self.interval,
                "busy_samples": self.busy,
                "connections_opened": self.connects,
                "self": self.self_counts.most_common(60),
                "total": self.total_counts.most_common(120),
            }
            self._reset()
        tmp = f"{self.out}.tmp"
        with open(tmp, "w", encoding="utf-8") as fh:
            json.dump(data, fh)
        os.replace(tmp, self.out)


def _install(out: str) -> None:
    sampler = _Sampler(out, float(os.environ.get("CELIGO_BENCH_INTERVAL_MS", "1")) / 1000)
    threading.Thread(target=sampler.run, name="celigo-bench-sampler", daemon=True).start()
    signal.signal(signal.SIGUSR1, lambda _signum, _frame: sampler.dump_requested.set())
    try:
        from urllib3.connection import HTTPConnection
    except ImportError:  # pragma: no cover
        return
    original = HTTPConnection.connect

    def connect(self: Any) -> None:
        sampler.connects += 1
        original(self)

    HTTPConnection.connect = connect  # type: ignore[method-assign]


if _OUT:
    _install(_OUT)
