"""Working days: China's official holidays and 调休 (chinese-calendar), with staff overrides.

The overrides table wins over the package; for years the package does not know, plain
weekends apply unless an override says otherwise.
"""

from __future__ import annotations

import datetime

import chinese_calendar

from .models import HolidayOverride


def _overrides(start: datetime.date, end: datetime.date) -> dict[datetime.date, bool]:
    return dict(HolidayOverride.objects.filter(date__range=(start, end)).values_list("date", "is_workday"))


def _package_is_workday(day: datetime.date) -> bool:
    try:
        return bool(chinese_calendar.is_workday(day))
    except NotImplementedError:
        return day.weekday() < 5


def is_workday(day: datetime.date, overrides: dict[datetime.date, bool] | None = None) -> bool:
    if overrides is None:
        overrides = _overrides(day, day)
    if day in overrides:
        return overrides[day]
    return _package_is_workday(day)


def add_workdays(start: datetime.date, n: int) -> datetime.date:
    """The n-th working day after ``start`` (n ≥ 0; n = 0 rolls forward to a working day)."""
    overrides = _overrides(start, start + datetime.timedelta(days=n * 2 + 40))
    day = start
    if n == 0:
        while not is_workday(day, overrides):
            day += datetime.timedelta(days=1)
        return day
    counted = 0
    while counted < n:
        day += datetime.timedelta(days=1)
        if is_workday(day, overrides):
            counted += 1
    return day


def workdays_between(start: datetime.date, end: datetime.date) -> int:
    """Working days after ``start`` up to and including ``end`` (negative when end < start)."""
    if end < start:
        return -workdays_between(end, start)
    overrides = _overrides(start, end)
    return sum(
        1
        for i in range(1, (end - start).days + 1)
        if is_workday(start + datetime.timedelta(days=i), overrides)
    )


def due_after(start: datetime.date, days: int) -> datetime.date:
    """A deadline ``days`` calendar days after ``start``, moved to the next working day."""
    return add_workdays(start + datetime.timedelta(days=days), 0)
