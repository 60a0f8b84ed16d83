"""/api/v1/oversight/…: the same scoping and refusals as the pages."""

from __future__ import annotations

import pytest

from lvzhi.oversight import models as m
from lvzhi.oversight import selectors

pytestmark = pytest.mark.django_db


def test_each_record_type_lists_and_reads_for_the_body_only(api, congress):
    staff = api("demo-deputy-staff")
    for key in (
        "work-reports",
        "polls",
        "law-inspections",
        "inquiries",
        "resolutions",
        "appointments",
        "filings",
        "drafts",
        "receptions",
        "livelihood",
        "budget-lines",
        "deputy-changes",
        "contact-points",
    ):
        r = staff.get(f"/api/v1/oversight/{key}", year=2026)
        assert r.status_code == 200, key
        body = r.json()
        assert set(body) == {"items", "count", "page", "page_size", "pages"}
        for item in body["items"]:
            assert item.get("body_id", congress.pk) == congress.pk
    first = m.LawInspection.objects.filter(body=congress).first()
    detail = staff.get(f"/api/v1/oversight/law-inspections/{first.pk}").json()
    assert detail["title"] == first.title and len(detail["items"]) == first.items.count()
    other = m.LawInspection.objects.exclude(body=congress).first()
    assert staff.get(f"/api/v1/oversight/law-inspections/{other.pk}").status_code == 404


def test_cppcc_users_get_403_and_anonymous_401(api):
    r = api("demo-staff").get("/api/v1/oversight/work-reports")
    assert r.status_code == 403 and r.json()["code"] == "permission_denied"
    assert api(None).get("/api/v1/oversight/work-reports").status_code == 401


def test_create_by_staff_and_refusal_for_a_deputy(api, congress):
    payload = {
        "title": "关于2027年预算执行情况的报告",
        "review_type": "budget",
        "organ_kind": "government",
        "reviewed_on": "2026-07-01",
    }
    assert api("demo-deputy").post("/api/v1/oversight/work-reports", payload).status_code == 403
    r = api("demo-deputy-staff").post("/api/v1/oversight/work-reports", payload)
    assert r.status_code == 201 and r.json()["review_type_label"] == "预算执行"
    bad = api("demo-deputy-staff").post("/api/v1/oversight/work-reports", {"title": ""})
    assert bad.status_code == 422


def test_poll_over_the_api_hides_the_tally_until_it_is_closed(api, congress, sc_users, poll):
    staff = api("demo-deputy-staff")
    ids = [u.member_id for u in sc_users[:2]]
    assert staff.post(f"/api/v1/oversight/polls/{poll.pk}/open", {"present": ids}).status_code == 200
    voter = api(sc_users[0].username)
    assert voter.post(f"/api/v1/oversight/polls/{poll.pk}/vote", {"choice": "satisfied"}).json() == {
        "voted": True
    }
    again = voter.post(f"/api/v1/oversight/polls/{poll.pk}/vote", {"choice": "basic"})
    assert again.status_code == 409
    assert staff.get(f"/api/v1/oversight/polls/{poll.pk}").json()["satisfied"] is None
    absent = api(sc_users[2].username).post(f"/api/v1/oversight/polls/{poll.pk}/vote", {"choice": "basic"})
    assert absent.status_code == 403
    closed = staff.post(f"/api/v1/oversight/polls/{poll.pk}/close").json()
    assert (closed["satisfied"], closed["basic"], closed["unsatisfied"]) == (1, 0, 0)
    late = api(sc_users[1].username).post(f"/api/v1/oversight/polls/{poll.pk}/vote", {"choice": "basic"})
    assert late.status_code == 409


def test_appointment_vote_before_exam_is_refused_over_the_api(api, congress):
    a = m.Appointment.objects.create(
        body=congress, person="赵海燕", post="示范市民政局局长", nominated_on="2026-05-01"
    )
    n = selectors.members_in_office(body=congress, on=a.nominated_on).count()
    staff = api("demo-deputy-staff")
    vote = {"voted_on": "2026-05-10", "present": n, "votes_for": n}
    r = staff.post(f"/api/v1/oversight/appointments/{a.pk}/vote", vote)
    assert r.status_code == 400 and "任前法律知识考试" in r.json()["message"]
    assert (
        staff.post(
            f"/api/v1/oversight/appointments/{a.pk}/exam", {"exam_on": "2026-05-03", "exam_score": 88}
        ).status_code
        == 200
    )
    assert staff.post(f"/api/v1/oversight/appointments/{a.pk}/vote", vote).json()["state"] == "adopted"


def test_public_draft_api_without_sign_in(api, congress):
    d = m.Draft.objects.filter(body=congress, is_open=True).first()
    d.due_on = d.due_on.replace(year=2099)
    d.save()
    anon = api(None)
    assert anon.get(f"/api/v1/public/drafts/{d.pk}").json()["title"] == d.title
    r = anon.post(
        f"/api/v1/public/drafts/{d.pk}/opinions", {"author": "李先生", "text": "建议细化罚则，增强可操作性。"}
    )
    assert r.status_code == 201


def test_oversight_figures_follow_their_counting_rules(api, congress):
    from lvzhi.reports import figures

    got = figures.figures_for(body=congress, year=2026)
    assert (
        got["oversight.work_reports"]
        == m.WorkReport.objects.filter(body=congress, reviewed_on__year=2026).count()
    )
    assert (
        got["decision.resolutions"]
        == m.Resolution.objects.filter(body=congress, voted_on__year=2026, state="adopted").count()
    )
    # a rejected resolution is not "made"; an adopted one is
    m.Resolution.objects.create(body=congress, title="未通过的决定", state="rejected", voted_on="2026-03-01")
    assert (
        figures.figures_for(body=congress, year=2026)["decision.resolutions"] == got["decision.resolutions"]
    )
    parts = sum(
        got[f"oversight.reviews.{t}"]
        for t in (
            "budget",
            "final_accounts",
            "audit",
            "audit_rectification",
            "state_assets",
            "government_debt",
        )
    )
    assert 0 < parts < got["oversight.work_reports"]
    assert (
        api("demo-deputy-staff").get("/api/v1/oversight/figures", year=2026).json()["appointment.persons"]
        == got["appointment.persons"]
    )
    records = figures.figure_records(key="filing_review.documents", body=congress, year=2026)
    assert records.count() == got["filing_review.documents"]
