"""A module whose tests exist only as generated source text: no test is
written in it (the class below is no template: nothing names it again), so it is
reported with no tests and the reason."""
import textwrap
import unittest

TEMPLATE = textwrap.dedent("""\
class Test{name}(unittest.TestCase):
    def test_{name}(self):
        self.assertTrue(True)
""")

for name in ("alpha", "beta"):
    exec(TEMPLATE.format(name=name))


class Plain:
    def test_not_a_method_of_a_test_class(self):
        pass
