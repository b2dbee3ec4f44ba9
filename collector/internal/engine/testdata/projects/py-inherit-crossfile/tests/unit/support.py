import unittest


class BaseCase(unittest.TestCase):
    def setUp(self):
        self.data = []


class HandlerCase(BaseCase):
    """Shared checks of every backend (passlib's HandlerCase)."""

    def test_roundtrip(self):
        pass

    def test_rejects_empty(self):
        pass
