import unittest


class BaseCase(unittest.TestCase):
    def setUp(self):
        self.data = []
