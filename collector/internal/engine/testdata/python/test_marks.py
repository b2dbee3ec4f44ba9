import sys

import pytest


@pytest.mark.skip(reason="flaky on CI")
def test_skipped():
    pass


@pytest.mark.skip
def test_skipped_bare():
    pass


@pytest.mark.skipif(sys.platform == "win32", reason="posix only")
def test_posix_only():
    pass


@pytest.mark.skipif(False, reason="never skipped")
def test_skipif_false():
    pass


@pytest.mark.xfail(reason="bug #123")
def test_known_bug():
    assert 1 == 2


@pytest.mark.xfail(strict=True)
@pytest.mark.skip
def test_skip_beats_xfail():
    pass


@pytest.mark.slow
@pytest.mark.usefixtures("db")
def test_other_marks_are_active():
    pass


def test_skip_inside():
    """Skipped at run time, first thing."""
    pytest.skip("not ready")


def test_skip_later():
    value = 1
    if value:
        pytest.skip("conditional, not static")


@pytest.mark.xfail
class TestLegacy:
    def test_old_api(self):
        pass

    @pytest.mark.skip
    def test_removed_api(self):
        pass


@pytest.mark.skip(reason="whole class")
class TestSkippedClass:
    @pytest.mark.xfail
    def test_still_skipped(self):
        pass

    class TestInner:
        def test_inherits_skip(self):
            pass


@pytest.fixture
def test_data():
    return {"a": 1}


@pytest.fixture(scope="module")
def test_client():
    return object()
