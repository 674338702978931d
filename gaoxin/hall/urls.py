from django.urls import path

from gaoxin.hall.views import figures, kiosk, manage, public, screen, window

# Mounted at /hall/.
urlpatterns = [
    # The kiosk at the entrance (touch screen): take a ticket, check in; the printed ticket.
    path("kiosk/", kiosk.kiosk, name="hall_kiosk"),
    path("kiosk/take/<int:pk>/", kiosk.take, name="hall_take"),
    path("kiosk/check-in/", kiosk.check_in, name="hall_check_in"),
    path("kiosk/ticket/<str:token>/", kiosk.ticket, name="hall_ticket"),
    # The public's phone: follow the queue (the ticket's QR code), book, change or cancel.
    path("t/<str:token>/", public.follow, name="hall_follow"),
    path("book/", public.businesses, name="hall_book"),
    path("book/<str:code>/", public.book, name="hall_book_business"),
    path("booking/", public.find_booking, name="hall_find_booking"),
    path("booking/<str:code>/", public.booking, name="hall_booking"),
    path("booking/<str:code>/change/", public.change, name="hall_booking_change"),
    path("booking/<str:code>/cancel/", public.cancel, name="hall_booking_cancel"),
    # The clerk's window bar, and the hall's big screen (with the JSON it polls).
    path("window/", window.bar, name="hall_window"),
    path("window/<int:number>/second/", window.second, name="hall_second"),
    path("window/<int:number>/second/state/", window.second_state, name="hall_second_state"),
    path("window/<int:number>/<str:action>/", window.act, name="hall_window_act"),
    path("screen/", screen.screen, name="hall_screen"),
    path("screen/data/", screen.data, name="hall_screen_data"),
    # The figures the center opens and closes windows by.
    path("figures/", figures.page, name="hall_figures"),
    # 管理 › 大厅业务: the administrator sets the businesses up.
    path("manage/businesses/", manage.businesses, name="hall_manage_businesses"),
    path("manage/businesses/new/", manage.business_edit, name="hall_manage_business_new"),
    path("manage/businesses/<int:pk>/", manage.business_edit, name="hall_manage_business"),
]
