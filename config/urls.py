from django.urls import include, path

# No Django admin: it would write to domain models past the services and the audit log.
# Administrators use the pages under /manage/.
urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("gaoxin.core.urls")),
]
