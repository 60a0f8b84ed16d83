"""Per-key hit counting in the cache, for anonymous endpoints (the public portal, similar-case hints).

Counts live in Django's cache: per process with the default local-memory cache, shared
between processes once REDIS_URL points the cache at Redis.
"""

from __future__ import annotations

import time

from django.core.cache import cache


def _bucket_name(key: str, window: int, bucket: int) -> str:
    return f"rl:{key}:{window}:{bucket}"


def recent(key: str, window: int, now: float, current: int) -> float:
    """Hits in the last ``window`` seconds, estimated from this bucket and the one before.

    A plain fixed window would let 2×limit through across a boundary (five at 10:00:59,
    five more at 10:01:00); weighting the previous bucket by how much of it still lies
    inside the sliding window closes that gap.
    """
    bucket = int(now // window)
    previous = cache.get(_bucket_name(key, window, bucket - 1), 0)
    return current + previous * (1 - (now % window) / window)


def wait_minutes(window: int, now: float) -> int:
    return max(1, (window - int(now) % window + 59) // 60)


def hit(key: str, limit: int, window: int) -> int | None:
    """Count one hit; return minutes to wait when over ``limit`` in the last ``window`` seconds."""
    now = time.time()
    name = _bucket_name(key, window, int(now // window))
    cache.add(name, 0, 2 * window + 5)
    try:
        n = cache.incr(name)
    except ValueError:  # evicted between add and incr
        cache.set(name, 1, 2 * window + 5)
        n = 1
    if recent(key, window, now, n) > limit:
        return wait_minutes(window, now)
    return None


def over(key: str, limit: int, window: int) -> int | None:
    """Minutes to wait if ``key`` already had ``limit`` hits in the window, without counting one."""
    now = time.time()
    current = cache.get(_bucket_name(key, window, int(now // window)), 0)
    return wait_minutes(window, now) if recent(key, window, now, current) >= limit else None
