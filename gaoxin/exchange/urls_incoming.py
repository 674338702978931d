"""The desk of applications partner zones received on our behalf, mounted at /desk/incoming/."""

from django.urls import path

from gaoxin.exchange import views_incoming

urlpatterns = [
    path("", views_incoming.waiting, name="incoming_list"),
    path("<int:pk>/", views_incoming.detail, name="incoming_detail"),
    path("<int:pk>/scans/<uuid:file_id>/", views_incoming.scan, name="incoming_scan"),
]
