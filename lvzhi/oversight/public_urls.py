from django.urls import path

from . import views

app_name = "oversight-public"
urlpatterns = [
    path("drafts/<int:pk>/", views.public_draft, name="draft"),
]
