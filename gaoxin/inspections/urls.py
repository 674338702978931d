from django.urls import path

from gaoxin.inspections.views import live, staff

# Mounted at /inspections/: the inspectors' and clerks' pages.
urlpatterns = [
    path("", staff.calendar, name="inspections"),
    path("<int:pk>/", staff.detail, name="inspection_detail"),
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
