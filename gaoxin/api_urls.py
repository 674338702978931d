"""The REST API, mounted at /api/ by config/urls.py: each app's api module under /api/v1/, and
the OpenAPI document with its browsable documentation (served from local static files)."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

urlpatterns = [
    path("v1/", include("gaoxin.core.api")),
    path("v1/catalog/", include("gaoxin.catalog.api")),
    path("v1/cases/", include("gaoxin.cases.api")),
    path("v1/stats/", include("gaoxin.stats.api")),
    path("v1/ratings/", include("gaoxin.evaluations.api")),
    path("v1/inspections/", include("gaoxin.inspections.api")),
    path("v1/hall/", include("gaoxin.hall.api")),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="api_docs"),
]
