from django.conf import settings
from django.urls import include, path

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("gaoxin.core.urls")),
]

if settings.DEBUG:
    from django.contrib import admin

    # Django's admin is a developer's tool here; staff use the pages under /manage/.
    urlpatterns.insert(0, path("django-admin/", admin.site.urls))
