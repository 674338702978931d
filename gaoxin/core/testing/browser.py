"""The platform in processes of its own, and the Chromium that drives it, for browser tests
that cannot use pytest-django's ``live_server`` (websockets need an ASGI server, and an
in-memory test database cannot be shared with another process).

Chromium is Debian's, at the path and with the flags the whole suite's Playwright set-up uses
(the project's ``conftest.py``); :data:`LIVE_ARGS` adds a fake camera and microphone for the
pages that stream video.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import os
import socket
import sqlite3
import subprocess
import time
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, Playwright

ROOT = Path(__file__).resolve().parents[3]
PYTHON = str(ROOT / ".venv" / "bin" / "python")
UVICORN = str(ROOT / ".venv" / "bin" / "uvicorn")
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
LIVE_ARGS = [
    *CHROMIUM_ARGS,
    "--use-fake-device-for-media-stream",
    "--use-fake-ui-for-media-stream",
    "--allow-loopback-in-peer-connection",
    "--autoplay-policy=no-user-gesture-required",
]
ASGI_APPLICATION = "gaoxin.core.testing.live_asgi:application"


def launch_chromium(playwright: Playwright) -> Browser:
    """A headless Chromium with a fake camera, for the pages of a :class:`Platform`."""
    return playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=LIVE_ARGS)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def server_env(database: Path, media: Path, url: str, **settings: str) -> dict[str, str]:
    """The environment of a server process a test starts: this one's, without the settings
    the test run set for itself, on its own SQLite file and media folder."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("GAOXIN_", "DJANGO_", "PYTEST")) and k != "DATABASE_URL"
    }
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        DATABASE_URL=f"sqlite:///{database}",
        MEDIA_ROOT=str(media),
        PUBLIC_BASE_URL=url,
        PYTHONUNBUFFERED="1",
        **settings,
    )
    return env


class Platform:
    """The platform in processes of its own: a SQLite file, its media folder, uvicorn.

    ``now``: the moment the server's clock starts from, ticking (by default the real time)."""

    def __init__(self, folder: Path, now: dt.datetime | None = None) -> None:
        self.folder = folder
        self.now = now
        self.port = free_port()
        self.database = folder / "live.sqlite3"
        self.media = folder / "media"
        self.server: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def env(self) -> dict[str, str]:
        return server_env(self.database, self.media, self.url)

    def manage(self, *args: str) -> str:
        done = subprocess.run(  # noqa: S603 - the project's own manage.py
            [PYTHON, "manage.py", *args],
            cwd=ROOT,
            env=self.env(),
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        assert done.returncode == 0, done.stderr[-4000:]
        return done.stdout

    def start(self) -> None:
        env = self.env()
        if self.now is not None:
            env["GAOXIN_TEST_SERVER_NOW"] = self.now.isoformat()
        log = open(self.folder / "server.log", "ab")  # noqa: SIM115 - kept open while it runs
        self.server = subprocess.Popen(  # noqa: S603 - the project's own uvicorn
            [
                UVICORN,
                ASGI_APPLICATION,
                "--host", "127.0.0.1", "--port", str(self.port),
                "--ws", "wsproto", "--log-level", "warning", "--no-access-log",
            ],
            cwd=ROOT, env=env, stdout=log, stderr=log,
        )  # fmt: skip
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            assert self.server.poll() is None, (self.folder / "server.log").read_text()[-4000:]
            with (
                contextlib.suppress(OSError),
                socket.create_connection(("127.0.0.1", self.port), timeout=0.5),
            ):
                return
            time.sleep(0.1)
        raise AssertionError("the server did not answer within 60 s")

    def stop(self) -> None:
        if self.server is not None and self.server.poll() is None:
            self.server.terminate()
            try:
                self.server.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.server.kill()
                self.server.wait()

    def query(self, sql: str, *params: Any) -> list[sqlite3.Row]:
        with contextlib.closing(
            sqlite3.connect(f"file:{self.database}?mode=ro", uri=True, timeout=30)
        ) as db:
            db.row_factory = sqlite3.Row
            return db.execute(sql, params).fetchall()

    def sha256_of(self, name: str) -> str:
        return hashlib.sha256((self.media / name).read_bytes()).hexdigest()
