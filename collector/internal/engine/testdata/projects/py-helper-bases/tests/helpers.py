"""A base that test modules import by name: unittest then finds it in
their namespace and runs it there too."""
import unittest


class HandlerCase(unittest.TestCase):
    handler = None

    def test_handler_set(self):
        if self.handler is None:
            self.skipTest("abstract")
        self.assertTrue(callable(self.handler))
