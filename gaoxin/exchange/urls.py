"""The exchange API partner zones call, mounted at /exchange/ (signed requests, no session)."""

from django.urls import path

from gaoxin.exchange import views

urlpatterns = [
    path("v1/messages/", views.messages, name="exchange_messages"),
    path("v1/catalog/", views.catalog, name="exchange_catalog"),
]
