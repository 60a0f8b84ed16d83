from django.urls import path

from . import views

app_name = "opinions"
urlpatterns = [
    path("inbox/", views.inbox, name="inbox"),
    path("micro/", views.inbox, {"kind": "micro_suggestion"}, name="micro-inbox"),
    path("mine/", views.my_reports, name="my-opinions"),
    path("mine/micro/", views.my_reports, {"kind": "micro_suggestion"}, name="my-micro"),
    path("new/<slug:kind>/", views.draft_create, name="draft-create"),
    path("case/<int:pk>/edit/", views.draft_edit, name="draft-edit"),
    path("case/<int:pk>/", views.case_detail, name="case-detail"),
    path("case/<int:pk>/action/<slug:name>/", views.case_action, name="case-action"),
    path("bulletins/", views.bulletin_list, name="bulletin-list"),
    path("bulletins/new/", views.bulletin_create, name="bulletin-create"),
    path("bulletins/<int:pk>/", views.bulletin_detail, name="bulletin-detail"),
    path("bulletins/<int:pk>/publish/", views.bulletin_publish, name="bulletin-publish"),
    path("bulletins/<int:pk>/docx/", views.bulletin_docx, name="bulletin-docx"),
]
