"""Tests a module makes by calling its own factories at import time."""
import os

import pytest

pytestmark = pytest.mark.slow


def define_test(value, predicate):
    def run_test():
        assert predicate(value)

    run_test.__name__ = "run_test"
    return run_test


def make_check(value):
    return lambda: None


def not_a_factory(value):
    return value * 2


test_zero_is_falsy = define_test(0, lambda x: not x)
test_large_numbers = define_test(
    1001,
    lambda x: x > 1000,
)
test_lambda_made = make_check(3)

# Calls that bind no test: data, a path, a plain function's result.
test_data = not_a_factory(21)
test_path = os.path.join("a", "b")
testing_values = [1, 2, 3]


def test_written():
    assert test_data == 42


def test_written_later():
    pass


test_written_later = define_test(1, bool)  # the name is defined twice: left to the def


class TestInClass:
    def test_method(self):
        pass
