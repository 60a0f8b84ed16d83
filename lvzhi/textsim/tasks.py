"""The search and similarity index rebuilt in the background (daily, and on demand)."""

from __future__ import annotations

from django_tasks import task

from . import caches, services


@task()
def search_reindex_job(body_id: int | None = None) -> dict[str, int]:
    """Rebuild the full-text and similarity index (every body, or one)."""
    counts = services.search_reindex(body_id=body_id)
    caches.clear()
    return counts
