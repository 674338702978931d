"""The platform under uvicorn for the browser tests that need an ASGI server (websockets):
the ASGI application (pages and websockets) with the static files served too. When
:class:`gaoxin.core.testing.browser.Platform` is given a moment, its clock starts there and
ticks (``GAOXIN_TEST_SERVER_NOW``, ISO 8601), so a test's scene can be staged in advance."""

import datetime as dt
import os

import time_machine

SERVER_NOW = os.environ.get("GAOXIN_TEST_SERVER_NOW")
if SERVER_NOW:
    time_machine.travel(dt.datetime.fromisoformat(SERVER_NOW), tick=True).start()

from django.contrib.staticfiles.handlers import ASGIStaticFilesHandler  # noqa: E402

from config.asgi import application as platform  # noqa: E402

application = ASGIStaticFilesHandler(platform)
