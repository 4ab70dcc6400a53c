"""The admin: for staff only, every admin URL walked, its login limited like the app's."""

import pytest
from django.contrib.auth.models import User

from tests.permissions.world import (
    ROLES,
    snapshot,
)

pytestmark = pytest.mark.django_db


def test_admin_is_for_staff_only(client, world):
    for role in ("anonymous", "griffier", "secretaris", "directeur", "beheerder"):
        if role != "anonymous":
            client.force_login(world.users[role])
        response = client.get("/beheer/")
        assert response.status_code == 302, role
        assert response["Location"].startswith("/beheer/login/"), role
        client.logout()
    staff = User.objects.create_superuser("staf", password="x")
    client.force_login(staff)
    assert client.get("/beheer/").status_code == 200


def _admin_urls() -> list[str]:
    """The list and add page of every model in the admin (axes' login records included)."""
    from django.contrib import admin
    from django.urls import reverse

    urls = ["/beheer/", "/beheer/password_change/"]
    for model in admin.site._registry:
        meta = model._meta
        for view in ("changelist", "add"):
            urls.append(reverse(f"admin:{meta.app_label}_{meta.model_name}_{view}"))
    return urls


def test_walk_every_admin_url(client, world):
    """Every admin page: a login redirect for every role that is not staff, 200 or a refusal
    (never a server error) for a superuser, and each change refused without staff."""
    client.raise_request_exception = False
    urls = _admin_urls()
    assert any("/axes/accessattempt/" in url for url in urls)
    problems = []
    for role in ROLES:
        client.logout()
        if role != "anonymous":
            client.force_login(world.users[role])
        for url in urls:
            for method in ("get", "post"):
                before = snapshot()
                response = getattr(client, method)(url, {})
                location = response.get("Location", "")
                if response.status_code != 302 or not location.startswith("/beheer/login/"):
                    problems.append(f"{role} {method.upper()} {url}: {response.status_code}")
                if snapshot() != before:
                    problems.append(f"{role} {method.upper()} {url}: changed the database")
    client.force_login(User.objects.create_superuser("staf", password="x"))
    for url in urls:
        status = client.get(url).status_code
        if status not in (200, 403):  # 403: axes' records are read-only, they have no add page
            problems.append(f"superuser GET {url}: {status}")
    assert not problems, "\n".join(problems)


def test_the_admin_login_is_limited_like_the_app_login(client, world, settings):
    """Guessing the beheerder's password at /beheer/login/ is stopped as at /accounts/login/."""
    settings.LOGIN_MAX_FAILURES = 3
    User.objects.create_superuser("staf", password="juist-wachtwoord-1")
    for _ in range(3):
        client.post("/beheer/login/", {"username": "staf", "password": "fout"})
    response = client.post("/beheer/login/", {"username": "staf", "password": "juist-wachtwoord-1"})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    assert client.get("/beheer/").status_code == 302
