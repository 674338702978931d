from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from gaoxin.core import audit, request_memo


class RequestContextMiddleware:
    """Makes the signed-in user and their address available to services for the audit log,
    so a service does not need the request passed down to it; and opens the request's memo
    (``core.request_memo``)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = audit.bind_request(request)
        memo = request_memo.open_memo()
        try:
            return self.get_response(request)
        finally:
            request_memo.close_memo(memo)
            audit.unbind_request(token)


class LanguageMiddleware:
    """Chinese unless the user chose English with the switch (kept in the language cookie).

    Django's LocaleMiddleware would follow the browser's Accept-Language, and the hall's PCs
    are often set up in English; the zone's staff and public read Chinese first."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        from django.conf import settings
        from django.utils import translation

        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        supported = {code for code, _name in settings.LANGUAGES}
        language = chosen if chosen in supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response
