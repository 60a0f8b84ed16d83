"""The public portal end to end, and every refusal: nothing stored, a clear Chinese answer, no 500."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from lvzhi.casework import services as engine
from lvzhi.casework.models import Case, CaseEvent, CaseTracker, Notification
from lvzhi.core import ratelimit
from lvzhi.orgs.models import HandlingUnit
from lvzhi.petitions import portal, services
from lvzhi.petitions.models import PetitionDetail, PublicAttachment

from .helpers import LONG, body, code_of, submit, unit_user

pytestmark = pytest.mark.django_db


def _counts():
    return (
        Case.objects.count(),
        CaseTracker.objects.count(),
        PublicAttachment.objects.count(),
        CaseEvent.objects.count(),
    )


def _track(client, code, ip="10.9.0.1", **extra):
    return client.post("/public/track/", {"code": code, **extra}, REMOTE_ADDR=ip)


def test_petition_from_public_submission_to_reply_and_rating(user_named):
    # given an anonymous person on the congress's public page
    congress = body("示范市人大常委会")
    anon = Client()
    assert anon.get(f"/public/{congress.pk}/").status_code == 200
    # when they submit a petition
    r = submit(anon, congress.pk)
    assert r.status_code == 200
    code = code_of(r)
    case = Case.objects.get(tracker__code_hash=portal.code_hash(code))
    # then it waits in the staff inbox, with the masked name only on the case
    assert case.kind == "petition" and case.state == "submitted"
    assert case.submitter_name == "张**"
    assert PetitionDetail.objects.get(case=case).petitioner_name == "张三丰"
    staff = user_named("demo-petition")
    inbox = Client()
    inbox.force_login(staff)
    assert case.title in inbox.get("/petitions/?state=submitted").content.decode()
    # staff register, admit (受理告知) and assign (交办) to a unit
    unit = HandlingUnit.objects.filter(body=congress).first()
    for name, data in (
        ("register", {}),
        ("admit", {}),
        ("classify", {"petition_category": "urban"}),
        ("assign", {"lead_unit_id": str(unit.pk)}),
    ):
        r = inbox.post(f"/opinions/case/{case.pk}/action/{name}/", data)
        assert r.status_code == 302
    case.refresh_from_db()
    assert case.state == "assigned" and case.number.startswith("信访〔")
    # the unit replies
    uu = unit_user(unit, "petition-unit")
    u = Client()
    u.force_login(uu)
    r = u.post(
        f"/opinions/case/{case.pk}/action/reply/",
        {
            "category": "a",
            "content": "经调查，开发商已于本月补办手续，不动产权证将于30日内发放。",
            "signed_by": "李局长",
        },
    )
    assert r.status_code == 302
    case.refresh_from_db()
    assert case.state == "replied"
    # the person sees the reply with the code and rates it
    r = _track(anon, code)
    page = r.content.decode()
    assert r.status_code == 200 and "不动产权证将于30日内发放" in page and "已答复" in page
    r = _track(anon, code, action="rate", rating="satisfied")
    assert r.status_code == 200 and "感谢您的评价" in r.content.decode()
    case.refresh_from_db()
    assert case.state == "closed" and case.rating == "satisfied"


def test_unsatisfied_petitioner_asks_for_review_with_the_code(user_named):
    congress = body("示范市人大常委会")
    anon = Client()
    code = code_of(submit(anon, congress.pk))
    case = Case.objects.get(tracker__code_hash=portal.code_hash(code))
    staff = user_named("demo-petition")
    for name, data in (
        ("register", {}),
        ("admit", {}),
        ("answer", {"content": "经核实，您反映的问题不属于本机关职权范围，已告知相关渠道。"}),
    ):
        engine.case_transition(case=case, name=name, actor=staff, data=data)
    r = _track(anon, code, action="rate", rating="unsatisfied", comment="没有解决问题")
    assert r.status_code == 200
    case.refresh_from_db()
    assert case.state == "dissatisfied"
    r = _track(anon, code, action="review", note="请求复查，问题仍未解决。")
    case.refresh_from_db()
    assert case.state == "reviewing" and "复查申请已提交" in r.content.decode()
    engine.case_transition(
        case=case, name="conclude_review", actor=staff, data={"content": "维持原处理意见。"}
    )
    case.refresh_from_db()
    assert case.state == "closed"
    assert "维持原处理意见" in _track(anon, code).content.decode()


def test_repeated_petition_is_linked_to_the_first(user_named):
    # given a first petition from one phone number
    congress = body("示范市人大常委会")
    anon = Client()
    first = Case.objects.get(tracker__code_hash=portal.code_hash(code_of(submit(anon, congress.pk))))
    # when the same person comes back
    second = Case.objects.get(
        tracker__code_hash=portal.code_hash(
            code_of(submit(anon, congress.pk, title="再次反映不动产权证问题"))
        )
    )
    # then the second is linked to the first, and both pages say so
    assert PetitionDetail.objects.get(case=second).earlier_id == first.pk
    staff = Client()
    staff.force_login(user_named("demo-petition"))
    assert 'data-testid="earlier"' in staff.get(f"/petitions/{second.pk}/").content.decode()
    assert 'data-testid="repeats"' in staff.get(f"/petitions/{first.pk}/").content.decode()
    # staff may also unlink and link by hand through the engine
    engine.case_transition(case=second, name="link", actor=user_named("demo-petition"), data={})
    assert PetitionDetail.objects.get(case=second).earlier_id is None
    engine.case_transition(
        case=second, name="link", actor=user_named("demo-petition"), data={"earlier_id": first.pk}
    )
    assert PetitionDetail.objects.get(case=second).earlier_id == first.pk


def test_staff_see_public_micro_suggestions_in_their_inbox(client_as):
    cppcc = body("示范市政协")
    r = submit(
        Client(),
        cppcc.pk,
        kind="micro_suggestion",
        title="建议在人民公园东门增设公共卫生间",
        name="",
        phone="",
    )
    assert r.status_code == 200
    page = client_as("demo-staff").get("/opinions/micro/?state=submitted").content.decode()
    assert "建议在人民公园东门增设公共卫生间" in page


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"title": "", "content": ""}, "title", services.TITLE_LENGTH),
        ({"content": "太短"}, "content", services.CONTENT_LENGTH),
        ({"content": "很长" * 2600}, "content", services.CONTENT_LENGTH),
        ({"title": "标" * 101}, "title", services.TITLE_LENGTH),
        ({"name": ""}, "name", services.NAME_REQUIRED),
        ({"phone": "abc"}, "phone", services.PHONE_INVALID),
        ({"kind": "bill"}, "kind", services.KIND_INVALID),
        ({"kind": "opinion"}, "kind", "不受理"),
        ({"captcha_answer": "999"}, "captcha", portal.CAPTCHA_WRONG),
        ({"captcha_token": "forged"}, "captcha", portal.CAPTCHA_EXPIRED),
    ],
)
def test_bad_input_gets_a_clear_message_and_stores_nothing(fields, field, message):
    congress = body("示范市人大常委会")
    before = _counts()
    r = submit(Client(), congress.pk, **fields)
    assert r.status_code == 400
    assert message in r.content.decode()
    assert _counts() == before


def test_a_captcha_is_good_for_one_attempt_only():
    congress = body("示范市人大常委会")
    from .helpers import captcha

    c = captcha()
    assert code_of(submit(Client(), congress.pk, **c))
    before = _counts()
    r = submit(Client(), congress.pk, **c)
    assert r.status_code == 400 and portal.CAPTCHA_EXPIRED in r.content.decode()
    assert _counts() == before


def test_script_tags_are_stored_as_text_and_escaped_on_display(user_named):
    congress = body("示范市人大常委会")
    evil = "<script>alert('x')</script>反映问题的标题"
    code = code_of(submit(Client(), congress.pk, title=evil, content=LONG + "<img src=x onerror=alert(1)>"))
    page = _track(Client(), code).content.decode()
    assert "<script>alert" not in page and "&lt;script&gt;alert" in page
    assert "<img src=x" not in page
    staff = Client()
    staff.force_login(user_named("demo-petition"))
    assert "<script>alert" not in staff.get("/petitions/?state=submitted").content.decode()


def _docx_bytes() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<document/>")
    return buf.getvalue()


def test_a_fake_docx_that_is_an_executable_is_refused():
    congress = body("示范市人大常委会")
    before = _counts()
    exe = SimpleUploadedFile(
        "材料.docx",
        b"MZ\x90\x00\x03" + b"\x00" * 2000,
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    r = submit(Client(), congress.pk, attachment=exe)
    assert r.status_code == 400 and portal.FILE_TYPE in r.content.decode()
    assert _counts() == before


def test_a_real_docx_attachment_is_kept_with_its_sniffed_type():
    congress = body("示范市人大常委会")
    f = SimpleUploadedFile("材料.docx", _docx_bytes())
    code = code_of(submit(Client(), congress.pk, attachment=f))
    att = PublicAttachment.objects.get(case__tracker__code_hash=portal.code_hash(code))
    assert att.kind == "docx" and att.original_name == "材料.docx"


def test_an_oversized_attachment_is_refused():
    congress = body("示范市人大常委会")
    before = _counts()
    big = SimpleUploadedFile("scan.pdf", b"%PDF-1.4" + b"0" * (portal.MAX_FILE_BYTES + 10))
    r = submit(Client(), congress.pk, attachment=big)
    assert r.status_code == 400 and "附件不能超过 5 MB" in r.content.decode()
    assert _counts() == before


def test_a_hundred_submissions_in_a_minute_from_one_ip_are_throttled():
    congress = body("示范市人大常委会")
    before = Case.objects.count()
    statuses = [
        submit(Client(), congress.pk, ip="10.66.0.1", title=f"反映问题第{i:03d}件").status_code
        for i in range(100)
    ]
    assert 500 not in statuses
    assert statuses.count(200) == portal.SUBMIT_LIMIT[0]
    assert statuses.count(429) == 100 - portal.SUBMIT_LIMIT[0]
    assert Case.objects.count() == before + portal.SUBMIT_LIMIT[0]
    r = submit(Client(), congress.pk, ip="10.66.0.1")
    assert "提交过于频繁" in r.content.decode()
    # another address is unaffected
    assert submit(Client(), congress.pk, ip="10.66.0.2").status_code == 200


def test_the_minute_limit_holds_across_a_clock_minute_boundary(monkeypatch):
    congress = body("示范市人大常委会")
    clock = [60_000 * 60 + 58.0]  # two seconds before a minute turns
    monkeypatch.setattr(ratelimit.time, "time", lambda: clock[0])
    statuses = []
    for i in range(12):
        statuses.append(submit(Client(), congress.pk, ip="10.67.0.1", title=f"跨分钟第{i}件").status_code)
        clock[0] += 0.4  # twelve attempts in under five seconds, straddling hh:mm:00
    assert statuses.count(200) == portal.SUBMIT_LIMIT[0]


def test_wrong_codes_answer_like_unknown_ones_and_are_rate_limited():
    congress = body("示范市人大常委会")
    code = code_of(submit(Client(), congress.pk))
    wrong = _track(Client(), code[:-1] + ("A" if code[-1] != "A" else "B"), ip="10.7.0.1")
    unknown = _track(Client(), "x", ip="10.7.0.2")
    assert wrong.status_code == unknown.status_code == 404
    assert (
        services.CODE_UNKNOWN in wrong.content.decode() and services.CODE_UNKNOWN in unknown.content.decode()
    )
    statuses = [_track(Client(), f"guess-{i:06d}-xyz", ip="10.7.0.3").status_code for i in range(15)]
    assert statuses[:10] == [404] * 10 and set(statuses[10:]) == {429}
    # even the right code waits once the address is over the limit
    assert _track(Client(), code, ip="10.7.0.3").status_code == 429


def test_public_api_submission_and_tracking():
    congress = body("示范市人大常委会")
    api = Client(REMOTE_ADDR="10.8.0.1")
    c = api.get(f"/api/v1/public/{congress.pk}/captcha").json()
    from .helpers import solve

    payload = {
        "kind": "petition",
        "title": "反映小区逾期未办理不动产权证",
        "content": LONG,
        "name": "李四",
        "phone": "13800000000",
        "captcha_token": c["token"],
        "captcha_answer": solve(c["question"]),
    }
    r = api.post(f"/api/v1/public/{congress.pk}/submissions", payload, content_type="application/json")
    assert r.status_code == 201, r.content
    code = r.json()["code"]
    t = api.get(f"/api/v1/public/track/{code}")
    assert t.status_code == 200 and t.json()["state"] == "submitted" and t.json()["kind_label"] == "信访件"
    assert "李四" not in t.content.decode()
    bad = api.get("/api/v1/public/track/not-a-real-code-123")
    assert bad.status_code == 404 and bad.json()["message"] == services.CODE_UNKNOWN
    r = api.post(
        f"/api/v1/public/{congress.pk}/submissions",
        {**payload, "captcha_answer": "x"},
        content_type="application/json",
    )
    assert r.status_code == 422 and portal.CAPTCHA_EXPIRED in r.json()["message"]


def test_the_public_submitter_is_told_on_the_tracking_page_not_by_notifications(user_named):
    # given a public petition, looked up once with its code
    congress = body("示范市人大常委会")
    anon = Client()
    code = code_of(submit(anon, congress.pk))
    case = Case.objects.get(tracker__code_hash=portal.code_hash(code))
    first = _track(anon, code).content.decode()
    assert (
        'data-testid="track-new"' not in first and "（状态：已收到，待受理）" in first
    )  # citizen words, not the office's 待登记
    # when petition staff register and admit it
    staff = user_named("demo-petition")
    for name in ("register", "admit"):
        engine.case_transition(case=case, name=name, actor=staff)
    # then nothing piles up for the inactive public-portal account, staff still get theirs
    public = services.public_actor()
    assert not Notification.objects.filter(user=public).exists()
    assert Notification.objects.filter(case=case).exclude(user=public).exists()
    # and the next look-up shows both status changes, marked new
    page = _track(anon, code).content.decode()
    assert "2 项新进展" in page
    assert '已登记 <span class="text-muted">（状态：已登记）</span>' in page
    assert "（状态：已受理）" in page
    api = Client(REMOTE_ADDR="10.9.0.9")
    events = api.get(f"/api/v1/public/track/{code}").json()["events"]
    assert [e["state_label"] for e in events][-2:] == ["已登记", "已受理"]
    # the look-up just made is the new “last time”: nothing is new any more
    assert 'data-testid="track-new"' not in _track(anon, code).content.decode()


# ---------------------------------------------------------------- files through the public API


def _api_form(client, body_id, **fields):
    c = client.get(f"/api/v1/public/{body_id}/captcha").json()
    from .helpers import solve

    data = {
        "kind": "petition",
        "title": "反映小区逾期未办理不动产权证",
        "content": LONG,
        "name": "李四",
        "phone": "13800000000",
        "captcha_token": c["token"],
        "captcha_answer": solve(c["question"]),
        **fields,
    }
    return client.post(f"/api/v1/public/{body_id}/submissions/multipart", data)


def test_the_api_takes_a_real_docx_as_multipart_and_keeps_its_sniffed_type():
    congress = body("示范市人大常委会")
    api = Client(REMOTE_ADDR="10.8.1.1")
    r = _api_form(api, congress.pk, attachment=SimpleUploadedFile("材料.docx", _docx_bytes()))
    assert r.status_code == 201, r.content
    att = PublicAttachment.objects.get(case__tracker__code_hash=portal.code_hash(r.json()["code"]))
    assert att.kind == "docx" and att.original_name == "材料.docx" and att.size == len(_docx_bytes())
    # and without a file the multipart form works too
    assert _api_form(api, congress.pk, title="再次反映不动产权证问题").status_code == 201


def test_the_api_refuses_a_fake_docx_that_is_an_executable_and_stores_nothing():
    congress = body("示范市人大常委会")
    before = _counts()
    exe = SimpleUploadedFile(
        "材料.docx",
        b"MZ\x90\x00\x03" + b"\x00" * 2000,
        content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )
    r = _api_form(Client(REMOTE_ADDR="10.8.1.2"), congress.pk, attachment=exe)
    assert r.status_code == 422 and portal.FILE_TYPE in r.json()["message"]
    assert _counts() == before


def test_the_api_refuses_an_oversized_attachment_and_stores_nothing():
    congress = body("示范市人大常委会")
    before = _counts()
    big = SimpleUploadedFile("scan.pdf", b"%PDF-1.4" + b"0" * (portal.MAX_FILE_BYTES + 10))
    r = _api_form(Client(REMOTE_ADDR="10.8.1.3"), congress.pk, attachment=big)
    assert r.status_code == 422 and "附件不能超过 5 MB" in r.json()["message"]
    assert _counts() == before


def test_the_multipart_api_checks_fields_and_the_captcha_like_the_json_one():
    congress = body("示范市人大常委会")
    before = _counts()
    r = _api_form(Client(REMOTE_ADDR="10.8.1.4"), congress.pk, content="太短")
    assert r.status_code == 422 and services.CONTENT_LENGTH in r.json()["message"]
    r = _api_form(Client(REMOTE_ADDR="10.8.1.4"), congress.pk, captcha_answer="x")
    assert r.status_code == 422 and portal.CAPTCHA_WRONG in r.json()["message"]
    assert _counts() == before
