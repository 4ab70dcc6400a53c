"""The permission tests share one world (tests.permissions.world)."""

import pytest

from tests.permissions.world import World, build_world


@pytest.fixture
def world(gids) -> World:
    return build_world()
