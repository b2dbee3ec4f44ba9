import sys
import unittest


class CalculatorTest(unittest.TestCase):
    def setUp(self):
        self.calc = object()

    def test_add(self):
        self.assertEqual(1 + 1, 2)

    def test_sub(self):
        self.assertEqual(2 - 1, 1)

    @unittest.skip("not implemented")
    def test_div(self):
        pass

    @unittest.skipIf(sys.platform.startswith("win"), "posix only")
    def test_posix(self):
        pass

    @unittest.skipUnless(sys.version_info >= (3, 12), "needs 3.12")
    def test_new_syntax(self):
        pass

    @unittest.expectedFailure
    def test_known_bug(self):
        self.assertEqual(1, 2)

    def test_skip_first(self):
        self.skipTest("needs network")

    def helper(self):
        pass


@unittest.skip("whole suite disabled")
class DisabledTest(unittest.TestCase):
    def test_a(self):
        pass

    @unittest.expectedFailure
    def test_b(self):
        pass


class AsyncTest(unittest.IsolatedAsyncioTestCase):
    async def test_async(self):
        pass


if __name__ == "__main__":
    def test_main_only():
        pass

    unittest.main()
