import pytest


@pytest.fixture
def client():
    return object()


def test_like_name_in_conftest():
    """conftest.py is never a test module."""
