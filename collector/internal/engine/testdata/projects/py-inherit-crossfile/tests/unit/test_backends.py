"""Backends checked by the shared HandlerCase (passlib's test_handlers_scrypt.py):
the module defines no test function of its own and its class names are
lower case; its classes inherit every test."""
from tests.unit.support import HandlerCase


class _memory_backend_test(HandlerCase):
    backend = "memory"
