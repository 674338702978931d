"""The platform as a two-zone harness serves it under uvicorn: the ASGI application with the
static files served too (as ``runserver`` and pytest's live server do in development), so a
browser at either zone gets its scripts and styles."""

from django.contrib.staticfiles.handlers import ASGIStaticFilesHandler

from config.asgi import application as platform

application = ASGIStaticFilesHandler(platform)
