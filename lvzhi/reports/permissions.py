"""Who may read and change peer reports and the figure details.

Peer reports are an office's working material: its staff (and leaders, read-only)
see their own body's; administrators see all. Members and handling units see none.
"""

from __future__ import annotations

import rules

from lvzhi.core.permissions import in_same_body, is_admin, is_body_staff, is_leader, is_office_staff

can_view_reports = is_admin | ((is_office_staff | is_leader) & in_same_body)
can_change_reports = is_admin | is_body_staff

rules.add_perm("reports.view_peerreport", can_view_reports)
rules.add_perm("reports.add_peerreport", can_change_reports)
rules.add_perm("reports.change_peerreport", can_change_reports)
rules.add_perm("reports.view_figures", can_view_reports)
