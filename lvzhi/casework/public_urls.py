"""公开答复 under /public/<body_id>/replies/ (no sign-in); the rest of /public/ is the petitions portal."""

from django.urls import path

from . import views

app_name = "casework-public"
urlpatterns = [
    path("<int:body_id>/replies/", views.public_replies, name="replies"),
    path("<int:body_id>/replies/<int:pk>/", views.public_reply_detail, name="reply-detail"),
]
