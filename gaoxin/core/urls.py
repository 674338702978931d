from django.conf import settings
from django.contrib.auth import views as auth_views
from django.urls import path

from gaoxin.core.forms import SignInForm
from gaoxin.core.views import account, audit_log, health, manage, notifications, start

urlpatterns = [
    path(
        "login/",
        auth_views.LoginView.as_view(
            authentication_form=SignInForm,
            redirect_authenticated_user=True,
            extra_context={
                "failure_limit": settings.AXES_FAILURE_LIMIT,
                "cooloff_minutes": round(settings.AXES_COOLOFF_TIME * 60),
            },
        ),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("account/password/", account.change_password, name="change_password"),
    path("healthz", health.healthz, name="healthz"),
    path("", start.start, name="start"),
    path("department/", start.own_department, name="own_department"),
    path("departments/", start.department_list, name="department_list"),
    path("departments/<slug:code>/", start.department_detail, name="department_detail"),
    path("audit/", audit_log.audit_log, name="audit_log"),
    path("notifications/", notifications.notification_list, name="notifications"),
    path("notifications/<int:pk>/", notifications.notification_open, name="notification_open"),
    path(
        "notifications/read-all/",
        notifications.notification_read_all,
        name="notifications_read_all",
    ),
    path("manage/zone/", manage.zone, name="manage_zone"),
    path("manage/departments/", manage.departments, name="manage_departments"),
    path("manage/departments/new/", manage.department_edit, name="manage_department_new"),
    path("manage/departments/<slug:code>/", manage.department_edit, name="manage_department"),
    path("manage/windows/", manage.windows, name="manage_windows"),
    path("manage/windows/new/", manage.window_edit, name="manage_window_new"),
    path("manage/windows/<int:pk>/", manage.window_edit, name="manage_window"),
    path("manage/users/", manage.users, name="manage_users"),
    path("manage/users/new/", manage.user_new, name="manage_user_new"),
    path("manage/users/<int:pk>/", manage.user_edit, name="manage_user"),
    path("manage/users/<int:pk>/photo/", manage.user_photo_set, name="manage_user_photo"),
    path("staff/<int:pk>/photo/", manage.user_photo, name="staff_photo"),
    path("manage/calendar/", manage.calendar, name="manage_calendar"),
]
