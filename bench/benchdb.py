"""What the benchmarks share: their own database beside the one in ``DATABASE_URL`` (which the
test suite uses), Django set up on it, and a free loopback port for a server."""

from __future__ import annotations

import os
import socket
import sys
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent


def bench_database_url(url: str, sqlite_file: Path, name: str) -> str:
    """The bench's database on the server of ``url``: ``sqlite_file`` when ``url`` is SQLite,
    else the database ``name`` on the same PostgreSQL server."""
    parts = urlsplit(url)
    if parts.scheme.startswith("sqlite"):
        return f"sqlite:///{sqlite_file}"
    return urlunsplit(parts._replace(path=f"/{name}"))


def postgres_database(url: str, *, create: bool, reuse: bool = False) -> None:
    """Create the database of ``url`` afresh (``reuse``: keep it when it exists), or drop it
    (``create=False``)."""
    import psycopg
    from psycopg import sql

    parts = urlsplit(url)
    name = sql.Identifier(parts.path.lstrip("/"))
    admin = urlunsplit(parts._replace(scheme="postgresql", path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        found = "SELECT 1 FROM pg_database WHERE datname = %s"
        exists = conn.execute(found, [parts.path.lstrip("/")]).fetchone() is not None
        if exists and not (create and reuse):
            conn.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(name))
            exists = False
        if create and not exists:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(name))


def setup_django(url: str) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])
