"""Production hardening. Adds no features: everything else comes from base.

`DJANGO_SETTINGS_MODULE=config.settings.prod SECRET_KEY=... manage.py check --deploy
--fail-level WARNING` passes (tests/test_security.py).
"""

from .base import *  # noqa: F403
from .base import env

DEBUG = False  # never in production, whatever the environment says

STORAGES = {
    # Local files, or an S3-compatible store with STORAGE_BACKEND=s3 (base.default_storage).
    "default": default_storage(STORAGE_BACKEND),  # noqa: F405
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Counters (password reset throttling) must be shared by all workers and servers: the database
# cache by default (`manage.py createcachetable`), Redis when CACHE_URL says so.
CACHES = {
    **CACHES,  # noqa: F405
    "default": env.cache("CACHE_URL", default="dbcache://regiespiegel_cache"),
}
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=False)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"

# Submitting a domain to the browsers' HSTS preload list binds the whole parent domain
# (often a municipality's) for a long time: that is the operator's decision
# (SECURE_HSTS_PRELOAD=true), so the check that asks for it is silenced until then.
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]
