"""unittest tests written once in mixins and run by the TestCase classes that
inherit them (CPython's test_set style). The module does not import pytest,
so a mixin named Test… is not a test class of its own."""
import doctest
import unittest


class TestJointOps:
    # Runs only as part of TestSet and TestFrozenSet.
    thetype = None

    def test_len(self):
        self.assertEqual(len(self.thetype("abc")), 3)

    def test_contains(self):
        self.assertIn("a", self.thetype("abc"))


class TestMutating(TestJointOps):
    def test_add(self):
        s = self.thetype()
        s.add(1)
        self.assertEqual(len(s), 1)


class TestSet(TestMutating, unittest.TestCase):
    thetype = set

    def test_clear(self):
        s = set("abc")
        s.clear()
        self.assertEqual(len(s), 0)


class TestFrozenSet(TestJointOps, unittest.TestCase):
    thetype = frozenset


def load_tests(loader, tests, pattern):
    # Adds to the default suite: every TestCase class still runs.
    tests.addTest(doctest.DocTestSuite())
    return tests
