"""Shared fixtures; named like a test module but holds no test."""
import pytest


@pytest.fixture
def user():
    return {"name": "ada"}


def make_order(user):
    return {"user": user}
