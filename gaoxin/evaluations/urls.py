from django.urls import path

from gaoxin.evaluations.views import rate

urlpatterns = [
    # The applicant's phone, by the link on a notice (no login).
    path("rate/thanks/", rate.thanks, name="rate_thanks"),
    path("rate/<str:token>/", rate.rate, name="rate"),
    # The rating pad at the window.
    path("desk/rate/<int:pk>/<str:encounter>/", rate.pad, name="rate_pad"),
    path("desk/rate/<int:pk>/<str:encounter>/done/", rate.pad_thanks, name="rate_pad_thanks"),
]
