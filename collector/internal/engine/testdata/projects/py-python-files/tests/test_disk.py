from tests import shared, storage_checks


class TestDisk(storage_checks.TestStorage, shared.TestSizeBase):
    def test_flush(self):
        assert True
