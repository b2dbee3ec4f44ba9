import unittest


class LegacyTest(unittest.TestCase):
    def test_legacy(self):
        pass
