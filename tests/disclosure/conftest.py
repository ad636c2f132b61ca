import pytest

from .helpers import add_other_member


@pytest.fixture
def other_member(world):
    return add_other_member(world)
