"""Case ids as pytest writes them, and a test case class bound by name
(checked with pytest --collect-only)."""
import unittest

import pytest

REST = [3, 4]


class Machine:
    """Builds a TestCase, as Hypothesis' RuleBasedStateMachine does."""

    class TestCase(unittest.TestCase):
        def runTest(self):
            pass


# pytest and unittest collect the bound name: TestMachine::runTest.
TestMachine = Machine.TestCase


@pytest.mark.parametrize("f", [lambda x: x, abs, lambda: (1, 2)])
def test_lambdas(f):
    pass


@pytest.mark.parametrize("s", ["\N{FORM FEED}", "\a", "\v", "\00", "\101"])
def test_escapes(s):
    pass


@pytest.mark.parametrize("b", [rb"\A\Z", b"\\d", b"\x00\xff"])
def test_bytes(b):
    pass


@pytest.mark.parametrize(("p",), [(b"x",), ("y",)])
def test_one_name_tuple(p):
    pass


# One list a reader cannot see multiplies the other: no case is named.
@pytest.mark.parametrize("x", [1, 2])
@pytest.mark.parametrize("y", [*REST])
def test_partly_unreadable(x, y):
    pass


CASES = ["module"]


class TestClassConstants:
    # A decorator in the class body sees the class's names first.
    CASES = [1, 2, 3]

    @pytest.mark.parametrize("x", CASES)
    def test_class_constant(self, x):
        pass
