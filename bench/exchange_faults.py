#!/usr/bin/env python
"""Cross-zone delivery under faults: nothing lost, nothing applied twice, order kept.

Two deployments on loopback, each with its own SQLite database and its own processes
(gaoxin/exchange/tests/two_zones.py): zone A (咸阳高新区) forwards applications to zone B
(西安高新区), which tells A that each one arrived. While A forwards, B's server is stopped and
restarted several times, and both inboxes drop the answer to a share of the messages they
have just stored (``GAOXIN_EXCHANGE_DROP_RESPONSES``, a test-only knob): the sender sees a
failure and sends again, the receiver must take it as a duplicate.

Then it checks, from both databases:
- every application forwarded at A exists exactly once at B (``IncomingApplication``);
- every status line B sent ("arrived") reached A once (``ApplicationEvent`` at A), and A
  applied B's messages in B's order (A's inbox, in sequence, is B's outbox, in sequence);
- likewise B applied A's messages in A's order;
and prints the delivery lag (forwarded at A → arrived at B) p50 / p95, the messages per
second both ways, and on its last line ``forwarded=… delivered=… lost=… duplicated=…
lag_p95=…``. Exits non-zero when anything was lost, duplicated or out of order.

Time is compressed: the first retry waits ``--backoff-first`` (0.2 s; 2 s in production,
doubling up to 10 minutes), so that hundreds of injected faults fit in a few minutes.

    .venv/bin/python bench/exchange_faults.py --quick   # 200 applications, 4 outages
    .venv/bin/python bench/exchange_faults.py           # 1,000 applications, 10 outages
    .venv/bin/python bench/exchange_faults.py --broken  # the check checked: must report loss

``--broken`` sabotages delivery as a system with "a few retries" would behave: each zone's
sender gives a message up after 3 failed attempts (``exchange_deliver --give-up-after``).
The bench must then report the loss and exit non-zero; it prints ``sabotage detected`` when
it did (the test gaoxin/exchange/tests/test_bench_broken.py holds it to that).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from gaoxin.exchange.tests import two_zones

ITEM = "610402-XK-0034"  # 食品经营许可（注销）: three materials, two of them required


def when(text: str) -> dt.datetime:
    # Django keeps datetimes in SQLite as UTC text.
    return dt.datetime.fromisoformat(text)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def outages(b: two_zones.Deployment, forwarding: threading.Thread, count: int, args) -> int:
    """Stop B's server for ``--down`` seconds every ``--up`` seconds, at least ``count``
    times and for as long as A is forwarding."""
    done = 0
    while done < count or forwarding.is_alive():
        time.sleep(args.up)
        b.stop_server()
        time.sleep(args.down)
        b.start_server()
        done += 1
        print(f"  B stopped and restarted ({done})", flush=True)
    return done


def drained(a: two_zones.Deployment, b: two_zones.Deployment, refs: list[str]) -> bool:
    pending = sum(
        z.query("select count(*) from exchange_outboxmessage where delivered_at is null")[0][0]
        for z in (a, b)
    )
    arrived = {
        r for (r,) in a.query("select ref from exchange_applicationevent where action = 'arrived'")
    }
    return pending == 0 and all(two_zones.hex_ref(r) in arrived for r in refs)


def in_order(sender: two_zones.Deployment, receiver: two_zones.Deployment) -> bool:
    """The receiver applied the sender's messages, once each, in the sender's order."""
    sent = sender.query(
        "select m.id from exchange_outboxmessage m join exchange_partner p on p.id = m.partner_id"
        " where p.code = ? order by m.sequence",
        receiver.code,
    )
    applied = receiver.query(
        "select m.message_id, m.sequence from exchange_inboxmessage m"
        " join exchange_partner p on p.id = m.partner_id where p.code = ? order by m.sequence",
        sender.code,
    )
    contiguous = [s for _, s in applied] == list(range(1, len(applied) + 1))
    return contiguous and [i for (i,) in sent] == [i for i, _ in applied]


def stamp() -> str:
    """Now, as Django keeps it in SQLite (UTC text), to split the messages by phase."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None).isoformat(sep=" ")


