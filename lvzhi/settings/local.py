from .base import *  # noqa: F403
from .base import env_bool

DEBUG = env_bool("DJANGO_DEBUG", True)
# `make run` serves without debug (the product's own 403/404/500 pages); static files still come
# from the apps and node_modules, without a collectstatic step.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

# The covering index of case lists (INCLUDE columns) is PostgreSQL's; SQLite ignores them, harmlessly.
SILENCED_SYSTEM_CHECKS = ["models.W040"]
