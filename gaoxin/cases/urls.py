from django.urls import path

from gaoxin.cases.views import desk

urlpatterns = [
    path("", desk.desk, name="desk"),
    path("items/", desk.item_search, name="desk_items"),
    path("new/<int:item_id>/", desk.new_intake, name="desk_new"),
    path("cases/<int:pk>/", desk.resume_intake, name="desk_resume"),
    path("cases/<int:pk>/done/", desk.done, name="desk_done"),
    path("uploads/<int:material_id>/", desk.upload, name="desk_upload"),
    path("notices/<uuid:pk>.pdf", desk.notice_pdf, name="notice_pdf"),
]
