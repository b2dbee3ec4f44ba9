"""A load_tests that names the classes unittest runs (CPython's test_io
style): IOTest's tests run in CIOTest and PyIOTest only, and a TestCase it
does not name never runs."""
import io
import unittest

import _pyio as pyio


class IOTest(unittest.TestCase):
    def test_read(self):
        self.assertEqual(self.io.BytesIO(b"ab").read(), b"ab")

    def test_write(self):
        buf = self.io.BytesIO()
        buf.write(b"x")
        self.assertEqual(buf.getvalue(), b"x")


class CIOTest(IOTest):
    pass


class PyIOTest(IOTest):
    def test_pure_python_only(self):
        self.assertIs(self.io, pyio)


class APIMismatchTest(unittest.TestCase):
    def test_same_names(self):
        self.assertEqual(set(io.__all__), set(pyio.__all__))


class UnlistedTest(unittest.TestCase):
    # load_tests does not name it: unittest never runs it.
    def test_never_loaded(self):
        pass


EXTRA_CLASSES = (APIMismatchTest,)


def load_tests(loader, tests, pattern):
    tests = (CIOTest, PyIOTest) + EXTRA_CLASSES
    suite = loader.suiteClass()
    for test in tests:
        # "UnlistedTest" in a string names nothing.
        test.io = io if test.__name__.startswith("C") else pyio
        suite.addTest(loader.loadTestsFromTestCase(test))
    return suite
