import pytest

pytestmark = pytest.mark.xfail(reason="whole module expected to fail")


def test_module_level():
    pass


class TestWithMark:
    pytestmark = pytest.mark.skip("class attribute mark")

    def test_in_class(self):
        pass


class TestPlain:
    def test_plain(self):
        pass
