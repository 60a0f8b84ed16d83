from django.urls import path

from . import views

app_name = "textsim"
urlpatterns = [
    path("search/", views.search, name="search"),
    path("similar/", views.similar_hint, name="similar-hint"),
    path("cases/<int:pk>/routing/", views.routing_hint, name="routing-hint"),
    path("cases/<int:pk>/reply-check/", views.reply_check_hint, name="reply-check-hint"),
    path("merge/", views.merge_suggestions, name="merge-suggestions"),
    path("merge/accept/", views.merge_accept, name="merge-accept"),
    path("merge/dismiss/", views.merge_dismiss, name="merge-dismiss"),
    path("rules/", views.routing_rules, name="routing-rules"),
    path("topics/", views.topics, name="topics"),
]
