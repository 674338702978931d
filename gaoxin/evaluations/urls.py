from django.urls import path

from gaoxin.evaluations.views import figures, progress, rate
from gaoxin.evaluations.views import rectification as rectification_views

urlpatterns = [
    # The applicant's phone, by the link on a notice (no login).
    path("rate/thanks/", rate.thanks, name="rate_thanks"),
    # The applicant's answer to a rectification, by the link sent with it (no login).
    path(
        "rate/reply/thanks/",
        rectification_views.respond_thanks,
        name="rectification_response_thanks",
    ),
    path("rate/reply/<str:token>/", rectification_views.respond, name="rectification_response"),
    path("rate/<str:token>/", rate.rate, name="rate"),
    # The applicant's phone, from the public progress page (no login: the look-up again).
    path("progress/rate/", progress.rate, name="progress_rate"),
    # The rating pad at the window.
    path("desk/rate/<int:pk>/<str:encounter>/", rate.pad, name="rate_pad"),
    path("desk/rate/<int:pk>/<str:encounter>/done/", rate.pad_thanks, name="rate_pad_thanks"),
    # 差评整改: the rectifications of bad ratings and their work pages.
    path(
        "ratings/rectifications/",
        rectification_views.rectification_list,
        name="rectifications",
    ),
    path(
        "ratings/rectifications/<int:pk>/",
        rectification_views.rectification_work,
        name="rectification",
    ),
    # The figures of 好差评 for supervisors, leaders and department heads, and their export.
    path("ratings/", figures.figures, name="rating_figures"),
    path("ratings/export.xlsx", figures.export, name="rating_figures_export"),
]
