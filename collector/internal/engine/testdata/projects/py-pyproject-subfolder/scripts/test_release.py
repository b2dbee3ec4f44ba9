# Outside the API service: no config or dependency applies here.
def test_version_format():
    assert "1.2.3".count(".") == 2
