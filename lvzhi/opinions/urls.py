from django.urls import path

from . import views

app_name = "opinions"
urlpatterns = [
    path("inbox/", views.inbox, name="inbox"),
    path("micro/", views.inbox, {"kind": "micro_suggestion"}, name="micro-inbox"),
    path("case/<int:pk>/", views.case_detail, name="case-detail"),
    path("case/<int:pk>/action/<slug:name>/", views.case_action, name="case-action"),
    path("bulletins/", views.bulletin_list, name="bulletin-list"),
    path("bulletins/new/", views.bulletin_create, name="bulletin-create"),
    path("bulletins/<int:pk>/", views.bulletin_detail, name="bulletin-detail"),
    path("bulletins/<int:pk>/publish/", views.bulletin_publish, name="bulletin-publish"),
    path("bulletins/<int:pk>/docx/", views.bulletin_docx, name="bulletin-docx"),
]
