from django.urls import path

from gaoxin.catalog.views import manage, public

urlpatterns = [
    path("", public.catalog, name="catalog"),
    path("manage/export.xlsx", manage.export, name="catalog_export"),
    path("manage/import/", manage.import_catalog, name="catalog_import"),
    path("manage/new/", manage.item_edit, name="catalog_item_new"),
    path("manage/route/", manage.item_route, name="catalog_item_route"),
    path("manage/<str:code>/edit/", manage.item_edit, name="catalog_item_edit"),
    path("materials/<int:pk>/<str:which>/", public.material_file, name="catalog_material_file"),
    path("<str:code>/", public.guide, name="catalog_item"),
    path("<str:code>/v<int:version>/", public.guide, name="catalog_item_version"),
]
