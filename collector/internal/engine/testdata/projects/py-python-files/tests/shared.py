"""Not collected: TestSizeBase runs only as the base of test_disk's class (pytest does not import this file)."""


class TestSizeBase:
    def test_size(self):
        assert True
