"""``pulumi-celigo-emulator``: run the integrator.io emulator from the command line.

The first stdout line is ``pulumi-celigo emulator listening on http://HOST:PORT/v1`` (flushed at
once, so a parent process can read the port chosen by ``--port 0``); with ``--seed`` a second
line ``seed ids: {json}`` follows (``{}`` for ``empty``). Serves until SIGINT or SIGTERM, then
exits 0. A ``--host`` that is not a loopback address gets a one-line warning on stderr.
"""

from __future__ import annotations

import argparse
import json
import signal
import sys
import threading
from types import FrameType

from .app import is_loopback
from .faults import MAX_LATENCY_MS
from .seed import SEEDS
from .server import EmulatorOptions, EmulatorServer


def _rate(text: str) -> float:
    value = float(text)
    if not 0.0 <= value <= 1.0:
        raise argparse.ArgumentTypeError("must be between 0 and 1")
    return value


def _latency(text: str) -> float:
    value = float(text)
    if not 0.0 <= value <= MAX_LATENCY_MS:
        raise argparse.ArgumentTypeError(f"must be between 0 and {MAX_LATENCY_MS:.0f} (10 s)")
    return value


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="pulumi-celigo-emulator",
        description="An offline emulator of the Celigo integrator.io REST API (v1).",
    )
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8765, help="port; 0 picks a free one (default 8765)")
    parser.add_argument("--token", default="demo-token", help="the full-access API token (default demo-token)")
    parser.add_argument("--read-only-token", default=None, help="a token that may only GET")
    parser.add_argument("--data", default=None, help="SQLite file keeping the state across restarts")
    parser.add_argument(
        "--seed",
        choices=SEEDS,
        default=None,
        help="load into a new state: demo (sample resources) or empty (an account with nothing in it)",
    )
    parser.add_argument("--rate-capacity", type=float, default=1000, help="rate-limit burst (default 1000)")
    parser.add_argument("--rate-refill", type=float, default=300.0, help="rate-limit refill per second (300)")
    parser.add_argument("--fail-rate", type=_rate, default=0.0, help="share of requests answered 503")
    parser.add_argument("--drop-rate", type=_rate, default=0.0, help="share of connections dropped unanswered")
    parser.add_argument(
        "--lost-response-rate", type=_rate, default=0.0, help="share of writes applied but left unanswered"
    )
    parser.add_argument("--latency-ms", type=_latency, default=0.0, help="added latency per request (at most 10000)")
    parser.add_argument("--fault-seed", type=int, default=None, help="seed of the fault dice")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.rate_capacity < 1 or args.rate_refill < 0:
        print("--rate-capacity must be >= 1 and --rate-refill >= 0", file=sys.stderr)
        return 2
    options = EmulatorOptions(
        token=args.token,
        read_only_token=args.read_only_token,
        seed=args.seed,
        rate_capacity=args.rate_capacity,
        rate_refill=args.rate_refill,
        data_path=args.data,
        host=args.host,
        port=args.port,
        fail_rate=args.fail_rate,
        drop_rate=args.drop_rate,
        lost_response_rate=args.lost_response_rate,
        latency_ms=args.latency_ms,
        fault_seed=args.fault_seed,
    )
    if not is_loopback(args.host):
        print(
            f"warning: --host {args.host} is not a loopback address: other machines can reach this "
            "emulator (plain HTTP, a fixed token); its admin plane still answers loopback names only",
            file=sys.stderr,
            flush=True,
        )
    stop = threading.Event()

    def on_signal(signum: int, frame: FrameType | None) -> None:
        stop.set()

    signal.signal(signal.SIGINT, on_signal)
    signal.signal(signal.SIGTERM, on_signal)

    server = EmulatorServer(options).start()
    try:
        print(f"pulumi-celigo emulator listening on {server.base_url}", flush=True)
        if args.seed:
            print(f"seed ids: {json.dumps(server.seed_ids, separators=(',', ':'))}", flush=True)
        while not stop.wait(0.5):
            pass
    finally:
        server.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
