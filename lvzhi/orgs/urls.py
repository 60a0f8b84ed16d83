from django.urls import path

from . import views

app_name = "orgs"
urlpatterns = [
    path("members/", views.member_list, name="member-list"),
    path("members/new/", views.member_edit, name="member-create"),
    path("members/<int:pk>/", views.member_detail, name="member-detail"),
    path("members/<int:pk>/edit/", views.member_edit, name="member-edit"),
    path("units/", views.unit_list, name="unit-list"),
    path("units/new/", views.unit_edit, name="unit-create"),
    path("units/<int:pk>/", views.unit_detail, name="unit-detail"),
    path("units/<int:pk>/edit/", views.unit_edit, name="unit-edit"),
    path("import/<str:kind>/", views.import_view, name="import"),
    path("import/<str:kind>/template/", views.import_template, name="import-template"),
    path("bodies/", views.body_list, name="body-list"),
    path("bodies/new/", views.body_edit, name="body-create"),
    path("bodies/<int:pk>/", views.body_detail, name="body-detail"),
    path("bodies/<int:pk>/edit/", views.body_edit, name="body-edit"),
    path("structure/<str:kind>/new/", views.structure_edit, name="structure-create"),
    path("structure/<str:kind>/<int:pk>/edit/", views.structure_edit, name="structure-edit"),
]
