from django.conf import settings
from django.contrib import admin
from django.http import HttpRequest, JsonResponse
from django.urls import include, path

from lvzhi.api.api import api
from lvzhi.web import views as web_views


def openapi_json(request: HttpRequest) -> JsonResponse:
    return JsonResponse(
        api.get_openapi_schema(path_prefix="/api/v1/"), json_dumps_params={"ensure_ascii": False}
    )


admin.site.site_header = "履职通 · 系统管理"
admin.site.site_title = "履职通"

urlpatterns = [
    path("", web_views.dashboard, name="home"),
    path("", include("lvzhi.web.urls")),
    path("accounts/", include("lvzhi.accounts.urls")),
    path("orgs/", include("lvzhi.orgs.urls")),
    path("reports/", include("lvzhi.reports.urls")),
    path("members/", include("lvzhi.members.urls")),
    path("cases/", include("lvzhi.casework.urls")),
    path("proposals/", include("lvzhi.proposals.urls")),
    path("opinions/", include("lvzhi.opinions.urls")),
    path("petitions/", include("lvzhi.petitions.urls")),
    path("oversight/", include("lvzhi.oversight.urls")),
    path("public/", include("lvzhi.oversight.public_urls")),
    path("activities/", include("lvzhi.activities.urls")),
    path("public/", include("lvzhi.petitions.public_urls")),
    path("public/", include("lvzhi.casework.public_urls")),
    path("textsim/", include("lvzhi.textsim.urls")),
    path("api/openapi.json", openapi_json, name="openapi"),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
]

handler400 = "lvzhi.web.views.error_400"
handler403 = "lvzhi.web.views.error_403"
handler404 = "lvzhi.web.views.error_404"
handler500 = "lvzhi.web.views.error_500"

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
