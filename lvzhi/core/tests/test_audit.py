"""The audit trail is written by the system only, and read like the records it describes."""

from __future__ import annotations

import io

import openpyxl
import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from lvzhi.core import audit
from lvzhi.core.models import AuditEntry
from lvzhi.petitions.models import PetitionDetail

pytestmark = pytest.mark.django_db

FULL_NAME = "欧阳振华"


@pytest.fixture
def renamed_petitioner(user_named):
    # given a petition staff member corrects a petitioner's name (an audited change)
    staff = user_named("demo-petition")
    detail = PetitionDetail.objects.select_related("case").filter(case__body=staff.body_id).first()
    with audit.acting_as(staff, ip="10.0.0.9"):
        detail.petitioner_name = FULL_NAME
        detail.save()
    return detail


def test_other_offices_see_the_petitioner_masked_in_the_audit_log_and_its_export(
    client_as, renamed_petitioner
):
    page = client_as("demo-deputy-staff").get(
        reverse("web:audit-list"), {"model": "petitions.petitiondetail"}
    )
    assert page.status_code == 200
    text = page.content.decode()
    assert "欧**" in text and FULL_NAME not in text

    export = client_as("demo-deputy-staff").get(
        reverse("web:audit-list"), {"model": "petitions.petitiondetail", "export": "xlsx"}
    )
    sheet = openpyxl.load_workbook(io.BytesIO(export.content)).active
    cells = " ".join(str(c.value) for row in sheet.iter_rows() for c in row if c.value)
    assert "欧**" in cells and FULL_NAME not in cells


def test_petition_staff_see_the_petitioner_in_full_in_the_audit_log(client_as, renamed_petitioner):
    page = client_as("demo-petition").get(reverse("web:audit-list"), {"model": "petitions.petitiondetail"})
    assert FULL_NAME in page.content.decode()


def test_audit_entries_record_the_case_kind_they_belong_to(renamed_petitioner):
    entry = AuditEntry.objects.filter(model="petitions.petitiondetail").first()
    assert entry.kind == "petition"


def test_no_one_adds_changes_or_deletes_an_audit_entry_in_the_admin(client_as, renamed_petitioner):
    admin = client_as("demo-admin")
    entry = AuditEntry.objects.first()
    assert admin.get("/admin/core/auditentry/add/").status_code == 403
    r = admin.post("/admin/core/auditentry/add/", {"actor_name": "伪造", "action": "create", "model": "x"})
    assert r.status_code == 403
    assert not AuditEntry.objects.filter(actor_name="伪造").exists()
    assert admin.post(f"/admin/core/auditentry/{entry.pk}/delete/", {"post": "yes"}).status_code == 403
    assert AuditEntry.objects.filter(pk=entry.pk).exists()


def test_an_audit_entry_cannot_be_rewritten_or_deleted_in_code(renamed_petitioner):
    entry = AuditEntry.objects.first()
    entry.actor_name = "伪造"
    with pytest.raises(PermissionDenied):
        entry.save()
    with pytest.raises(PermissionDenied):
        entry.delete()
    assert AuditEntry.objects.get(pk=entry.pk).actor_name != "伪造"


def test_the_api_offers_no_way_to_write_the_audit_trail(client):
    doc = client.get("/api/openapi.json").json()
    assert not [p for p in doc["paths"] if "audit" in p]
