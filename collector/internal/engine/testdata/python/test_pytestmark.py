import pytest

pytestmark = [pytest.mark.integration, pytest.mark.skip(reason="needs a database")]


def test_insert():
    pass


class TestQueries:
    def test_select(self):
        pass


@pytest.mark.xfail
def test_xfail_inside_skipped_module():
    pass
