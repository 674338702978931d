from django.urls import path

from gaoxin.catalog.views import manage, public

urlpatterns = [
    path("", public.catalog, name="catalog"),
    path("manage/export.xlsx", manage.export, name="catalog_export"),
    path("manage/import/", manage.import_catalog, name="catalog_import"),
    path("<str:code>/", public.guide, name="catalog_item"),
    path("<str:code>/v<int:version>/", public.guide, name="catalog_item_version"),
]
