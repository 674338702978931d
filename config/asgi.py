"""The ASGI application: Django's pages over HTTP, and the apps' websockets (Django Channels,
routes registered in ``gaoxin.core.realtime``). Served by uvicorn (``scripts/serve``, and in
production; see README)."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
# First: it sets Django up, so the apps are ready and have registered their websocket routes.
django_application = get_asgi_application()

from channels.routing import ProtocolTypeRouter  # noqa: E402
from django.conf import settings  # noqa: E402

from gaoxin.core import realtime  # noqa: E402

http_application = django_application
if settings.DEBUG and not settings.PRODUCTION:
    # Development serves the static files from the source folders, as runserver does;
    # production serves them with WhiteNoise (or nginx) from STATIC_ROOT.
    from django.contrib.staticfiles.handlers import ASGIStaticFilesHandler

    http_application = ASGIStaticFilesHandler(django_application)

application = ProtocolTypeRouter(
    {"http": http_application, "websocket": realtime.websocket_application()}
)
