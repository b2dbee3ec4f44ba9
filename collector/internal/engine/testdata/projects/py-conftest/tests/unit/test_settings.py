def test_defaults(settings):
    assert settings == {}
