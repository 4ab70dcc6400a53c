"""axe-core on every main page, logged in as each role: no serious or critical violations."""

import pytest

from .conftest import assert_accessible

pytestmark = pytest.mark.browser


def test_login_page_is_accessible_and_obeys_the_content_security_policy(page, axe, problems, db):
    page.goto("/accounts/login/")
    assert page.locator("h1").inner_text() == "Inloggen"
    assert_accessible(page, axe, "de inlogpagina")
    assert not problems.csp_violations, problems.csp_violations
    assert not problems.page_errors, problems.page_errors
