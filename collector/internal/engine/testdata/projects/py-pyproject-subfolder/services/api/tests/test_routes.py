# No import of pytest: the nearest pyproject.toml decides.
from api import health


def test_health():
    assert health() == {"ok": True}


async def test_health_async(client):
    assert client


class TestRoutes:
    def test_root(self, client):
        assert client
