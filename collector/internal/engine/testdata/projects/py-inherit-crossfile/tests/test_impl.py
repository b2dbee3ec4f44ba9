from .base import CommonTests
from tests import base as shared


class TestMemory(CommonTests):
    def make(self):
        return {}

    def test_overridden(self):
        # replaces the base's test of the same name
        pass

    def test_memory_only(self):
        pass


class TestDisk(shared.SlowMixin):
    pass


class Helper(CommonTests):
    """Not a test class: pytest collects Test* classes only."""
