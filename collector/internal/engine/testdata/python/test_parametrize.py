import enum

import pytest

CASES = [(1, 2), (3, 4)]


class Color(enum.Enum):
    RED = 1


@pytest.mark.parametrize("a,b", [(1, 2), (3, 4)])
def test_pairs(a, b):
    assert a < b


@pytest.mark.parametrize("word", ["hello", "wörld", "a b", ""])
def test_words(word):
    assert isinstance(word, str)


@pytest.mark.parametrize(
    "value, expected",
    [
        (1.5, True),
        (None, False),
        (-3, False),  # negative numbers keep their sign
        ([1, 2], True),
    ],
    ids=["float", "none", "negative", "list"],
)
def test_with_ids(value, expected):
    pass


@pytest.mark.parametrize(
    ("n", "name"),
    [
        pytest.param(1, "one", id="first"),
        pytest.param(2, "two", marks=pytest.mark.skip(reason="slow")),
        pytest.param(3, "three", marks=[pytest.mark.xfail]),
    ],
)
def test_params(n, name):
    pass


@pytest.mark.parametrize("x", [0, 1])
@pytest.mark.parametrize("y", [2, 3])
def test_stacked(x, y):
    pass


@pytest.mark.parametrize("v", [1, 1, 2, "a", "a"])
def test_duplicate_ids(v):
    pass


@pytest.mark.parametrize("a,b", CASES)
def test_table_from_a_name(a, b):
    pass


@pytest.mark.parametrize("i", range(1, 7, 2))
def test_range(i):
    pass


@pytest.mark.parametrize("n", fetch_cases())
def test_computed_cases(n):
    pass


@pytest.mark.parametrize("c", [Color.RED, 2])
def test_unknown_value_ids(c):
    pass


@pytest.mark.parametrize("x", [1, 2], ids=lambda v: f"v{v}")
def test_callable_ids(x):
    pass


@pytest.mark.parametrize("x", [])
def test_empty_list(x):
    pass


@pytest.mark.skip
@pytest.mark.parametrize("x", [True, False])
def test_skipped_parametrized(x):
    pass


@pytest.mark.parametrize("flag", [True, False])
class TestClassParams:
    def test_flag(self, flag):
        pass

    @pytest.mark.parametrize("n", [10, 20])
    def test_flag_and_n(self, flag, n):
        pass
