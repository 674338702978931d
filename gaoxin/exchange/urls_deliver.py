"""The window's hand-over of a partner zone's result, mounted at
/desk/partner/forwarded/<ref>/ (config/urls.py, ahead of gaoxin.exchange.urls_forward)."""

from django.urls import path

from gaoxin.exchange import views_deliver

urlpatterns = [
    path("deliver/", views_deliver.deliver, name="forwarded_deliver"),
    path("deliver/identity/", views_deliver.identity, name="forwarded_deliver_identity"),
]
