"""The platform under uvicorn for the live-session browser test: the ASGI application (pages
and websockets) with the static files served too, its clock started five minutes into the slot
``live_stage`` booked (Tuesday 24 November 2026, 10:00) and ticking, so the session link is
inside its window."""

import datetime as dt

import time_machine

SERVER_NOW = dt.datetime(2026, 11, 24, 10, 5, tzinfo=dt.timezone(dt.timedelta(hours=8)))
time_machine.travel(SERVER_NOW, tick=True).start()

from django.contrib.staticfiles.handlers import ASGIStaticFilesHandler  # noqa: E402

from config.asgi import application as platform  # noqa: E402

application = ASGIStaticFilesHandler(platform)
