from django.urls import path

from gaoxin.inspections.views import figures, live, rooms, staff

# Mounted at /inspections/: the inspectors' and clerks' pages.
urlpatterns = [
    path("", staff.calendar, name="inspections"),
    path("<int:pk>/", staff.detail, name="inspection_detail"),
    # The figures (supervisors, leaders, department heads) and the rooms (administrators).
    path("figures/", figures.page, name="inspection_figures"),
    path("rooms/", rooms.rooms, name="inspection_rooms"),
    path("rooms/new/", rooms.room_edit, name="inspection_room_new"),
    path("rooms/<int:pk>/", rooms.room_edit, name="inspection_room"),
    path("rooms/<int:pk>/active/", rooms.room_active, name="inspection_room_active"),
    path("<int:pk>/book/", staff.book, name="inspection_staff_book"),
    path("<int:pk>/cancel/", staff.cancel, name="inspection_cancel"),
    path("request/<int:case_pk>/", staff.request_inspection, name="inspection_request"),
    # The live session in the inspection room (by appointment), and what its script uploads.
    path("live/<int:pk>/", live.room, name="inspection_room"),
    path("live/<int:pk>/recordings/", live.recording_start, name="inspection_recording_start"),
    path(
        "live/<int:pk>/recordings/<int:recording_pk>/chunks/<int:seq>/",
        live.recording_chunk,
        name="inspection_recording_chunk",
    ),
    path(
        "live/<int:pk>/recordings/<int:recording_pk>/finish/",
        live.recording_finish,
        name="inspection_recording_finish",
    ),
    path("live/<int:pk>/stills/", live.still, name="inspection_still"),
    path("live/<int:pk>/notes/", live.notes, name="inspection_notes"),
    # The inspection record (勘验记录), and the inspection's files (never a public URL).
    path("<int:pk>/record/", live.record, name="inspection_record"),
    path("<int:pk>/files/<str:kind>/<int:file_pk>/", live.download, name="inspection_file"),
]
