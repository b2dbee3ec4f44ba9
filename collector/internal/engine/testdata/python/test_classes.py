import pytest


class TestUser:
    def test_create(self):
        assert True

    def test_delete(self):
        assert True

    def helper(self):
        return 1

    class TestNested:
        def test_inner(self):
            assert True

        class TestDeeper:
            def test_deepest(self):
                assert True

    @staticmethod
    def test_static():
        assert True


class TestWithInit:
    """pytest does not collect a class with __init__ (it warns)."""

    def __init__(self):
        self.x = 1

    def test_never_collected(self):
        pass


class TestDisabled:
    __test__ = False

    def test_never_either(self):
        pass


class BaseChecks:
    def test_shared_check(self):
        assert True


class TestInherits(BaseChecks):
    def test_own(self):
        assert True


class TestEmpty:
    pass


class UserHelpers:
    def test_not_a_test_class(self):
        pass
