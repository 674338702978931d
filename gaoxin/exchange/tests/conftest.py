"""The exchange's shared fixtures (defined in peers.py): this zone, this deployment as its
own partner, and the test-only kind of message."""

from gaoxin.exchange.tests.peers import notes, ourselves, zone  # noqa: F401
