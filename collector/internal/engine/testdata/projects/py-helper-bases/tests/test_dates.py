import importlib
import unittest

checks = importlib.import_module("tests." + "datechecks")


def load_tests(loader, tests, pattern):
    for name in ("DateChecks", "DateTimeChecks"):
        tests.addTests(loader.loadTestsFromTestCase(getattr(checks, name)))
    return tests
