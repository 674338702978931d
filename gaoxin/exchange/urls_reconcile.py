"""对账 across zones, mounted at /stats/cross-zone/ (config/urls.py)."""

from django.urls import path

from gaoxin.exchange import views_reconcile

urlpatterns = [
    path("", views_reconcile.cross_zone, name="exchange_reconcile"),
]
