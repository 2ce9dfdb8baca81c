"""Settings for the KOFST Global Network, read from the environment.

With nothing set this runs the zero-setup demo: SQLite in ``var/``, Celery tasks run
inline, email printed to the console. Production sets at least ``DEBUG=false``,
``SECRET_KEY``, ``ALLOWED_HOSTS``, ``DATABASE_URL``, ``REDIS_URL`` and ``EMAIL_HOST``.
Every variable is listed in the README.
"""

import os
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value not in (None, "") else default


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in env_str(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", True)

SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "django-insecure-demo-key-only-for-local-development-kofst-0000000000"  # noqa: S105

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost" if not DEBUG else "*")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "rules.apps.AutodiscoverRulesConfig",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django_filters",
    "django_htmx",
    "import_export",
    "kofst.accounts",
    "kofst.common",
    "kofst.mail",
    "associations",
    "members",
    "conferences",
    "awards",
    # After conferences and awards: its demo part issues certificates for their data.
    "kofst.certificates",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "kofst.common.middleware.UserLanguageMiddleware",
    "kofst.common.middleware.UserTimezoneMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "kofst.common.middleware.RequireTwoFactorMiddleware",
]

ROOT_URLCONF = "kofst.urls"
WSGI_APPLICATION = "kofst.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.tz",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "kofst.common.context_processors.site",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------
# PostgreSQL in production and in the tests; SQLite only for the zero-setup demo.
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'var' / 'db.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # template0 with an explicit UTF-8 encoding: pg_trgm needs a UTF-8 ctype for Hangul.
    DATABASES["default"]["TEST"] = {"TEMPLATE": "template0", "CHARSET": "UTF8"}
    # The planner's cost of a random page read. PostgreSQL's default (4) assumes spinning
    # disks; on SSDs, or with the working set in memory, it makes the planner prefer a
    # sequential scan of every membership to a thousand index lookups (roster searches at
    # 200,000 people: 56–67 ms instead of 11–15). Empty leaves the server's setting.
    random_page_cost = env_str("DATABASE_RANDOM_PAGE_COST", "1.1")
    if random_page_cost:
        DATABASES["default"]["OPTIONS"] = {
            "options": f"-c random_page_cost={float(random_page_cost)}"
        }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Redis: cache, Celery broker ------------------------------------------------------
REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", "kofst"),
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

CELERY_BROKER_URL = env_str("CELERY_BROKER_URL", REDIS_URL or "memory://")
# Without a broker (the demo) tasks run inline in the web process.
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", not REDIS_URL)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_IGNORE_RESULT = True  # progress lives in our own rows, not in a result backend
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SOFT_TIME_LIMIT = env_int("CELERY_TASK_SOFT_TIME_LIMIT", 240)
CELERY_TASK_TIME_LIMIT = env_int("CELERY_TASK_TIME_LIMIT", 300)
# Every task is kept far shorter than this; see the README on redelivery.
_VISIBILITY_TIMEOUT = env_int("CELERY_VISIBILITY_TIMEOUT", 3600)
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": _VISIBILITY_TIMEOUT,
    # How soon an overdue task comes back. kombu 5.7 looks for overdue tasks only on every
    # 10th of its 10-second sweeps (about every 100 s); one Redis query every few seconds
    # costs nothing, so every sweep looks, at most every 10 s and at least once per
    # visibility timeout.
    "unacked_restore_interval": min(10, _VISIBILITY_TIMEOUT),
    "unacked_restore_throttle": 1,
    # The sweep runs under a Redis lock that a killed worker may die holding; it expires
    # after kombu's 300 s, or the visibility timeout when that is shorter.
    "unacked_mutex_expire": min(300, _VISIBILITY_TIMEOUT),
}
CELERY_TIMEZONE = "UTC"
# Tests give each worker a queue of its own; tasks a worker enqueues must stay on it.
CELERY_TASK_DEFAULT_QUEUE = env_str("CELERY_TASK_DEFAULT_QUEUE", "celery")
CELERY_BEAT_SCHEDULE: dict = {
    # The outbox: re-queue expired leases and due retries, start scheduled campaigns.
    "mail-sweep": {"task": "mail.sweep", "schedule": 30.0},
    # Renewal reminders (30 and 7 days before expiry, and on lapsing into grace).
    "mail-renewal-reminders": {
        "task": "mail.renewal_reminders",
        "schedule": crontab(minute=0, hour=1),
    },
    # Conference places offered from the waiting list and not accepted in time pass on.
    "conferences-expire-offers": {"task": "conferences.expire_offers", "schedule": 300.0},
    # Uploaded roster files are deleted ROSTER_IMPORT_KEEP_DAYS after the import.
    "imports-purge-files": {"task": "imports.purge_files", "schedule": crontab(minute=30, hour=2)},
}
# A worker is expected (health reports it) only where the deployment says so.
CELERY_WORKER_EXPECTED = env_bool("CELERY_WORKER_EXPECTED", False)

