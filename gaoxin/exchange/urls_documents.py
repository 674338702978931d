"""The result's documents partner zones fetch, mounted at /exchange/v1/applications/."""

from django.urls import path

from gaoxin.exchange import views_documents

urlpatterns = [
    path(
        "<uuid:ref>/documents/<str:number>.pdf",
        views_documents.document,
        name="exchange_document",
    ),
]
