"""Concrete test classes made by a class factory on a base (passlib's
create_backend_case): the class inherits the base's tests."""
import unittest


class _base_argon2_test(unittest.TestCase):
    backend = None

    @classmethod
    def create_backend_case(cls, backend):
        return type("%s_test" % backend, (cls,), {"backend": backend})

    def test_hash(self):
        pass

    def test_verify(self):
        pass


class argon2_cffi_test(_base_argon2_test.create_backend_case("argon2_cffi")):
    def test_cffi_only(self):
        pass


class metaclass_made(make_case(Base)):  # a plain function's result: not followed
    def test_own(self):
        pass