# --- Accounts ------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"
ACCOUNT_LOGOUT_REDIRECT_URL = "home"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[KOFST] "
# allauth's links in mail (verification, password reset) use the scheme of SITE_URL when
# it is set, else HTTPS in production.
ACCOUNT_DEFAULT_HTTP_PROTOCOL = (
    SITE_URL.split("://")[0] if env_str("SITE_URL") else ("https" if not DEBUG else "http")
)
ACCOUNT_ADAPTER = "kofst.accounts.adapter.AccountAdapter"
# allauth's own login/signup/reset rate limits are on by default; stated here so that
# nobody switches them off by accident.
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "confirm_email": "1/3m/key",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "change_email": "1/m/user",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "KOFST Global Network"
# Staff and award committee members must use TOTP. The demo switches this off so that
# its printed logins work at once, and says so on the login page.
KOFST_REQUIRE_2FA = env_bool("KOFST_REQUIRE_2FA", True)
KOFST_DEMO = env_bool("KOFST_DEMO", False)

# --- Internationalisation ------------------------------------------------------------
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("ko", _("Korean"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
LANGUAGE_COOKIE_NAME = "kofst_language"
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
USE_I18N = True
USE_TZ = True
TIME_ZONE = env_str("TIME_ZONE", "Asia/Seoul")

# --- Static and media ----------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "var" / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # WhiteNoise warns at start-up otherwise
WHITENOISE_USE_FINDERS = DEBUG  # the demo serves static files without collectstatic
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "var" / "media")))
# Certificates, nomination attachments and import files: never under a public URL,
# served only through permission-checked views.
PRIVATE_MEDIA_ROOT = Path(env_str("PRIVATE_MEDIA_ROOT", str(BASE_DIR / "var" / "private")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(PRIVATE_MEDIA_ROOT), "base_url": None},
    },
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 15 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 5000  # bulk actions post one id per selected row

# --- Email ---------------------------------------------------------------------------
EMAIL_HOST = env_str("EMAIL_HOST")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = env_int("EMAIL_PORT", 587)
    EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
    EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", EMAIL_PORT == 587)
    EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", EMAIL_PORT == 465)
    EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 30)
else:
    EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "KOFST Global Network <noreply@kofst.example>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Security ------------------------------------------------------------------------
# Secure defaults follow DEBUG: production (DEBUG off) gets HTTPS-only cookies and HSTS.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", not DEBUG)
LANGUAGE_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        # Inline style attributes (progress bar widths, chart sizes) are allowed; scripts
        # are not: every script is a file under static/.
        "style-src": [SELF, "'unsafe-inline'"],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# --- Logging -------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        "weasyprint": {"level": "WARNING"},
        "weasyprint.progress": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
        "pikepdf": {"level": "WARNING"},  # it says "logger bridge initialized" at import
    },
}

# --- Product settings ----------------------------------------------------------------
# Days after a membership's expiry during which it is still honoured ("grace").
MEMBERSHIP_GRACE_DAYS = env_int("MEMBERSHIP_GRACE_DAYS", 90)
ROSTER_PAGE_SIZE = 50
# Days an import's files (the upload, the checked rows, the error report) are kept.
ROSTER_IMPORT_KEEP_DAYS = env_int("ROSTER_IMPORT_KEEP_DAYS", 30)

# --- Outbox and campaigns (kofst.mail; see the README) -------------------------------
# Messages per second across all workers (a Redis token bucket); 0 switches it off
# (the default of the demo, which has no Redis and prints mail to the console).
MAIL_RATE_PER_SECOND = float(env_str("MAIL_RATE_PER_SECOND", "20" if REDIS_URL else "0"))
MAIL_CHUNK_SIZE = env_int("MAIL_CHUNK_SIZE", 100)  # rows one task claims and sends
MAIL_SENDERS = env_int("MAIL_SENDERS", 2)  # sending tasks run in parallel per campaign
MAIL_LEASE_SECONDS = env_int("MAIL_LEASE_SECONDS", 300)  # a claim expires after this
MAIL_LEASE_GRACE_SECONDS = env_int("MAIL_LEASE_GRACE_SECONDS", 30)  # clock skew allowance
MAIL_RETRY_BASE_SECONDS = env_int("MAIL_RETRY_BASE_SECONDS", 60)  # doubled per attempt
MAIL_MAX_ATTEMPTS = env_int("MAIL_MAX_ATTEMPTS", 8)
# Wait for the disk on every "sent" mark (true), or let PostgreSQL flush marks a moment
# later (false: a database crash, not a worker crash, may resend the last ~0.6 s).
MAIL_SYNCHRONOUS_MARKS = env_bool("MAIL_SYNCHRONOUS_MARKS", False)
MAIL_UNSUBSCRIBE_MAX_AGE_DAYS = env_int("MAIL_UNSUBSCRIBE_MAX_AGE_DAYS", 400)
