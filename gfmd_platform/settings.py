"""Settings for the GFMD good-practice platform.

One module, read from the environment: development needs nothing set (``DEBUG=1`` gives a
throwaway secret key and a SQLite file), production refuses to start without the secrets it
needs. ``manage.py check --deploy`` is clean once ``DEBUG=0``, ``SECRET_KEY`` and
``ALLOWED_HOSTS`` are set.
"""

import os
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from .environment import CACHE_TIMEOUT, cache_settings, env_bool, env_list, env_seconds  # noqa: F401
from .settings_api import REST_FRAMEWORK, SPECTACULAR_SETTINGS  # noqa: F401

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DEBUG", default=False)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set it in the environment (production), or set DEBUG=1 "
            "for a development key."
        )
    SECRET_KEY = "django-insecure-development-only-key-never-use-in-production-0123456789"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# The site's address in emails, feeds and citations (``core.site``). Production sets it, or
# it is the first named host of ALLOWED_HOSTS over HTTPS; in development, unset, links
# follow the address the request was served at (``PORT=8801 make run``).
SITE_URL = os.environ.get("SITE_URL", "").rstrip("/")
if not SITE_URL and not DEBUG:
    _named_hosts = [host.lstrip(".") for host in ALLOWED_HOSTS if "*" not in host]
    SITE_URL = f"https://{_named_hosts[0]}" if _named_hosts else ""

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    "django_countries",
    "django_filters",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "axes",
    "allauth",
    "allauth.account",
    "gfmd_platform",
    "core",
    "states",
    "moderation",
    "practices",
    "accounts",
    "questionnaires",
    "search",
    "api",
    "partners",
    "conversations",
    "alerts",
    "reviews",
]

MIDDLEWARE = [
    # Outermost: times and logs every request, and tags it with its id.
    "gfmd_platform.middleware.RequestLogMiddleware",
    # Before anything reads the body: oversized ones are refused unread.
    "gfmd_platform.middleware.RequestSizeLimitMiddleware",
    "gfmd_platform.middleware.QueryStringLimitsMiddleware",
    "gfmd_platform.middleware.DatabaseUnavailableMiddleware",
    "gfmd_platform.middleware.ReplicaRoutingMiddleware",
    # Before SecurityMiddleware, which redirects by request.is_secure().
    "core.net.ForwardedProtoMiddleware",
    # After the scheme is settled: emails built in this request link to its address.
    "core.site.RequestOriginMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "gfmd_platform.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Compresses HTML pages (core.compression), below WhiteNoise,
    # which serves static files already compressed and answers before this is reached.
    "core.compression.HtmlGZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "accounts.middleware.SessionExpiryMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # django-axes must come last: it inspects the outcome of authentication.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "gfmd_platform.urls"
WSGI_APPLICATION = "gfmd_platform.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "gfmd_platform.context_processors.site",
            ],
        },
    },
]

# SQLite file in the project folder by default; PostgreSQL (or any backend) from DATABASE_URL.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
# PostgreSQL's JIT compiles any statement the planner finds costly: a facet count over a
# listing of thousands of rows paid ~60 ms compiling to save a few. Off for the app's own
# connections (PG_STARTUP_OPTIONS="" keeps the server's setting: behind PgBouncer, which
# refuses startup options unless told to ignore them, set ``jit = off`` on the database).
PG_STARTUP_OPTIONS = os.environ.get("PG_STARTUP_OPTIONS", "-c jit=off")


def _startup_options(database):
    if database["ENGINE"].endswith("postgresql") and PG_STARTUP_OPTIONS:
        database.setdefault("OPTIONS", {}).setdefault("options", PG_STARTUP_OPTIONS)
    return database


_startup_options(DATABASES["default"])
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "accounts.lockout.AddressThrottleBackend",
    # Django's ModelBackend, also taking an email address where the username goes.
    "accounts.backends.UsernameOrEmailBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Reader accounts (django-allauth): sign-up with a confirmed email address, sign-in by
