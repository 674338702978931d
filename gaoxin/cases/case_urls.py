from django.urls import path

from gaoxin.cases.views import backoffice, supervision

# Mounted at /cases/: staff reading cases and watching their clocks, and the back office
# (后台分类审批) working on them.
urlpatterns = [
    path("<int:pk>/", supervision.case_detail, name="case_detail"),
    path("scans/<int:pk>/", supervision.submission_file, name="submission_file"),
    path("department/", supervision.department_cases, name="department_cases"),
    path("supervision/", supervision.supervision, name="supervision"),
    path("queue/", backoffice.queue, name="queue"),
    path("<int:pk>/work/", backoffice.case_work, name="case_work"),
    path("<int:pk>/work/scans/<int:submission>/", backoffice.scan, name="case_work_scan"),
    path("<int:pk>/claim/", backoffice.claim, name="case_claim"),
    path("<int:pk>/pass/", backoffice.pass_step, name="case_pass"),
    path("<int:pk>/return/", backoffice.return_step, name="case_return"),
    path("<int:pk>/decide/", backoffice.decide, name="case_decide"),
    path("<int:pk>/suspend/", backoffice.suspend, name="case_suspend"),
    path("<int:pk>/resume/", backoffice.resume, name="case_resume"),
    path("<int:pk>/extend/", backoffice.extend, name="case_extend"),
    path("<int:pk>/catch-up/", backoffice.catch_up, name="case_catch_up"),
    path("<int:pk>/terminate/", backoffice.terminate, name="case_terminate"),
]
