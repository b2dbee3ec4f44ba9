import unittest
import tests.sequence_checks


class ArrayTest(unittest.TestCase):
    type2test = list
    test_clear = tests.sequence_checks.MutableSequenceChecks.test_clear

    def test_typecode(self):
        self.assertTrue(True)
