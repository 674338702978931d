from django.urls import path

from gaoxin.inspections.views import phone

# Mounted at /inspect/: the applicant's phone, by the signed links sent by message (no login).
urlpatterns = [
    path("book/<str:token>/", phone.book, name="inspection_book"),
    path("book/<str:token>/done/", phone.booked, name="inspection_booked"),
    path("live/<str:token>/", phone.live, name="inspection_live"),
    path("live/<str:token>/upload/", phone.upload, name="inspection_live_upload"),
]
