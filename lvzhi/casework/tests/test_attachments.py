"""Attachments on replies, contact records and case documents: checked by content, ≤ 10 MB,
downloaded only by those who may read the case."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from lvzhi.casework import files
from lvzhi.casework.models import Attachment, Case, CaseEvent, Contact, Reply

from . import factories as f

pytestmark = pytest.mark.django_db


def _stored_files() -> set[str]:
    root = settings.MEDIA_ROOT / "cases"
    return {str(p) for p in root.rglob("*") if p.is_file()} if root.exists() else set()


@pytest.fixture
def handling(user_named):
    member, staff, unit = user_named("demo-member"), user_named("demo-staff"), user_named("demo-unit")
    return f.handling_case(member, staff, unit, title="关于加强校园周边交通安全管理的提案")


def _post_reply(client, case, *uploads):
    return client.post(
        f"/api/v1/cases/{case.pk}/actions/reply",
        {
            "category": "b",
            "content": "已列入明年计划。",
            "signed_by": "王局长",
            "promised_on": "2099-06-30",
            "files": list(uploads),
        },
    )


# ---------------------------------------------------------------- content sniffing


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (f.pdf_bytes(), "pdf"),
        (f.png_bytes(), "png"),
        (b"\xff\xd8\xff\xe0" + b"\0" * 20, "jpg"),
        (f.docx_bytes(), "docx"),
        (f.xlsx_bytes(), "xlsx"),
        (f.exe_bytes(), None),
        (b"PK\x03\x04not really a zip", None),
        (b"plain text pretending to be a pdf", None),
    ],
)
def test_the_kind_is_read_from_the_bytes_not_the_name(data, kind):
    assert files.sniff(data) == kind


def test_a_file_keeps_its_name_but_gets_the_extension_its_content_deserves():
    assert files.clean_name("C:\\报告\\扫描件.pdf", "png") == "扫描件.png"
    assert files.clean_name("../../etc/passwd", "pdf") == "passwd.pdf"


# ---------------------------------------------------------------- through the API


def test_unit_replies_with_a_pdf_and_a_docx_through_the_multipart_api(client_as, handling, user_named):
    # given: the unit handling the case
    client = client_as("demo-unit")
    # when: it replies with two files in one multipart request
    r = _post_reply(
        client,
        handling,
        SimpleUploadedFile("答复函.pdf", f.pdf_bytes(), content_type="application/pdf"),
        SimpleUploadedFile("落实计划.docx", f.docx_bytes(), content_type="application/octet-stream"),
    )
    # then: the reply and both files are stored, linked to the reply and the recorded step
    assert r.status_code == 200, r.content
    reply = Reply.objects.get(case=handling)
    rows = list(Attachment.objects.filter(case=handling).order_by("id"))
    assert [(a.name, a.kind, a.reply_id) for a in rows] == [
        ("答复函.pdf", "pdf", reply.pk),
        ("落实计划.docx", "docx", reply.pk),
    ]
    event = CaseEvent.objects.get(case=handling, action="case.reply")
    assert {a.event_id for a in rows} == {event.pk}
    assert [x["name"] for x in event.data["attachments"]] == ["答复函.pdf", "落实计划.docx"]
    assert [a["name"] for a in r.json()["attachments"]] == ["答复函.pdf", "落实计划.docx"]


def test_an_executable_named_docx_is_refused_in_chinese_and_nothing_is_stored(client_as, handling):
    # given
    before_files, before_events = _stored_files(), CaseEvent.objects.filter(case=handling).count()
    # when: the "Word file" is really a Windows program (and a good PDF rides along)
    r = _post_reply(
        client_as("demo-unit"),
        handling,
        SimpleUploadedFile("答复函.pdf", f.pdf_bytes()),
        SimpleUploadedFile("落实情况.docx", f.exe_bytes()),
    )
    # then: 422 with a Chinese message naming the file; no reply, no file, no event, same state
    assert r.status_code == 422
    message = r.json()["message"]
    assert "落实情况.docx" in message and "只能上传 PDF、Word（.docx）、Excel（.xlsx）、JPG 或 PNG" in message
    case = Case.objects.get(pk=handling.pk)
    assert case.state == "handling" and case.version == handling.version
    assert not Reply.objects.filter(case=handling).exists()
    assert not Attachment.objects.filter(case=handling).exists()
    assert CaseEvent.objects.filter(case=handling).count() == before_events
    assert _stored_files() == before_files


def test_a_file_over_10_mb_is_refused_and_nothing_changes(client_as, handling):
    big = SimpleUploadedFile("扫描件.pdf", b"%PDF-1.4\n" + b"0" * files.MAX_BYTES)
    r = _post_reply(client_as("demo-unit"), handling, big)
    assert r.status_code == 422 and "超过 10 MB" in r.json()["message"]
    assert not Reply.objects.filter(case=handling).exists()
    assert Case.objects.get(pk=handling.pk).state == "handling"


def test_files_on_a_step_that_takes_none_are_refused(client_as, user_named):
    member, staff, unit = user_named("demo-member"), user_named("demo-staff"), user_named("demo-unit")
    case = f.move(f.move(f.draft(member), member, "submit"), staff, "register")
    case = f.move(case, staff, "assign", lead_unit_id=unit.handling_unit_id)
    r = client_as("demo-unit").post(
        f"/api/v1/cases/{case.pk}/actions/accept", {"files": [SimpleUploadedFile("a.pdf", f.pdf_bytes())]}
    )
    assert r.status_code == 422 and "不接受附件" in r.json()["message"]
    assert Case.objects.get(pk=case.pk).state == "assigned"


def test_upload_documents_step_needs_a_file(client_as, handling):
    client = client_as("demo-unit")
    r = client.post(f"/api/v1/cases/{handling.pk}/actions/attach", {"note": "办理方案"})
    assert r.status_code == 422 and files.FILES_REQUIRED in r.json()["message"]
    r = client.post(
        f"/api/v1/cases/{handling.pk}/actions/attach",
        {"note": "办理方案", "files": [SimpleUploadedFile("办理进度.xlsx", f.xlsx_bytes())]},
    )
    assert r.status_code == 200, r.content
    row = Attachment.objects.get(case=handling)
    assert row.kind == "xlsx" and row.reply_id is None and row.contact_id is None


# ---------------------------------------------------------------- through the page


def test_contact_record_with_a_photo_through_the_case_page(client_as, handling):
    # given / when: the unit records a visit with a photo (sent as .jpg, really a PNG)
    client = client_as("demo-unit")
    r = client.post(
        reverse("casework:case-action", args=[handling.pk, "contact"]),
        {
            "stage": "before",
            "mode": "visit",
            "note": "实地走访学校周边路口",
            "files": [SimpleUploadedFile("现场照片.jpg", f.png_bytes())],
        },
    )
    # then: the file hangs on the contact record, renamed after its content, and is on the page
    assert r.status_code == 302
    contact = Contact.objects.get(case=handling)
    row = Attachment.objects.get(case=handling)
    assert (row.contact_id, row.name, row.kind) == (contact.pk, "现场照片.png", "png")
    page = client.get(reverse("casework:case-detail", args=[handling.pk])).content.decode()
    assert reverse("casework:attachment", args=[handling.pk, row.pk]) in page and "现场照片.png" in page


def test_a_refused_file_on_the_page_shows_a_chinese_message(client_as, handling):
    r = client_as("demo-unit").post(
        reverse("casework:case-action", args=[handling.pk, "contact"]),
        {
            "stage": "before",
            "mode": "visit",
            "note": "走访",
            "files": [SimpleUploadedFile("记录.docx", f.exe_bytes())],
        },
        follow=True,
    )
    assert "“记录.docx”的内容不是允许的类型" in r.content.decode()
    assert not Contact.objects.filter(case=handling).exists()


# ---------------------------------------------------------------- who may download


def test_only_those_who_may_read_the_case_download_its_files(client_as, handling, user_named):
    # given: a reply with a PDF
    r = _post_reply(client_as("demo-unit"), handling, SimpleUploadedFile("答复函.pdf", f.pdf_bytes()))
    row = Attachment.objects.get(case=handling)
    page_url = reverse("casework:attachment", args=[handling.pk, row.pk])
    api_url = f"/api/v1/cases/{handling.pk}/attachments/{row.pk}"
    # when / then: the submitter, the unit and the staff get the file, as a download, with its type
    for username in ("demo-member", "demo-unit", "demo-staff"):
        r = client_as(username).get(page_url)
        assert r.status_code == 200, username
        assert r["Content-Type"] == "application/pdf" and "attachment" in r["Content-Disposition"]
        assert b"".join(r.streaming_content).startswith(b"%PDF-")
    assert client_as("demo-member").get(api_url).status_code == 200
    # another unit, a member of the other body, another member: 404, on the page and in the API
    other_unit = f.unit_user(f.units(handling.body, 3)[-1], "unit-outsider")
    assert other_unit.handling_unit_id != user_named("demo-unit").handling_unit_id
    outsider = client_as("unit-outsider")
    assert outsider.get(page_url).status_code == 404
    assert outsider.get(api_url).status_code == 404
    assert client_as("demo-deputy").get(page_url).status_code == 404
    stranger = f.member_user(f.other_members(handling.body, user_named("demo-member").member_id, 1)[0])
    assert client_as(stranger.username).get(api_url).status_code == 404
    # and a file id from another case does not leak through this case's URL
    other = f.handling_case(user_named("demo-member"), user_named("demo-staff"), user_named("demo-unit"))
    assert (
        client_as("demo-member").get(reverse("casework:attachment", args=[other.pk, row.pk])).status_code
        == 404
    )
