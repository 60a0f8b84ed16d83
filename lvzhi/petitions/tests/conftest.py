import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _fresh_limits():
    """Rate limits live in the cache; every test starts with none spent."""
    cache.clear()
    yield
    cache.clear()
