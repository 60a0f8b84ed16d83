"""A member drafting a proposal sees similar existing cases as they type (htmx, debounced)."""

from __future__ import annotations

from typing import Any

from lvzhi.casework.models import Case


def test_member_typing_a_draft_title_sees_a_similar_case(page: Any, sign_in: Any) -> None:
    # given a submitted public proposal of the member's body
    existing = (
        Case.objects.filter(
            kind="proposal", is_public=True, submitted_at__isnull=False, body__short_name="示范市政协"
        )
        .exclude(submitter__username="demo-member")
        .order_by("pk")
        .first()
    )
    assert existing is not None
    sign_in(page, "demo-member")
    # when the member types its title into a new draft
    page.goto(page.base_url + "/cases/new/proposal/")
    page.fill("#id_title", "")
    page.type("#id_title", existing.title, delay=5)
    # then the similar case is suggested under the title
    page.wait_for_selector("[data-testid=similar-case]")
    assert existing.title in page.inner_text("[data-testid=similar-cases]")
