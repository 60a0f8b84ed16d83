import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env_bool

for _required in ("DJANGO_SECRET_KEY", "DATABASE_URL"):
    if not os.environ.get(_required):
        raise ImproperlyConfigured(f"生产环境必须设置环境变量 {_required}")

DEBUG = False
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_CONTENT_TYPE_NOSNIFF = True
# HTTPS: redirect and HSTS are on unless the deployment says otherwise (e.g. a proxy that
# redirects itself: LVZHI_SSL_REDIRECT=0; HSTS seconds 0 switches HSTS off).
SECURE_SSL_REDIRECT = env_bool("LVZHI_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = int(os.environ.get("LVZHI_HSTS_SECONDS", 31536000))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("LVZHI_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("LVZHI_HSTS_PRELOAD", True)
# The seeded demo accounts share a published password: seed_demo refuses to run here.
LVZHI_PRODUCTION = True
TASKS = {
    "default": {
        # Enqueued in the database; `manage.py db_worker` runs them (README, 后台任务与定时任务).
        "BACKEND": os.environ.get("LVZHI_TASK_BACKEND", "django_tasks_db.DatabaseBackend")
    }
}
