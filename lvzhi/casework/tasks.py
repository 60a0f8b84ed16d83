"""Background work of the casework engine, through Django's task framework (django-tasks).

`make run` and the tests run them in-process (the immediate backend); production enqueues them
in the database and `manage.py db_worker` runs them (README, “后台任务与定时任务”). The daily ones
are listed in settings.LVZHI_DAILY_JOBS and enqueued by `manage.py enqueue_daily_jobs`.
"""

from __future__ import annotations

from django_tasks import task

from . import notices, services


@task()
def deadlines_sweep_job() -> dict[str, int]:
    """The daily 提醒 → 预警 → 督办 → 通报 sweep (its notices are mailed as they are written)."""
    return services.deadlines_sweep()


@task()
def notification_email_send(ids: list[int]) -> int:
    """Mail these notices to the people who receive each notice by e-mail."""
    return notices.send_each(ids)


@task()
def notification_digest_send() -> int:
    """The day's notices in one mail per person who chose the daily digest."""
    return notices.send_digests()