# username or email on the existing /accounts/login/ page (Django's view: django-axes sees
# every attempt). Mail leaves through moderation.notifications (accounts.adapter).
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"username", "email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "username*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_EMAIL_CONFIRMATION_EXPIRE_DAYS = int(os.environ.get("EMAIL_CONFIRMATION_DAYS", "3"))
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[GFMD] "
ACCOUNT_LOGOUT_ON_GET = False
# Sign-up says plainly that an address is taken (issue 17 asks for a clear message); the
# sign-in and password-reset pages still answer alike for known and unknown accounts.
ACCOUNT_PREVENT_ENUMERATION = False

# Ask this State (conversations): new conversations per reader per day and per reader per
# State per week; conversations are deleted this many months after their last message.
CONVERSATIONS_PER_DAY = int(os.environ.get("CONVERSATIONS_PER_DAY", "5"))
CONVERSATIONS_PER_STATE_PER_WEEK = int(os.environ.get("CONVERSATIONS_PER_STATE_PER_WEEK", "3"))
CONVERSATION_RETENTION_MONTHS = int(os.environ.get("CONVERSATION_RETENTION_MONTHS", "24"))

# A living record: a published practice's State is asked whether it is still current this many
# months after its publication or last confirmation (practices.currency).
CURRENCY_CHECK_MONTHS = int(os.environ.get("CURRENCY_CHECK_MONTHS", "12"))
# Practice page views are added up in each process's memory and written this often (seconds):
# one write per interval instead of one per view (practices.readership).
READ_COUNTS_FLUSH_SECONDS = int(os.environ.get("READ_COUNTS_FLUSH_SECONDS", "60"))

# Four-eyes moderation: the moderator who submitted a version may not approve it; another
# moderator must. FOUR_EYES=0 turns this off for an install with a single moderator.
FOUR_EYES = env_bool("FOUR_EYES", default=True)

LOGIN_URL = "login"
# Moderators land on their queue, everyone else on the home page (``workflow:home``).
LOGIN_REDIRECT_URL = "workflow:home"
LOGOUT_REDIRECT_URL = "/"

# Client addresses (core.net.client_ip): X-Forwarded-For and X-Forwarded-Proto are believed
# only from these addresses or networks (the load balancer's); empty: from nobody.
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES")

# Brute-force protection: lock a username+address pair after repeated failures (the address
# from trusted proxies only, so a forged header elsewhere cannot lock the real user out), and
# refuse one address that fails too often whatever usernames it tries (accounts.lockout).
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(os.environ.get("AXES_COOLOFF_HOURS", "1"))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "core.net.client_ip"
AXES_LOCKOUT_CALLABLE = "accounts.lockout.lockout_response"
SIGN_IN_ADDRESS_FAILURE_LIMIT = int(os.environ.get("SIGN_IN_ADDRESS_FAILURE_LIMIT", "20"))
SIGN_IN_ADDRESS_WINDOW = int(os.environ.get("SIGN_IN_ADDRESS_WINDOW", "900"))

# Sessions: end after SESSION_IDLE_TIMEOUT seconds without a request (a value ending in "h"
# is hours), and moderators' and admins' sessions PRIVILEGED_SESSION_MAX_AGE seconds after
# sign-in whatever they do (accounts.middleware).
SESSION_IDLE_TIMEOUT = env_seconds("SESSION_IDLE_TIMEOUT", "12h")
# Sessions are rows in the database; several app servers may read them through the shared
# cache too (``django.contrib.sessions.backends.cached_db``: written to both, so a Redis flush
# or outage signs nobody out).
SESSION_ENGINE = os.environ.get("SESSION_ENGINE", "django.contrib.sessions.backends.db")
PRIVILEGED_SESSION_MAX_AGE = env_seconds("PRIVILEGED_SESSION_MAX_AGE", "8h")

