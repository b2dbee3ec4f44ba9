import unittest


class DatabaseTestCase(unittest.TestCase):
    """Shared setup; holds no tests."""

    def setUp(self):
        self.db = {}
