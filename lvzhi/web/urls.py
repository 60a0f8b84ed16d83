from django.urls import path

from . import views

app_name = "web"
urlpatterns = [
    path("dashboard/", views.dashboard, name="dashboard"),
    path("audit/", views.audit_list, name="audit-list"),
]