# Sending limits (accounts): password-reset emails per address and per account, join
# requests per account and per client address, each per RATE_LIMIT_WINDOW seconds.
PASSWORD_RESET_LIMIT = int(os.environ.get("PASSWORD_RESET_LIMIT", "3"))
JOIN_REQUEST_LIMIT = int(os.environ.get("JOIN_REQUEST_LIMIT", "3"))
RATE_LIMIT_WINDOW = int(os.environ.get("RATE_LIMIT_WINDOW", "3600"))
# Sign-in records (accounts): axes logs every success (AccessLog) and every failure
# (AccessFailureLog); a locked-out visitor gets the site's own page, not a bare 429
# (AXES_LOCKOUT_CALLABLE above: accounts/locked_out.html, saying when to try again).
AXES_ENABLE_ACCESS_FAILURE_LOG = True

LANGUAGE_CODE = "en"
# The six official UN languages, in the UN's order (Arabic, Chinese, English, French, Russian,
# Spanish); the switcher names each in its own language.
LANGUAGES = [
    ("ar", _("Arabic")),
    ("zh-hans", _("Simplified Chinese")),
    ("en", _("English")),
    ("fr", _("French")),
    ("ru", _("Russian")),
    ("es", _("Spanish")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Uploads live outside the static tree and are only served through a permission-checking view.
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "var" / "uploads"))
MEDIA_URL = "/media/"
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 12 * 1024 * 1024
# Uploads are streamed to ClamAV's clamd when one is configured (core.filescan): a Unix socket,
# or a host and port. Configured but unreachable, uploads are refused (fail closed).
CLAMD_SOCKET = os.environ.get("CLAMD_SOCKET", "")
CLAMD_HOST = os.environ.get("CLAMD_HOST", "")
CLAMD_PORT = int(os.environ.get("CLAMD_PORT", "3310"))
CLAMD_TIMEOUT = float(os.environ.get("CLAMD_TIMEOUT", "30"))
# Request bodies announced larger are refused with 413 before a byte is read: a little over
# the 10 MB attachment limit (form fields and multipart framing come with the file).
MAX_REQUEST_BYTES = int(os.environ.get("MAX_REQUEST_BYTES", str(12 * 1024 * 1024)))

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "10"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "GFMD platform <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# A notification the mail server refuses is tried this many times by the queue, waiting
# EMAIL_RETRY_BACKOFF seconds and twice as long each time (at most EMAIL_RETRY_BACKOFF_MAX), then
# recorded for staff (moderation.FailedEmail).
EMAIL_SEND_ATTEMPTS = int(os.environ.get("EMAIL_SEND_ATTEMPTS", "5"))
EMAIL_RETRY_BACKOFF = float(os.environ.get("EMAIL_RETRY_BACKOFF", "30"))
EMAIL_RETRY_BACKOFF_MAX = float(os.environ.get("EMAIL_RETRY_BACKOFF_MAX", "600"))


# Production hardening: everything `check --deploy` asks for, switched on whenever DEBUG is off.
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
    # No SECURE_PROXY_SSL_HEADER: it believes X-Forwarded-Proto from any client;
    # core.net.ForwardedProtoMiddleware believes it from TRUSTED_PROXIES only.
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {"axes": {"level": "WARNING"}},
}

# --- Operations: replica, cache, uploads, CSP, logging (gfmd_platform/middleware.py, health.py) ---
# Optional read replica: anonymous GET requests read from it (gfmd_platform.db_router).
DATABASE_REPLICA_URL = os.environ.get("DATABASE_REPLICA_URL", "")
if DATABASE_REPLICA_URL:
    DATABASES["replica"] = _startup_options(
        dj_database_url.parse(
            DATABASE_REPLICA_URL,
            conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
            conn_health_checks=True,
        )
    )
    # Tests see the replica as the primary itself: no second test database to create.
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["gfmd_platform.db_router.PrimaryReplicaRouter"]

# Redis shared by every app server when REDIS_URL is set, one cache per process otherwise.
# A Redis outage must not take the site down: errors are logged and the call acts as a miss.
# Production needs it: throttles, lockouts, sending limits and the public version must be
# the same in every worker. ALLOW_LOCAL_CACHE=1 accepts a per-process cache, for one process.
REDIS_URL = os.environ.get("REDIS_URL", "")
if not DEBUG and not REDIS_URL and not env_bool("ALLOW_LOCAL_CACHE"):
    raise ImproperlyConfigured(
        "REDIS_URL is not set. Production needs a cache shared by every worker (request "
        "limits, sign-in locks and the public version are kept there). Set REDIS_URL, or "
        "ALLOW_LOCAL_CACHE=1 to run a single process with its own cache."
    )


