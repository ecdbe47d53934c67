import pytest

from .reading import READERS


@pytest.fixture
def download(client):
    """download(path, fmt, params) -> (response, rows as dicts)."""

    def get(path, fmt="csv", params=None):
        response = client.get(f"{path}.{fmt}", params or {})
        assert response.status_code == 200, (path, fmt)
        return response, READERS[fmt](response)

    return get
