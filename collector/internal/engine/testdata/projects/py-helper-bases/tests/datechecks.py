"""Loaded by test_dates at run time, under a name no import statement
writes: every class here may run."""
import unittest


class DateChecks(unittest.TestCase):
    def test_today(self):
        self.assertTrue(True)


class DateTimeChecks(DateChecks):
    def test_now(self):
        self.assertTrue(True)
