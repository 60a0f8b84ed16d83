"""Who may read and keep the oversight records: the core predicates, narrowed to congress bodies.

Read: administrators, and the staff, leaders and deputies of the congress body that owns the
record. Keep (create, change, open polls, record votes): administrators and that body's office
staff. A CPPCC user matches neither, so the menu, pages and API stay closed to them.
"""

from __future__ import annotations

from typing import Any

import rules

from lvzhi.core.permissions import in_same_body, is_admin, is_leader, is_member, is_office_staff


@rules.predicate
def in_congress(user: Any) -> bool:
    return bool(user.is_authenticated and getattr(getattr(user, "body", None), "kind", "") == "congress")


can_view = is_admin | ((is_office_staff | is_leader | is_member) & in_congress & in_same_body)
can_manage = is_admin | (is_office_staff & in_congress & in_same_body)

rules.add_perm("oversight.view", can_view)
rules.add_perm("oversight.manage", can_manage)