CACHES = {"default": cache_settings(REDIS_URL)}
DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True

# Uploads on an S3-compatible store (pip install '.[s3]') when several app servers share them.
AWS_STORAGE_BUCKET_NAME = os.environ.get("AWS_STORAGE_BUCKET_NAME", "")
if AWS_STORAGE_BUCKET_NAME:
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
            "location": os.environ.get("AWS_LOCATION", "uploads"),
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }

# Load balancers probe over plain HTTP: the health endpoints must not redirect to HTTPS.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "frame-ancestors 'none'; form-action 'self'; base-uri 'self'"
)
# Swagger UI and ReDoc (drf-spectacular) inject inline scripts and styles: only their pages
# get this looser policy.
CONTENT_SECURITY_POLICY_DOCS = (
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
    "script-src 'self' 'unsafe-inline'; worker-src 'self' blob:; font-src 'self' data:; "
    "frame-ancestors 'none'; form-action 'self'; base-uri 'self'"
)
CONTENT_SECURITY_POLICY_DOCS_PATHS = ("/api/v1/docs", "/api/v1/redoc")

# One line per request on the "gfmd_platform.requests" logger; JSON lines unless LOG_FORMAT=text.
LOG_FORMAT = os.environ.get("LOG_FORMAT", "text" if DEBUG else "json")
LOGGING["filters"] = {"request_id": {"()": "gfmd_platform.log.RequestIdFilter"}}
LOGGING["formatters"] = {
    "json": {"()": "gfmd_platform.log.JsonFormatter"},
    "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
}
LOGGING["handlers"]["console"].update(filters=["request_id"], formatter=LOG_FORMAT)

# --- Background work: Celery (gfmd_platform/celery.py) and the alerts' beat schedule ---
# The broker is CELERY_BROKER_URL, else REDIS_URL (production has one). With neither, tasks run
# in the process that queues them, and their errors propagate as a plain call's would.
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "") or REDIS_URL or "memory://"
CELERY_TASK_ALWAYS_EAGER = CELERY_BROKER_URL == "memory://"
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True  # a worker killed mid-task leaves the task for another
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TIMEZONE = TIME_ZONE
# Alerts: how many subscriptions one digest batch matches and queues (alerts.digests).
ALERTS_BATCH_SIZE = int(os.environ.get("ALERTS_BATCH_SIZE", "1000"))
DIGESTS = "alerts.tasks.send_digests"
# "Immediate" digests are queued by each publication; the 5-minute run is the safety net.
CELERY_BEAT_SCHEDULE = {
    "alerts-immediate": {"task": DIGESTS, "schedule": 300.0, "args": ("immediate",)},
    "alerts-daily": {"task": DIGESTS, "schedule": crontab(hour=6, minute=0), "args": ("daily",)},
    "alerts-weekly": {
        "task": DIGESTS,
        "schedule": crontab(minute=30, hour=6, day_of_week=1),
        "args": ("weekly",),
    },
    # Calls for practices: close after the deadline and announce (every 5 min), remind (daily).
    "calls-update": {"task": "alerts.tasks.update_calls", "schedule": 300.0},
    "calls-remind": {
        "task": "alerts.tasks.remind_closing_calls",
        "schedule": crontab(minute=0, hour=7),
    },
    # A living record: ask States whether their practices are still current (daily).
    "currency-check": {
        "task": "practices.ask_about_currency",
        "schedule": crontab(hour=5, minute=0),
    },
    # Ask this State: conversations past their retention (CONVERSATION_RETENTION_MONTHS).
    "conversations-retention": {
        "task": "conversations.delete_expired",
        "schedule": crontab(hour=3, minute=30),
    },
}
