import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403

for _required in ("DJANGO_SECRET_KEY", "DATABASE_URL"):
    if not os.environ.get(_required):
        raise ImproperlyConfigured(f"生产环境必须设置环境变量 {_required}")

DEBUG = False
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_CONTENT_TYPE_NOSNIFF = True
TASKS = {
    "default": {
        # Enqueued in the database; `manage.py db_worker` runs them (README, 后台任务与定时任务).
        "BACKEND": os.environ.get("LVZHI_TASK_BACKEND", "django_tasks_db.DatabaseBackend")
    }
}
