"""The administrator's pages for partner zones, under /manage/partners/ (config/urls.py)."""

from django.urls import path

from gaoxin.exchange import views_manage as views

urlpatterns = [
    path("", views.partners, name="manage_partners"),
    path("new/", views.partner_new, name="manage_partner_new"),
    path("own-keys/", views.own_keys, name="manage_own_keys"),
    path("own-keys/rotate/", views.own_key_rotate, name="manage_own_key_rotate"),
    path("own-keys/<int:pk>/retire/", views.own_key_retire, name="manage_own_key_retire"),
    path("rejected/", views.rejected, name="manage_rejected_messages"),
    # Partner codes are capitals (XAGX), so they never meet the lower-case pages above.
    path("<str:code>/", views.partner_detail, name="manage_partner"),
    path("<str:code>/edit/", views.partner_edit, name="manage_partner_edit"),
    path("<str:code>/refresh/", views.partner_refresh, name="manage_partner_refresh"),
    path("<str:code>/keys/new/", views.partner_key_new, name="manage_partner_key_new"),
    path(
        "<str:code>/keys/<int:pk>/retire/",
        views.partner_key_retire,
        name="manage_partner_key_retire",
    ),
]
