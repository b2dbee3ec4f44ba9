"""Shared test methods, inherited by test classes of other modules."""
import pytest

SIZES = [1, 10, 100]


class CommonTests:
    """Not collected on its own: its name does not start with Test."""

    def test_create(self):
        assert self.make()

    @pytest.mark.skip(reason="flaky on CI")
    def test_delete(self):
        pass

    @pytest.mark.parametrize("size", SIZES)
    def test_sizes(self, size):
        assert size

    def test_overridden(self):
        pass

    def helper(self):
        return 1


@pytest.mark.xfail(reason="not implemented yet")
class SlowMixin(CommonTests):
    def test_slow(self):
        pass
