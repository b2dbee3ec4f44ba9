"""Named like a test module, defines a test-named helper in a private class,
and calls type() to ask for types only: nothing here generates tests, so the
file is not reported."""


class _Base:
    def test_shape(self, value):
        return type(value).__name__


def describe(value):
    return f"{type(value)}"
