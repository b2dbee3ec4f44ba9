import unittest
from decimal import Decimal

from tests.helpers import RoundTripTests
from tests.unit.support import BaseCase
from tests.unit import support


class CodecTest(RoundTripTests, BaseCase):
    """A TestCase through BaseCase (support.py): unittest's."""

    def test_encode(self):
        pass


class DecoderTest(RoundTripTests, support.BaseCase):
    pass


class Unrelated(Decimal):
    """Its base is not in the repository and is no TestCase: not a test class."""

    def test_nothing(self):
        pass


if __name__ == "__main__":
    unittest.main()
