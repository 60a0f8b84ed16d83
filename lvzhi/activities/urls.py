from django.urls import path

from . import views

app_name = "activities"

urlpatterns = [
    path("meetings/", views.meeting_list, name="meeting-list"),
    path("meetings/new/", views.meeting_create, name="meeting-create"),
    path("meetings/<int:pk>/", views.meeting_detail, name="meeting-detail"),
    path("events/", views.event_list, name="event-list"),
    path("events/new/", views.event_create, name="event-create"),
    path("events/types/new/", views.type_create, name="type-create"),
    path("events/<int:pk>/", views.event_detail, name="event-detail"),
    path("events/<int:pk>/edit/", views.event_edit, name="event-edit"),
    path("events/<int:pk>/<slug:action>/", views.event_action, name="event-action"),
    path("<slug:kind>/<int:pk>/invite/", views.invite, name="invite"),
    path("<slug:kind>/<int:pk>/signin/", views.signin_staff, name="signin-staff"),
    path("signin/<str:token>/", views.signin, name="signin"),
    path("attendance/<int:pk>/<slug:action>/", views.attendance_action, name="attendance-action"),
    path("my/", views.my_activities, name="my"),
    path("speeches/", views.speech_list, name="speech-list"),
    path("speeches/new/", views.speech_create, name="speech-create"),
    path("speeches/<int:pk>/", views.speech_detail, name="speech-detail"),
    path("outcomes/", views.outcome_list, name="outcome-list"),
    path("outcomes/board/", views.outcome_board, name="outcome-board"),
    path("outcomes/new/", views.outcome_create, name="outcome-create"),
    path("outcomes/<int:pk>/", views.outcome_detail, name="outcome-detail"),
    path("plans/", views.plan_list, name="plan-list"),
    path("plans/new/", views.plan_create, name="plan-create"),
    path("plans/<int:pk>/", views.plan_detail, name="plan-detail"),
    path("stations/", views.station_list, name="station-list"),
    path("stations/new/", views.station_create, name="station-create"),
    path("stations/<int:pk>/", views.station_detail, name="station-detail"),
    path("study-groups/", views.study_group_list, name="study-group-list"),
    path("culture/", views.culture, name="culture"),
    path("duty/", views.thread_list, name="thread-list"),
    path("duty/<int:pk>/", views.thread_detail, name="thread-detail"),
]
