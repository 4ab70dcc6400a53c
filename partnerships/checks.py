"""System checks for a deployment (``manage.py check --deploy``)."""

from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Tags, Warning, register

# Caches that live inside one process: each gunicorn worker would keep its own counts.
PER_PROCESS_CACHES = (
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
)


@register(Tags.security, deploy=True)
def check_shared_cache(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """Password reset throttling (and anything else that counts in the default cache) must
    count across workers and servers. Login failures count in the database either way."""
    backend = settings.CACHES.get("default", {}).get("BACKEND", "")
    if backend in PER_PROCESS_CACHES:
        return [
            Warning(
                "The default cache lives in one process, so every worker counts on its own.",
                hint="Set CACHE_URL to a shared cache: dbcache://regiespiegel_cache (run "
                "`manage.py createcachetable`) or redis://….",
                id="regiespiegel.W001",
            )
        ]
    return []
