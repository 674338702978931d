from django.urls import path

from gaoxin.cases.views import supervision

# Mounted at /cases/: staff reading cases and watching their clocks.
urlpatterns = [
    path("<int:pk>/", supervision.case_detail, name="case_detail"),
    path("scans/<int:pk>/", supervision.submission_file, name="submission_file"),
    path("department/", supervision.department_cases, name="department_cases"),
    path("supervision/", supervision.supervision, name="supervision"),
]
