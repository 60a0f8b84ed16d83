from django.urls import path

from . import views
from .registers import REGISTERS

app_name = "oversight"
urlpatterns = [
    path("", views.index, name="index"),
    path("vote/", views.my_polls, name="my-polls"),
    path("vote/<int:pk>/", views.poll_vote, name="vote"),
    path("budget/", views.budget, name="budget"),
    path("deputy-changes/new/", views.deputy_change_new, name="deputy-change-new"),
    path("<slug:key>/", views.record_list, name="list"),
    path("<slug:key>/new/", views.record_form, name="create"),
    path("<slug:key>/<int:pk>/", views.record_detail, name="detail"),
    path("<slug:key>/<int:pk>/edit/", views.record_form, name="edit"),
    path("<slug:key>/<int:pk>/add/<slug:child>/", views.child_add, name="child-add"),
    path("<slug:key>/<int:pk>/do/<slug:action>/", views.record_action, name="action"),
] + [path(f"{r.key}/", views.record_list, {"key": r.key}, name=r.key) for r in REGISTERS]
