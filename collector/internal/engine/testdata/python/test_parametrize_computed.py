import pytest

DTYPES = [d.upper() for d in "abc"]


@pytest.mark.parametrize("d", DTYPES)
def test_comprehension_constant(d):
    # computed at import: no case can be known, only the declared test
    assert d


@pytest.mark.parametrize("d", [x for x in range(3)])
def test_comprehension_inline(d):
    assert d >= 0


@pytest.mark.parametrize("n", [1, 2])
@pytest.mark.parametrize("d", DTYPES)
def test_stacked_with_computed(n, d):
    # one computed list makes every combination unknown
    assert n


@pytest.mark.parametrize("g", [tuple(x for x in "ab"), 3])
def test_generator_inside_list(g):
    # a literal list holding a computed value: two cases, the first by position
    assert g


@pytest.mark.parametrize("pair", list((a, b) for a in "xy" for b in "z"))
def test_generator_call(pair):
    assert pair
