"""The REST API, versioned under /api/v1/; each app mounts its own router."""

from __future__ import annotations

import json
from typing import Any

from django.http import HttpRequest
from ninja import NinjaAPI
from ninja.renderers import JSONRenderer

from . import errors
from .auth import BearerToken, Session


class ChineseJSONRenderer(JSONRenderer):
    """Chinese text stays readable in responses instead of \\u escapes."""

    def render(self, request: HttpRequest, data: Any, *, response_status: int) -> Any:
        return json.dumps(data, cls=self.encoder_class, ensure_ascii=False)


api = NinjaAPI(
    renderer=ChineseJSONRenderer(),
    title="履职通 API",
    version="1",
    description="履职通接口。先以 POST /api/v1/auth/token 换取令牌，再以 `Authorization: Bearer <token>` 调用。"
    '错误统一返回 {"code", "message"}。',
    auth=[BearerToken(), Session()],
    urls_namespace="api-v1",
    docs_url="/docs",
)
errors.install(api)


def _mount() -> None:
    from lvzhi.accounts.api import router as accounts_router
    from lvzhi.activities.api import router as activities_router
    from lvzhi.casework.api import router as casework_router
    from lvzhi.orgs.api import router as orgs_router
    from lvzhi.oversight.api import router as oversight_router
    from lvzhi.petitions.api import router as petitions_router
    from lvzhi.reports.api import router as reports_router
    from lvzhi.textsim.api import router as textsim_router

    api.add_router("", accounts_router)
    api.add_router("", orgs_router)
    api.add_router("", casework_router)
    api.add_router("", petitions_router)
    api.add_router("", oversight_router)
    api.add_router("", activities_router)
    api.add_router("", reports_router)
    api.add_router("", textsim_router)


_mount()
