from django.urls import path

from . import views

app_name = "public"
urlpatterns = [
    path("", views.public_home, name="home"),
    path("<int:body_id>/", views.public_submit, name="submit"),
    path("track/", views.public_track, name="track"),
]