def measure(a, b, refs: list[str], since: str, until: str, seconds: float) -> dict[str, Any]:
    forwarded = dict(
        a.query("select ref, received_at from exchange_forwardedapplication")  # all are ours
    )
    at_b = Counter(r for (r,) in b.query("select ref from exchange_incomingapplication"))
    arrived_at = dict(b.query("select ref, arrived_at from exchange_incomingapplication"))
    told_a = Counter(
        r
        for (r,) in a.query(
            "select ref from exchange_applicationevent where zone = ? and action = 'arrived'",
            b.code,
        )
    )
    ours = [two_zones.hex_ref(r) for r in refs]
    lags = [(when(arrived_at[r]) - when(forwarded[r])).total_seconds() for r in ours if r in at_b]
    delivered = sum(1 for r in ours if at_b[r] >= 1 and told_a[r] >= 1)
    duplicated = sum(1 for r in ours if at_b[r] > 1 or told_a[r] > 1)
    messages = retries = 0
    for z in (a, b):
        count, attempts = z.query(
            "select count(*), coalesce(sum(attempts), 0) from exchange_outboxmessage"
            " where delivered_at is not null and created_at >= ? and created_at < ?",
            since,
            until,
        )[0]
        messages += count
        retries += attempts - count
    return {
        "forwarded": len(refs),
        "delivered": delivered,
        "lost": len(refs) - delivered,
        "duplicated": duplicated,
        "lags": lags,
        "messages": messages,
        "retries": retries,
        "seconds": seconds,
        "in_order": in_order(a, b) and in_order(b, a),
        "rejected": sum(
            z.query("select count(*) from exchange_rejectedmessage")[0][0] for z in (a, b)
        ),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="200 applications, 4 outages")
    parser.add_argument("--count", type=int, help="applications to forward (default 1000)")
    parser.add_argument("--outages", type=int, help="times B is stopped (default 10)")
    parser.add_argument("--drop", type=float, default=0.3, help="answers dropped (0.3)")
    parser.add_argument("--backoff-first", type=float, default=0.05, help="first retry (s)")
    parser.add_argument("--every", type=float, default=0.05, help="delivery loop pace (s)")
    parser.add_argument("--up", type=float, default=4.0, help="seconds B runs between outages")
    parser.add_argument("--down", type=float, default=3.0, help="seconds each outage lasts")
    parser.add_argument("--pause", type=float, help="seconds between two forwards at A")
    parser.add_argument("--timeout", type=float, default=900, help="give up draining after")
    parser.add_argument(
        "--baseline", type=int, default=50, help="applications forwarded without faults (50)"
    )
    parser.add_argument("--keep", help="keep the zones' databases and logs in this folder")
    parser.add_argument(
        "--broken", action="store_true", help="sabotage: give a message up after 3 attempts"
    )
    args = parser.parse_args(argv)
    if args.broken:
        # Nothing would ever drain: wait only as long as the last retries take.
        args.timeout = min(args.timeout, 10.0)
    count = args.count or (200 if args.quick else 1000)
    outage_count = args.outages if args.outages is not None else (4 if args.quick else 10)
    pause = args.pause if args.pause is not None else (0.1 if args.quick else 0.05)
    folder = Path(args.keep or tempfile.mkdtemp(prefix="gaoxin-exchange-faults-"))

    began = time.monotonic()
    print(f"zones in {folder}; {os.cpu_count()} CPUs; SQLite", flush=True)
    zones = two_zones.running(
        folder,
        drop_responses=args.drop,
        backoff_first=args.backoff_first,
        deliver_every=args.every,
        give_up_after=3 if args.broken else None,
    )
    with zones as (a, b):
        print(f"two zones up in {time.monotonic() - began:.1f} s: A {a.url}, B {b.url}")
        faulted, stopped = run_phase(a, b, count, pause, outage_count, args)

        baseline = None
        if args.baseline and not args.broken:
            # The baseline, in the same run: the same zones with no fault at all.
            for z in (a, b):
                z.drop_responses = 0.0
                z.restart_server()
            baseline, _ = run_phase(a, b, args.baseline, pause, 0, args)

    report(faulted, stopped, args)
    if baseline is not None:
        print(
            f"baseline without faults ({baseline['forwarded']} applications):"
            f" {baseline['messages'] / baseline['seconds']:.1f} messages per second, lag p50"
            f" {statistics.median(baseline['lags'] or [0.0]):.2f} s,"
            f" p95 {percentile(baseline['lags'] or [0.0], 0.95):.2f} s;"
            f" lost={baseline['lost']} duplicated={baseline['duplicated']}"
        )
    print(f"total run {time.monotonic() - began:.0f} s")
    lags = faulted["lags"] or [0.0]
    print(
        f"forwarded={faulted['forwarded']} delivered={faulted['delivered']}"
        f" lost={faulted['lost']} duplicated={faulted['duplicated']}"
        f" lag_p95={percentile(lags, 0.95):.2f}s"
    )
    bad = False
    phases = [(faulted, count)] + ([(baseline, args.baseline)] if baseline is not None else [])
    for figures, expected in phases:
        bad = bad or bool(figures["lost"] or figures["duplicated"]) or not figures["in_order"]
        bad = bad or figures["forwarded"] != expected
    if args.broken and bad:
        print("sabotage detected: the bench reports what a few retries lose")
    return 1 if bad else 0


def run_phase(a, b, count: int, pause: float, outage_count: int, args) -> tuple[dict, int]:
    """Forward ``count`` applications at A (while B is stopped ``outage_count`` times), wait
    until everything is delivered both ways, and measure."""
    refs: list[str] = []

    def forward() -> None:
        refs.extend(a.python(two_zones.forward_code(ITEM, count, pause=pause), timeout=3600))

    since, started = stamp(), time.monotonic()
    forwarding = threading.Thread(target=forward)
    forwarding.start()
    stopped = outages(b, forwarding, outage_count, args) if outage_count else 0
    forwarding.join()
    print(f"  {len(refs)} forwarded at A in {time.monotonic() - started:.1f} s", flush=True)
    try:
        two_zones.wait_for(lambda: drained(a, b, refs), timeout=args.timeout, every=0.5)
    except TimeoutError:
        print(f"  not drained after {args.timeout:.0f} s", flush=True)
    seconds = time.monotonic() - started
    return measure(a, b, refs, since, stamp(), seconds), stopped


def report(figures: dict[str, Any], stopped: int, args) -> None:
    lags = figures["lags"] or [0.0]
    print(
        f"outages of B: {stopped} × {args.down:.0f} s; answers dropped: {args.drop:.0%};"
        f" first retry after {args.backoff_first} s"
    )
    print(
        f"messages: {figures['messages']} delivered both ways in {figures['seconds']:.1f} s"
        f" ({figures['messages'] / figures['seconds']:.1f} per second),"
        f" {figures['retries']} attempts failed and were retried;"
        f" {figures['rejected']} requests rejected"
    )
    print(
        f"delivery lag, forwarded at A → arrived at B: p50 {statistics.median(lags):.2f} s,"
        f" p95 {percentile(lags, 0.95):.2f} s, max {max(lags):.2f} s"
    )
    print(f"order kept both ways: {'yes' if figures['in_order'] else 'NO'}")


if __name__ == "__main__":
    sys.exit(main())
