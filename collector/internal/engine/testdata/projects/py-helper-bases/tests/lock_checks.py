"""Lock checks: test_locks hands LockChecks to a class factory."""
import threading
import unittest


class BaseLockChecks(unittest.TestCase):
    def test_create(self):
        self.assertIsNotNone(self.locktype())


class LockChecks(BaseLockChecks):
    locktype = staticmethod(threading.Lock)

    def test_acquire(self):
        lock = self.locktype()
        self.assertTrue(lock.acquire())
        lock.release()
