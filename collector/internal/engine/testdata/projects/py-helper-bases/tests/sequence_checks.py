"""Checks shared by the sequence tests. Not a test module: unittest's
pattern test*.py never imports it; its classes run in their subclasses."""
import unittest


class CommonChecks(unittest.TestCase):
    """Named by no test module: runs only through SequenceChecks."""

    def test_len(self):
        self.assertEqual(len(self.type2test([1, 2])), 2)


class SequenceChecks(CommonChecks):
    type2test = list

    def test_index(self):
        self.assertEqual(self.type2test([1, 2]).index(2), 1)

    def test_count(self):
        self.assertEqual(self.type2test([1, 1]).count(1), 2)


class MutableSequenceChecks(SequenceChecks):
    def test_append(self):
        s = self.type2test()
        s.append(1)
        self.assertEqual(len(s), 1)

    def test_clear(self):
        # test_arrays binds this one test by name: it runs as declared here.
        s = self.type2test([1])
        s.clear()
        self.assertEqual(len(s), 0)
