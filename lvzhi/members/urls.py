from django.urls import path

from . import views

app_name = "members"
urlpatterns = [
    path("", views.home, name="home"),
    path("file/<int:member_id>/", views.member_file, name="file"),
    path("file/<int:member_id>/point/", views.point_detail, name="point"),
    path("file/<int:member_id>/file.docx", views.file_docx, name="file-docx"),
    path("file/<int:member_id>/duty-report.docx", views.duty_report_docx, name="duty-report"),
    path("file/<int:member_id>/appeal/", views.appeal_submit, name="appeal-submit"),
    path("file/<int:member_id>/record/", views.record_submit, name="record-submit"),
    path("ranking/", views.ranking, name="ranking"),
    path("rules/", views.rules, name="rules"),
    path("appeals/", views.appeal_list, name="appeal-list"),
    path("appeals/<int:pk>/", views.appeal_detail, name="appeal-detail"),
    path("records/<int:pk>/decide/", views.record_decide, name="record-decide"),
    path("board/", views.board, name="board"),
]
