"""A module that imports pytest: pytest collects a Test… class even when a
TestCase class inherits from it, so the mixin's tests are listed on their own
as well as in the TestCase class."""
import unittest

import pytest


class TestShared:
    def test_shared(self):
        assert True


class TestWithCase(TestShared, unittest.TestCase):
    @pytest.mark.skip(reason="flaky")
    def test_own(self):
        pass
