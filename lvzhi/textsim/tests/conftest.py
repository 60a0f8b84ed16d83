from __future__ import annotations

from typing import Any

import pytest

from lvzhi.casework.models import Case


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks: Any) -> Any:
    """Run on_commit callbacks (indexing, routing choice) as a real commit would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def public_case(db: Any, user_named: Any) -> Case:
    """A submitted, public demo proposal of the member's body, with some text."""
    staff = user_named("demo-staff")
    case = (
        Case.objects.filter(
            body_id=staff.body_id, kind="proposal", is_public=True, submitted_at__isnull=False
        )
        .exclude(submitter_id=user_named("demo-member").pk)
        .order_by("pk")
        .first()
    )
    assert case is not None
    return case
