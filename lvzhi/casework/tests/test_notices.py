"""E-mail beside the in-app notices, the daily digest and the scheduled jobs (locmem mail, immediate tasks)."""

from __future__ import annotations

import datetime

from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from lvzhi.accounts.models import User
from lvzhi.casework import notices
from lvzhi.casework.models import Assignment, Notification
from lvzhi.casework.tasks import deadlines_sweep_job, notification_digest_send

from . import factories as f


def _assigned(user_named, captured):  # type: ignore[no-untyped-def]
    member, staff, unit = user_named("demo-member"), user_named("demo-staff"), user_named("demo-unit")
    case = f.move(f.move(f.draft(member), member, "submit"), staff, "register")
    with captured(execute=True):
        case = f.move(case, staff, "assign", lead_unit_id=unit.handling_unit_id)
    return case, unit


def test_assignment_mails_the_unit_in_chinese_with_a_link_to_the_case(
    user_named, django_capture_on_commit_callbacks, settings
):
    # given a unit contact with an address who wants each notice
    settings.LVZHI_SITE_URL = "https://lvzhi.example.org"
    User.objects.filter(username="demo-unit").update(email="unit@example.org", notice_email="each")
    # when staff assign a case to the unit
    case, _unit = _assigned(user_named, django_capture_on_commit_callbacks)
    # then one mail reaches the unit: Chinese, naming the case and the step, linking to the record
    to_unit = [m for m in mail.outbox if m.to == ["unit@example.org"]]
    assert len(to_unit) == 1
    m = to_unit[0]
    assert m.subject.startswith("【履职通】") and "交办" in m.subject
    assert case.title[:20] in m.body and f"https://lvzhi.example.org/cases/{case.pk}/" in m.body


def test_digest_readers_get_one_mail_a_day_and_others_none(user_named, django_capture_on_commit_callbacks):
    # given the unit chose the daily digest and the member chose no e-mail
    User.objects.filter(username="demo-unit").update(email="unit@example.org", notice_email="digest")
    User.objects.filter(username="demo-member").update(email="m@example.org", notice_email="off")
    # when two cases are assigned to the unit
    _assigned(user_named, django_capture_on_commit_callbacks)
    _assigned(user_named, django_capture_on_commit_callbacks)
    # then nothing is mailed at once
    assert not [m for m in mail.outbox if m.to in (["unit@example.org"], ["m@example.org"])]
    # and the day's digest is one mail listing both notices, each with its link
    notification_digest_send.enqueue()
    digest = [m for m in mail.outbox if m.to == ["unit@example.org"]]
    assert len(digest) == 1
    todays = Notification.objects.filter(user__username="demo-unit", at__date=timezone.localdate()).count()
    assert "提醒汇总" in digest[0].subject and digest[0].body.count("查看：") == todays >= 2
    assert not [m for m in mail.outbox if m.to == ["m@example.org"]]


def test_deadline_sweep_job_mails_the_overdue_reminder(user_named, django_capture_on_commit_callbacks):
    # given an assignment long overdue, the unit receiving each notice
    User.objects.filter(username="demo-unit").update(email="unit@example.org", notice_email="each")
    case, _unit = _assigned(user_named, django_capture_on_commit_callbacks)
    Assignment.objects.filter(case=case).update(due_on=datetime.date(2020, 1, 6))
    mail.outbox.clear()
    # when the daily job runs (immediate backend: in-process)
    with django_capture_on_commit_callbacks(execute=True):
        result = deadlines_sweep_job.enqueue()
    # then it reports its counts and the unit is mailed the 通报 of this case
    assert result.return_value["notice"] >= 1
    mine = [m for m in mail.outbox if m.to == ["unit@example.org"] and case.title[:20] in m.body]
    assert len(mine) == 1 and "已逾期" in mine[0].body


def test_enqueue_daily_jobs_lists_and_runs_each_job(capsys, monkeypatch):
    # given the daily jobs, with the index rebuild replaced by a stand-in (it is tested with textsim)
    ran: list[str] = []
    monkeypatch.setattr(notices, "send_digests", lambda **kw: ran.append("digest") or 0)
    # when the scheduler's command runs with the immediate backend of `make run`
    call_command("enqueue_daily_jobs", "--only", "digest")
    # then it enqueued (and so ran) the digest and said so in Chinese
    out = capsys.readouterr().out
    assert ran == ["digest"] and "notification_digest_send" in out and "已加入 1 项每日任务" in out


def test_a_person_chooses_the_daily_digest_on_their_page(client, user_named):
    # given a signed-in member
    client.force_login(user_named("demo-member"))
    # when they save an address and the digest
    r = client.post("/accounts/profile/notices/", {"email": "me@example.org", "notice_email": "digest"})
    # then it is kept; a bad address changes nothing and says why
    assert r.status_code == 302
    u = User.objects.get(username="demo-member")
    assert (u.email, u.notice_email) == ("me@example.org", "digest")
    client.post("/accounts/profile/notices/", {"email": "not-an-address", "notice_email": "off"})
    u.refresh_from_db()
    assert (u.email, u.notice_email) == ("me@example.org", "digest")
