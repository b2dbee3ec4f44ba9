import os

import pytest as pt
from pytest import mark, param

needs_display = pt.mark.skipif("DISPLAY" not in os.environ, reason="needs X")
broken = mark.xfail(reason="upstream bug")


@needs_display
def test_render():
    pass


@broken
def test_resize():
    pass


@mark.parametrize("size", [param(1, id="small"), param(100, id="large", marks=broken)])
def test_sizes(size):
    pass


def test_redefined():
    """First definition: replaced by the one below."""


def test_redefined():  # noqa: F811
    """Only this one is collected."""


class TestWidget:
    def test_a(self):
        pass

    def test_a(self):  # noqa: F811
        pass
