"""Tests: safe defaults, fast hashing, mail kept in memory."""

import atexit
import os
import shutil
import tempfile
from pathlib import Path

os.environ.setdefault("SECRET_KEY", "test-only-not-secret-regiespiegel")

from .base import *  # noqa: E402,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Uploads in tests (the demo's documents, the register's tests) go to a directory of this
# test run, never into the checkout's media/; tests that look at files set their own
# tmp_path.
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="regiespiegel-test-media-"))
atexit.register(shutil.rmtree, MEDIA_ROOT, ignore_errors=True)
WHITENOISE_AUTOREFRESH = True
# Tests reuse primary keys after rollback (SQLite): no cached scores across tests, except
# where a test switches the cache on (tests/assessments/dashboard/).
CACHES = {
    **CACHES,  # noqa: F405
    "scores": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"},
    # Every test renders its own PDF; the cache tests switch a real cache on themselves.
    "reports": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"},
}
