"""Error pages speak Dutch and never show a traceback."""

import pytest
from django.core.exceptions import PermissionDenied
from django.test import override_settings
from django.urls import path

from config import urls as project_urls
from tests.factories import make_user


def _forbidden(request):
    raise PermissionDenied("U mag deze zelfevaluatie niet invullen.")


def _broken(request):
    raise RuntimeError("boom")


urlpatterns = [path("verboden/", _forbidden), path("kapot/", _broken), *project_urls.urlpatterns]
handler500 = "config.middleware_db.server_error"

pytestmark = pytest.mark.django_db


def test_unknown_page_is_a_dutch_404(client):
    client.force_login(make_user())
    response = client.get("/bestaat-niet/")
    assert response.status_code == 404
    assert "Deze pagina bestaat niet" in response.content.decode()


@override_settings(ROOT_URLCONF="tests.test_error_pages")
def test_refusal_shows_the_reason_in_dutch(client):
    response = client.get("/verboden/")
    assert response.status_code == 403
    assert "U mag deze zelfevaluatie niet invullen." in response.content.decode()


@override_settings(ROOT_URLCONF="tests.test_error_pages")
def test_server_error_is_a_calm_dutch_page(client):
    client.raise_request_exception = False
    response = client.get("/kapot/")
    assert response.status_code == 500
    html = response.content.decode()
    assert "Er ging iets mis" in html and "boom" not in html and "Traceback" not in html
