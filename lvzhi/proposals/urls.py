from django.urls import path

from . import views

app_name = "proposals"
urlpatterns = [
    path("statistics/", views.statistics, name="statistics"),
]
