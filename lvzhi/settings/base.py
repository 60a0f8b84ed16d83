"""Settings shared by every environment; everything that differs comes from the environment."""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(os.environ.get("LVZHI_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "insecure-local-only-change-me")
DEBUG = env_bool("DJANGO_DEBUG", False)
ALLOWED_HOSTS = [
    h for h in os.environ.get("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",") if h
]
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("DJANGO_CSRF_TRUSTED_ORIGINS", "").split(",") if o]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "ninja",  # the API docs from ninja's own static files, not a CDN
    "axes",
    "rules.apps.AutodiscoverRulesConfig",
    "django_tasks",
    "django_tasks_db",
    "lvzhi.core",
    "lvzhi.accounts",
    "lvzhi.orgs",
    "lvzhi.casework",
    "lvzhi.proposals",
    "lvzhi.opinions",
    "lvzhi.petitions",
    "lvzhi.activities",
    "lvzhi.members",
    "lvzhi.oversight",
    "lvzhi.textsim",
    "lvzhi.reports",
    "lvzhi.web",
    "lvzhi.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "lvzhi.core.middleware.RequestBoundaryMiddleware",
    "lvzhi.core.middleware.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "lvzhi.core.middleware.AuditActorMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "lvzhi.urls"
WSGI_APPLICATION = "lvzhi.wsgi.application"
ASGI_APPLICATION = "lvzhi.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "lvzhi.web.context_processors.navigation",
            ],
        },
    }
]

_default_sqlite = f"sqlite:///{VAR_DIR / 'lvzhi.sqlite3'}"
DATABASES = {
    "default": dj_database_url.parse(os.environ.get("DATABASE_URL", _default_sqlite), conn_max_age=60)
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers work while a writer commits; the init command runs per connection.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;",
        "transaction_mode": "IMMEDIATE",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 8}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "web:dashboard"
LOGOUT_REDIRECT_URL = "accounts:login"

# Sessions expire after a working day of inactivity and when the browser closes.
SESSION_COOKIE_AGE = int(os.environ.get("LVZHI_SESSION_SECONDS", 8 * 3600))
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"
# Scripts only from our own static files (ECharts, htmx, Bootstrap included); no inline script.
# Inline style attributes stay allowed: they run no code.
LVZHI_CSP = os.environ.get(
    "LVZHI_CSP",
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'none'",
)

AXES_FAILURE_LIMIT = int(os.environ.get("LVZHI_LOGIN_FAILURE_LIMIT", 5))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("LVZHI_LOCKOUT_MINUTES", 30)))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "lvzhi.accounts.views.locked_out"
AXES_VERBOSE = False
# Failures are kept in the database (shared by every worker) and keyed on the account AND the
# client's address: an outsider can lock an account out from their own address only.
AXES_CLIENT_IP_CALLABLE = "lvzhi.core.middleware.client_ip"

# Addresses (or networks) of the reverse proxies in front of the app; only their
# X-Forwarded-For is believed. Empty: the socket's address is the client's.
LVZHI_TRUSTED_PROXIES = [
    p.strip() for p in os.environ.get("LVZHI_TRUSTED_PROXIES", "").split(",") if p.strip()
]

# API tokens: lifetime in days, live tokens per user (the oldest are revoked beyond it), and the
# token endpoint's limits (attempts per minute per account and per client address).
LVZHI_TOKEN_DAYS = int(os.environ.get("LVZHI_TOKEN_DAYS", 30))
LVZHI_TOKENS_PER_USER = int(os.environ.get("LVZHI_TOKENS_PER_USER", 10))
LVZHI_TOKEN_LIMIT_PER_ACCOUNT = int(os.environ.get("LVZHI_TOKEN_LIMIT_PER_ACCOUNT", 10))
LVZHI_TOKEN_LIMIT_PER_ADDRESS = int(os.environ.get("LVZHI_TOKEN_LIMIT_PER_ADDRESS", 30))

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", _("简体中文")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
_NODE = BASE_DIR / "node_modules"
# Only the built files of each npm package are served; node_modules itself stays private.
STATICFILES_DIRS = [
    (prefix, _NODE / sub)
    for prefix, sub in (
        ("vendor/bootstrap", "bootstrap/dist"),
        ("vendor/bootstrap-icons", "bootstrap-icons/font"),
        ("vendor/echarts", "echarts/dist"),
    )
    if (_NODE / sub).exists()
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
MEDIA_URL = "/media/"
MEDIA_ROOT = VAR_DIR / "media"
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

TASKS = {
    "default": {
        "BACKEND": os.environ.get("LVZHI_TASK_BACKEND", "django_tasks.backends.immediate.ImmediateBackend")
    }
}

# One store every worker shares: rate limits, the portal's use-once checks, cached figures.
# The database by default (its table is created by core's migration), Redis when REDIS_URL is set.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "lvzhi_cache"}}
if os.environ.get("REDIS_URL"):
    CACHES["default"] = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": os.environ["REDIS_URL"],
    }

# E-mail: the console by default (`make run` prints mails); SMTP when EMAIL_HOST is set.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", 25))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = 20
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "履职通 <noreply@localhost>")
EMAIL_BACKEND = os.environ.get(
    "DJANGO_EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend",
)
# The address people open links in e-mails with.
LVZHI_SITE_URL = os.environ.get("LVZHI_SITE_URL", "http://127.0.0.1:8000")
# What `manage.py enqueue_daily_jobs` (cron, once a day) puts on the task queue, in order.
LVZHI_DAILY_JOBS = [
    "lvzhi.casework.tasks.deadlines_sweep_job",
    "lvzhi.casework.tasks.notification_digest_send",
    "lvzhi.textsim.tasks.search_reindex_job",
]

LVZHI_PAGE_SIZE = 20
LVZHI_PRODUCTION = False  # production.py sets it; seed_demo refuses when it is on
LVZHI_DEMO_PASSWORD = os.environ.get("LVZHI_DEMO_PASSWORD", "Lvzhi@2025")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LVZHI_LOG_LEVEL", "WARNING")},
    # A refused or missing page is the user's answer, not a server problem: no traceback per 403/404.
    "loggers": {"django.request": {"level": os.environ.get("LVZHI_REQUEST_LOG_LEVEL", "ERROR")}},
}
CSRF_FAILURE_VIEW = "lvzhi.web.views.csrf_failure"
