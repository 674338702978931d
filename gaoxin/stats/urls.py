from django.urls import path

from gaoxin.stats import views

urlpatterns = [
    path("", views.stats, name="stats"),
    path("export.xlsx", views.export, name="stats_export"),
]
