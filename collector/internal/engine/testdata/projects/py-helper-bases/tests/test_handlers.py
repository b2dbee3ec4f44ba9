from tests.helpers import HandlerCase


class Md5Test(HandlerCase):
    handler = staticmethod(len)

    def test_digest_size(self):
        self.assertEqual(self.handler("ab"), 2)
