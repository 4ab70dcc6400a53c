"""All settings, read from the environment. dev.py and test.py only set defaults."""

from pathlib import Path

import django_stubs_ext
import environ
from django.core.exceptions import ImproperlyConfigured

# Django's generic classes (ModelForm, ModelAdmin, BaseFormSet, Field, ...) take no type
# parameters at run time; this lets `class F(forms.ModelForm[Partnership])` run as written
# for the type checker. It only adds __class_getitem__; the builtins stay as they are.
django_stubs_ext.monkeypatch(include_builtins=False)

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env("SECRET_KEY")  # required: dev and test set a default, production must set it
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "simple_history",
    "axes",
    "principles",
    "partnerships",
    "assessments",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "config.middleware.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "config.middleware_db.DatabaseUnavailableMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "config.middleware.PrivateCacheMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last: turns a password check refused by the limiter into the 429 page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "config.context_processors.navigation",
            ],
        },
    },
    # One partial in Jinja2, the overview's table rows (700 cells a page): about 13 ms in
    # Django's template language, 5 in Jinja2. Only the templates under templates/jinja2/.
    {
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [BASE_DIR / "templates" / "jinja2"],
        "APP_DIRS": False,
        "OPTIONS": {"environment": "assessments.dashboard.templating.environment"},
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = True
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=0)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The local database of `make run`. Every request is a transaction (ATOMIC_REQUESTS), and
    # SQLite's default deferred transaction reads first and asks for the write lock later: two
    # saves at once then refuse each other at once with "database is locked" (a 503 while
    # typing). IMMEDIATE takes the write lock at the start, so a second save waits its turn
    # (up to `timeout` seconds); WAL lets pages be read while a save is written.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
        "transaction_mode": "IMMEDIATE",
        "timeout": env.int("SQLITE_TIMEOUT", default=20),
        **DATABASES["default"].get("OPTIONS", {}),
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", "Nederlands")]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env("STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))

# Uploaded files (the partnerships' document register). Read by our own code only, through
# a view that checks the rights: no MEDIA_URL is served, so an upload is never reachable
# from a public address. Local files under MEDIA_ROOT by default; STORAGE_BACKEND=s3 keeps
# them in any S3-compatible store, which several app servers share (docs/operations.md).
MEDIA_ROOT = Path(env("MEDIA_ROOT", default=str(BASE_DIR / "media")))
STORAGE_BACKEND = env("STORAGE_BACKEND", default="local")


def default_storage(backend: str) -> dict[str, object]:
    """The default storage for STORAGE_BACKEND: "local" or "s3"."""
    if backend == "local":
        return {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    if backend != "s3":
        raise ImproperlyConfigured(f"STORAGE_BACKEND must be 'local' or 's3', not {backend!r}.")
    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env("AWS_STORAGE_BUCKET_NAME"),
            "access_key": env("AWS_ACCESS_KEY_ID", default=None),
            "secret_key": env("AWS_SECRET_ACCESS_KEY", default=None),
            "endpoint_url": env("AWS_S3_ENDPOINT_URL", default=None),
            "region_name": env("AWS_S3_REGION_NAME", default=None),
            "location": env("AWS_LOCATION", default=""),
            # Private objects, never a public or signed address: files leave the store only
            # through the download view.
            "default_acl": None,
            "querystring_auth": True,
            "file_overwrite": False,
            "addressing_style": env("AWS_S3_ADDRESSING_STYLE", default=None),
        },
    }


STORAGES = {
    "default": default_storage(STORAGE_BACKEND),
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Documents are at most 20 MB (partnerships/documents.py). Django streams a file of more
# than FILE_UPLOAD_MAX_MEMORY_SIZE to a temporary file instead of memory; the form then
# refuses a file that is too large with a Dutch message. DATA_UPLOAD_MAX_MEMORY_SIZE counts
# the other fields only (file data never counts), so it stays Django's 2.5 MB. The reverse
# proxy must let a request of at least 30 MB through (nginx: client_max_body_size 30m), or a
# 25 MB upload meets the proxy's error page instead of that message.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_PERMISSIONS = 0o640
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o750
FIXTURE_DIRS = [BASE_DIR / "fixtures"]

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

EMAIL_BACKEND = env("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
# The SMTP server (Django's defaults: a relay on localhost:25). A timeout, so that a daily
# send_reminders never hangs on a mail server that does not answer.
EMAIL_HOST = env("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=30)
# The site's own address, for links in e-mails sent outside a request (send_reminders).
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000")
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Regiespiegel <noreply@regiespiegel.local>")

CACHES = {
    "default": env.cache("CACHE_URL", default="locmemcache://"),
    # Per-round scores for the dashboard; keys carry their own version (see
    # assessments.dashboard.selectors.cached_round_scores), so a shared cache (Redis) is safe too.
    "scores": env.cache("SCORES_CACHE_URL", default="locmemcache://scores"),
    # Report PDFs, keyed by the sha256 of the report's HTML (assessments.reports.render):
    # an unchanged report is not rendered by WeasyPrint again. Per process and bounded:
    # at most 64 PDFs of ~100-200 kB each. A shared cache is safe too (docs/operations.md).
    "reports": env.cache(
        "REPORTS_CACHE_URL", default="locmemcache://reports?max_entries=64&timeout=86400"
    ),
}

# Sessions expire after a working day without activity and when the browser closes.
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=8 * 60 * 60)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_SAVE_EVERY_REQUEST = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False  # htmx reads the token from the form, not the cookie
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# One limiter for every password check (partnerships/auth.py): django-axes, counting failures
# in the database, so that all workers and servers count together.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_MAX_FAILURES = env.int("LOGIN_MAX_FAILURES", default=5)  # per username and address
LOGIN_MAX_FAILURES_PER_USERNAME = env.int("LOGIN_MAX_FAILURES_PER_USERNAME", default=10)
LOGIN_MAX_FAILURES_PER_ADDRESS = env.int("LOGIN_MAX_FAILURES_PER_ADDRESS", default=100)
LOGIN_FAILURE_WINDOW = env.int("LOGIN_FAILURE_WINDOW", default=15 * 60)  # seconds
# The number of reverse proxies in front of the app that append to X-Forwarded-For (0: the
# app is reached directly and the header is ignored; behind one TLS proxy: 1).
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
AXES_HANDLER = "partnerships.auth.LoginLimitHandler"
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "username", "ip_address"]
AXES_FAILURE_LIMIT = "partnerships.auth.failure_limit"
AXES_COOLOFF_TIME = "partnerships.auth.failure_window"
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "partnerships.auth.client_ip"
AXES_USERNAME_CALLABLE = "partnerships.auth.normalised_username"
AXES_LOCKOUT_CALLABLE = "partnerships.auth.lockout_response"
AXES_VERBOSE = False
# Password reset requests per address and per e-mail address, per window.
PASSWORD_RESET_MAX_PER_ADDRESS = env.int("PASSWORD_RESET_MAX_PER_ADDRESS", default=10)
PASSWORD_RESET_MAX_PER_EMAIL = env.int("PASSWORD_RESET_MAX_PER_EMAIL", default=3)
PASSWORD_RESET_WINDOW = env.int("PASSWORD_RESET_WINDOW", default=60 * 60)

DEMO_PASSWORD = env("DEMO_PASSWORD", default="regiespiegel-demo")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {
        "fontTools": {"level": "WARNING"},
        "weasyprint": {"level": "ERROR"},
        # axes logs every failure at WARNING; partnerships.auth logs each refusal itself.
        "axes": {"level": "ERROR"},
    },
}
