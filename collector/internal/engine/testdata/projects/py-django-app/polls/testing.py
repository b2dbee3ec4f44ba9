# Helpers of the app's tests, and template tests in the style of jinja2's
# tests.py: unittest's test*.py pattern matches this name, but there is no
# TestCase here, so nothing is reported.
def make_question(text):
    return {"text": text}


def test_odd(value):
    return value % 2 == 1
