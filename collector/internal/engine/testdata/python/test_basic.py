"""Tests for the slugify helper.

Example in a docstring that must not count:

    def test_in_docstring():
        assert True
"""
import asyncio

import pytest

from myapp.text import slugify

TEMPLATE = '''
def test_in_string():
    pass
'''


def helper_make(value):
    return value.strip()


def test_slugify_lowercases():
    assert slugify("Hello") == "hello"


def test_slugify_strips_spaces():
    def test_nested_helper():  # not collected: a local function
        return 1

    assert slugify("  a b ") == "a-b"


async def test_async_slugify():
    await asyncio.sleep(0)
    assert slugify("X") == "x"


def testing_prefix_is_enough():
    assert True


class Helper:
    def test_not_collected(self):
        pass


def not_a_test():
    pass


lambda_test = lambda: None  # noqa: E731
