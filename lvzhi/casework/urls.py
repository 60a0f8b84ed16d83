from django.urls import path

from . import views

app_name = "casework"
urlpatterns = [
    path("", views.my_cases, name="my-cases"),
    path("new/<str:kind>/", views.case_create, name="case-create"),
    path("<int:pk>/", views.case_detail, name="case-detail"),
    path("<int:pk>/edit/", views.case_edit, name="case-edit"),
    path("<int:pk>/act/<str:action>/", views.case_action, name="case-action"),
    path("<int:pk>/document.docx", views.case_document, name="case-docx"),
    path("<int:pk>/replies/<int:reply_id>/letter.docx", views.reply_letter, name="reply-letter"),
    path("<int:pk>/attachments/<int:attachment_id>/", views.attachment_download, name="attachment"),
    path("inbox/", views.inbox, name="inbox"),
    path("inbox/bulk/", views.bulk_action, name="bulk"),
    path("overdue/", views.overdue, name="overdue"),
    path("key/", views.key_cases, name="key-cases"),
    path("units/", views.unit_progress, name="unit-progress"),
    path("compilation.docx", views.compilation, name="compilation"),
    path("todo/", views.unit_todo, name="unit-todo"),
    path("holidays/", views.holidays, name="holidays"),
    path("notifications/", views.notifications, name="notifications"),
    path("assign-meeting/", views.assign_meeting, name="assign-meeting"),
    path("review-back/", views.review_back, name="review-back"),
]
