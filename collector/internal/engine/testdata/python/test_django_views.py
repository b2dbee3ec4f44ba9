from django.test import SimpleTestCase, TestCase


class HomePageTests(SimpleTestCase):
    def test_home_status(self):
        response = self.client.get("/")
        self.assertEqual(response.status_code, 200)


class ModelTests(TestCase):
    fixtures = ["users.json"]

    def test_user_count(self):
        pass

    def testCamelCase(self):
        pass
