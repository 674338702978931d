from django.urls import path

from gaoxin.cases.views import delivery, desk

urlpatterns = [
    path("", desk.desk, name="desk"),
    path("items/", desk.item_search, name="desk_items"),
    path("new/<int:item_id>/", desk.new_intake, name="desk_new"),
    path("cases/<int:pk>/", desk.resume_intake, name="desk_resume"),
    path("cases/<int:pk>/done/", desk.done, name="desk_done"),
    path("uploads/<int:material_id>/", desk.upload, name="desk_upload"),
    path("notices/<uuid:pk>.pdf", desk.notice_pdf, name="notice_pdf"),
    # The delivery window (综合窗口出件).
    path("delivery/", delivery.waiting, name="delivery"),
    path("delivery/<int:pk>/", delivery.hand_over, name="delivery_case"),
    path("delivery/<int:pk>/identity/", delivery.identity, name="delivery_identity"),
    path("delivery/<int:pk>/done/", delivery.done, name="delivery_done"),
    path("delivery/<int:pk>/files/<str:slot>/", delivery.delivery_file, name="delivery_file"),
    path("delivery/uploads/<str:slot>/", delivery.upload, name="delivery_upload"),
]
