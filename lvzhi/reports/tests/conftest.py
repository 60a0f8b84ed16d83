from __future__ import annotations

from typing import Any

import pytest


@pytest.fixture(autouse=True)
def _no_demo_peer_reports(request: Any) -> None:
    """These tests count peer reports from zero; the demo's own are removed inside the test's transaction."""
    if "db" not in request.fixturenames and "transactional_db" not in request.fixturenames:
        marker = request.node.get_closest_marker("django_db")
        if marker is None:
            return
    request.getfixturevalue("db")
    from lvzhi.core import audit
    from lvzhi.reports.models import PeerFigure, PeerReport

    with audit.suspended():
        PeerFigure.objects.all().delete()
        PeerReport.objects.all().delete()
