from unittest import TestCase, expectedFailure, skip
from unittest import mock


class BaseAPITest(TestCase):
    """A base with shared tests: unittest runs it too."""

    def test_status_ok(self):
        pass


class UsersAPITest(BaseAPITest):
    def test_list_users(self):
        pass

    @skip("rewrite")
    def test_status_ok(self):
        pass


class Mixin:
    def test_from_mixin(self):
        pass


class OrdersAPITest(Mixin, TestCase):
    @expectedFailure
    def test_refund(self):
        pass

    @mock.patch("orders.api.charge")
    def test_charge(self, charge):
        pass


class NotATest:
    def test_nothing(self):
        pass
