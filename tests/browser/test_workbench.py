"""Each role's 工作台 in the browser: its own items first (one seeded world for all roles)."""

from __future__ import annotations

from lvzhi.accounts.models import User
from lvzhi.casework.models import Assignment, AssignmentStatus, Case

ROLE_PANELS = {
    "demo-member": ["drafts", "to-rate", "invites", "by-state"],
    "demo-unit": ["to-sign", "overdue", "due-soon", "cosign", "ratings"],
    "demo-staff": ["decide", "inbox", "overdue-units", "returned"],
    "demo-leader": ["led", "instructions"],
    "demo-admin": ["bodies", "users", "locked", "audit"],
}


def test_each_role_lands_on_its_own_workbench(page, sign_in):
    unit = User.objects.get(username="demo-unit")
    to_sign = (
        Assignment.objects.filter(
            unit_id=unit.handling_unit_id,
            status=AssignmentStatus.ASSIGNED,
            case__state__in=["assigned", "handling", "rehandling"],
        )
        .select_related("case")
        .order_by("due_on", "id")
        .first()
    )
    assert to_sign is not None
    member = User.objects.get(username="demo-member")
    member_draft = Case.objects.filter(submitter=member, state="draft").first()
    assert member_draft is not None
    expected_text = {
        "demo-unit": ("to-sign", to_sign.case.title),
        "demo-member": ("drafts", member_draft.title),
    }
    for username, keys in ROLE_PANELS.items():
        page.context.clear_cookies()
        sign_in(page, username)
        board = page.locator("[data-testid=workbench]")
        for key in keys:
            assert board.locator(f"[data-testid=panel-{key}]").is_visible(), (username, key)
        if username in expected_text:
            key, text = expected_text[username]
            panel = board.locator(f"[data-testid=panel-{key}]")
            assert text in panel.inner_text()
            panel.get_by_text(text).first.click()
            page.wait_for_load_state()
            assert text in page.locator("h1, .page-title").first.inner_text()
