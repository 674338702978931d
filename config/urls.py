from django.urls import include, path

from gaoxin.cases.views import progress

# No Django admin: it would write to domain models past the services and the audit log.
# Administrators use the pages under /manage/.
urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/", include("gaoxin.api_urls")),
    path("catalog/", include("gaoxin.catalog.urls")),
    # 跨区通办: the window receiving applications on a partner zone's behalf (异地代收).
    # 跨区通办: the partner's result handed over at our window (异地出件).
    path("desk/partner/forwarded/<uuid:ref>/", include("gaoxin.exchange.urls_deliver")),
    path("desk/partner/", include("gaoxin.exchange.urls_forward")),
    # 跨区通办: applications partner zones received on our behalf, accepted at our window.
    path("desk/incoming/", include("gaoxin.exchange.urls_incoming")),
    path("desk/", include("gaoxin.cases.urls")),
    path("cases/", include("gaoxin.cases.case_urls")),
    path("progress/", progress.progress, name="progress"),
    # 跨区通办: the applications with partner zones counted once, reconciled with theirs (对账).
    path("stats/cross-zone/", include("gaoxin.exchange.urls_reconcile")),
    path("stats/", include("gaoxin.stats.urls")),
    # 跨区通办: the API partner zones call (signed requests; no session, no sign-in).
    path("exchange/", include("gaoxin.exchange.urls")),
    # 跨区通办: the result's documents partner zones fetch (signed requests).
    path("exchange/v1/applications/", include("gaoxin.exchange.urls_documents")),
    # 跨区通办: the administrator's partner zones, keys and agreed items.
    path("manage/partners/", include("gaoxin.exchange.urls_manage")),
    # 远程踏勘: the inspectors' room calendar, and the applicant's phone pages (signed links).
    path("inspections/", include("gaoxin.inspections.urls")),
    path("inspect/", include("gaoxin.inspections.urls_public")),
    # The hall: kiosk, booking on the phone, the window bar and the hall screen (叫号).
    path("hall/", include("gaoxin.hall.urls")),
    # 好差评: /rate/<token>/ (the applicant's phone) and /desk/rate/... (the window's pad).
    path("", include("gaoxin.evaluations.urls")),
    path("", include("gaoxin.core.urls")),
]
