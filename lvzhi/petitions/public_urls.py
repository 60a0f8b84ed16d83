from django.urls import path

from . import views

app_name = "public"
urlpatterns = [
    path("<int:body_id>/", views.public_submit, name="submit"),
    path("track/", views.public_track, name="track"),
]
