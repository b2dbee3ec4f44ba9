import unittest

import pytest


class LegacyTest(unittest.TestCase):
    @pytest.mark.skip(reason="pytest marks work on unittest methods")
    def test_old(self):
        pass

    @pytest.mark.parametrize("x", [1, 2])
    def test_not_expanded(self, x):
        pass


def test_new_style():
    pass
