"""Tests that need optional dependencies: pytest collects this module only
where both imports succeed, so every test here carries that condition."""
import numpy as np
import pytest

pa = pytest.importorskip("pyarrow", minversion="7.0")
pytest.importorskip("fsspec")  # the module's second requirement

try:
    # Inside try: a guarded import, not a module-level requirement.
    pytest.importorskip("s3fs")
except ImportError:
    pass


def helper():
    # A call inside a function runs only when the function does.
    return pytest.importorskip("gcsfs")


def test_roundtrip():
    table = pa.table({"a": [1, 2]})
    assert table.num_rows == 2


@pytest.mark.skip(reason="slow")
def test_skipped_too():
    pass


class TestArrays:
    def test_from_numpy(self):
        # importorskip inside a test skips it at run time, after collection.
        pytest.importorskip("pandas")
        assert pa.array(np.arange(3)).to_pylist() == [0, 1, 2]

    @pytest.mark.parametrize("n", [0, 1])
    def test_sizes(self, n):
        assert len(pa.array([0] * n)) == n


text = "pytest.importorskip('not_a_call')"
