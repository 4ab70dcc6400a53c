"""Fixtures the round tests share: a partnership of two gemeenten and its directeur."""

import pytest

from partnerships.constants import Role
from tests.factories import make_partnership, make_user


@pytest.fixture
def partnership(gids):
    return make_partnership(
        "Regio Rivierenland", participants=["Gemeente Aalstad", "Gemeente Beekdorp"]
    )


@pytest.fixture
def directeur(partnership):
    return make_user(Role.DIRECTEUR, partnership=partnership)
