"""Two staff act on the same case at the same moment: exactly one wins (PostgreSQL only)."""

from __future__ import annotations

import os
import threading

import pytest
from django.core.management import call_command
from django.db import connection

from lvzhi.accounts.models import User
from lvzhi.casework import services
from lvzhi.casework.models import Case, CaseEvent
from lvzhi.core.exceptions import ConcurrentTransition, TransitionNotAllowed

from . import factories as f


@pytest.fixture
def postgres_only(transactional_db):
    if connection.vendor != "postgresql":
        pytest.skip("并发竞争测试只在 PostgreSQL 上运行（SQLite 内存库不跨线程共享）。")
    call_command("seed_demo", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115  # closed at exit


def test_a_double_transition_raced_from_two_threads_happens_once(postgres_only):
    # given: a submitted proposal and two staff of the body
    member = User.objects.get(username="demo-member")
    staff = User.objects.get(username="demo-staff")
    other = f.staff_user(staff.body, "race-staff")
    case = f.move(f.draft(member), member, "submit")
    barrier = threading.Barrier(2)
    results: dict[str, str] = {}

    def act(actor, name, data):
        try:
            loaded = Case.objects.get(pk=case.pk)
            barrier.wait(timeout=10)
            services.case_transition(case=loaded, name=name, actor=actor, data=data)
            results[name] = "ok"
        except (ConcurrentTransition, TransitionNotAllowed) as exc:
            results[name] = exc.message
        finally:
            connection.close()

    # when: one registers while the other returns it for revision
    threads = [
        threading.Thread(target=act, args=(staff, "register", {})),
        threading.Thread(target=act, args=(other, "return", {"note": "请补充"})),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    # then: exactly one step happened; the other actor got the clear message
    assert sorted(results.values()).count("ok") == 1, results
    loser = next(v for v in results.values() if v != "ok")
    assert loser == services.CONCURRENT or "当前状态为" in loser
    events = CaseEvent.objects.filter(case=case, action__in=["case.register", "case.return"]).count()
    assert events == 1
