"""Tests: safe defaults, fast hashing, mail kept in memory."""

import os

os.environ.setdefault("SECRET_KEY", "test-only-not-secret-regiespiegel")

from .base import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_AUTOREFRESH = True
# Tests reuse primary keys after rollback (SQLite): no cached scores across tests, except
# where a test switches the cache on (tests/assessments/dashboard/).
CACHES = {
    **CACHES,  # noqa: F405
    "scores": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"},
}
