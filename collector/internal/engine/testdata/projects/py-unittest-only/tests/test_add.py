import unittest

from mypkg import add


class AddTest(unittest.TestCase):
    def test_add(self):
        self.assertEqual(add(1, 2), 3)

    @unittest.skip("floats later")
    def test_add_floats(self):
        pass


if __name__ == "__main__":
    unittest.main()
