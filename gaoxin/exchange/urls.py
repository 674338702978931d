"""The exchange API partner zones call, mounted at /exchange/ (signed requests, no session)."""

from django.urls import path

from gaoxin.exchange import views

urlpatterns = [
    path("v1/messages/", views.messages, name="exchange_messages"),
    path("v1/catalog/", views.catalog, name="exchange_catalog"),
    # 对账: the applications between the calling partner and this zone in a period.
    path("v1/figures/", views.figures, name="exchange_figures"),
]
