# A pytest-style function in a unittest-only project: nothing decides it.
def test_orphan():
    assert True
