"""The window's pages for applications received on a partner zone's behalf (异地代收),
under /desk/partner/ (config/urls.py)."""

from django.urls import path

from gaoxin.exchange import views_forward as views

urlpatterns = [
    path("", views.desk, name="forward_desk"),
    path("items/", views.item_search, name="forward_items"),
    path("new/<int:item_id>/", views.new, name="forward_new"),
    path("uploads/<int:index>/", views.upload, name="forward_upload"),
    path("done/<uuid:ref>/", views.done, name="forward_done"),
    path("forwarded/", views.forwarded_list, name="forwarded"),
    path("forwarded/<uuid:ref>/", views.forwarded_detail, name="forwarded_detail"),
    path(
        "forwarded/<uuid:ref>/files/<uuid:file_id>/",
        views.forwarded_file,
        name="forwarded_file",
    ),
]
