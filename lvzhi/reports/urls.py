from django.urls import path

from . import views

app_name = "reports"
urlpatterns = [
    path("peers/", views.peer_list, name="peer-list"),
    path("peers/new/", views.peer_upload, name="peer-upload"),
    path("peers/review/<str:token>/", views.peer_review, name="peer-review"),
    path("peers/<int:pk>/", views.peer_detail, name="peer-detail"),
    path("peers/<int:pk>/edit/", views.peer_edit, name="peer-edit"),
    path("peers/<int:pk>/delete/", views.peer_delete, name="peer-delete"),
    path("peers/<int:pk>/figures/new/", views.figure_add, name="figure-add"),
    path("peers/<int:pk>/figures/<int:figure_id>/", views.figure_update, name="figure-update"),
    path("peers/<int:pk>/figures/<int:figure_id>/delete/", views.figure_delete, name="figure-delete"),
    path("compare/", views.compare, name="compare"),
    path("figures/", views.figure_list, name="figure-list"),
    path("year-report/", views.year_report, name="year-report"),
    path("figures/<str:key>/", views.figure_records, name="figure-records"),
]
