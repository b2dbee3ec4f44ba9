import threading
import unittest

from tests import lock_checks


def with_rlock(cls):
    return type("R" + cls.__name__, (cls,), {"locktype": staticmethod(threading.RLock)})


RLockChecks = with_rlock(lock_checks.LockChecks)


class LockTest(lock_checks.LockChecks):
    pass


if __name__ == "__main__":
    unittest.main()
