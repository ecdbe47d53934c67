"""Every public listing and export answers any query string without a server error, and parameters it
does not know change nothing (Hypothesis, bounded to ~50 examples per endpoint, plus a curated list)."""

import io
import json
import re
from urllib.parse import quote, urlencode

from django.test import Client

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from tests.data.reading import content

pytestmark = pytest.mark.django_db

ENDPOINTS = [
    "/en/agreements/",
    "/en/agreements/export.csv",
    "/en/agreements/export.json",
    "/en/agreements/export.xlsx",
    "/en/partners/export.csv",
    "/en/partnerships/export.json",
    "/en/initiatives/export.csv",
    "/en/figures/export.json",
    "/en/agreements/parties.csv",
    "/en/partnerships/",
    "/en/initiatives/",
    "/en/figures/",
    "/en/search/",
]
KNOWN = {
    "status",
    "kind",
    "country",
    "region",
    "year_from",
    "year_to",
    "q",
    "sort",
    "page",
    "area",
    "organization",
    "type",
}
KNOWN_VALUES = [
    "in_force",
    "signed",
    "negotiating",
    "free_trade",
    "JP",
    "jp",
    "EU",
    "asia_pacific",
    "health",
    "title",
    "-year",
    "2006",
    "sections",
    "agreements",
]
EDGE_VALUES = [
    "",
    " ",
    "0",
    "-1",
    "-99999999999999999999",
    "99999999999999999999999999999999",
    "1e308",
    "NaN",
    "inf",
    "1.5",
    "0x10",
    "\x00",
    "a\x00b",
    "%00",
    "\ufffd",
    "\u202e",
    "日本",
    "Perú",
    "😀",
    "' OR 1=1 --",
    "<script>alert(1)</script>",
    "../../etc/passwd",
    "x" * 5000,
    "[]",
    "{}",
    "null",
    "true",
]

values = st.one_of(
    st.sampled_from(KNOWN_VALUES + EDGE_VALUES),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
    st.text(max_size=40),
)
keys = st.one_of(st.sampled_from(sorted(KNOWN)), st.text(min_size=1, max_size=12))
queries = st.lists(st.tuples(keys, values), max_size=8)
unknown_keys = st.text(alphabet="abcdefghijklmnopqrstuvwxyz_-[]0123456789", min_size=1, max_size=12).filter(
    lambda key: key not in KNOWN
)
unknown_queries = st.lists(st.tuples(unknown_keys, values), min_size=1, max_size=5)

FUZZ = settings(
    max_examples=50, deadline=None, database=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
CURATED = [
    "page=0",
    "page=-1",
    "page=999999999999999999999999",
    "page=last",
    "page=1.5",
    "page=%00",
    "q=%ff%fe",
    "q=%00%00",
    "q=" + "a%20" * 300,
    "status=in_force&status=signed&status=nonsense",
    "year_from=2030&year_to=1990",
    "year_from=-5&year_to=99999999999999999999",
    "country=J&country=JPN&country=%00%00",
    "sort=__class__",
    "sort=-pk",
    "area=..%2F..%2F",
    "type=sections&page=99999",
    "%ff=%ff",
    "=&=&&&",
    "q",
    "q[]=x&q[]=y",
]


def get(client, endpoint, query):
    return client.get(f"{endpoint}?{query}" if query else endpoint)


@pytest.fixture(scope="module")
def fuzz_client():
    return Client(raise_request_exception=False)


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_curated_queries_never_fail(fuzz_client, endpoint):
    for query in CURATED:
        response = get(fuzz_client, endpoint, query)
        assert response.status_code < 500, (endpoint, query)


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_generated_queries_never_fail(fuzz_client, endpoint):
    @FUZZ
    @given(pairs=queries)
    def check(pairs):
        query = urlencode(pairs, quote_via=quote)
        response = get(fuzz_client, endpoint, query)
        assert response.status_code < 500, (endpoint, query)
        assert response.status_code in (200, 404), (endpoint, query)

    check()


def result(response):
    """What a response shows, minus what legitimately echoes the query string: for pages, the <main>
    element with the query cut from its links (pagination, exports, 'remove this filter'); for exports,
    the data."""
    assert response.status_code == 200
    content_type = response["Content-Type"]
    body = content(response)
    if "spreadsheetml" in content_type:
        workbook = load_workbook(io.BytesIO(body), read_only=True)
        return [list(row) for sheet in workbook.worksheets for row in sheet.iter_rows(values_only=True)]
    if content_type.startswith("application/json"):
        data = json.loads(body)
        data.pop("generated_at", None)  # the moment it was made
        return data
    if not content_type.startswith("text/html"):
        return body
    html = body.decode()
    main = html[html.index("<main") : html.index("</main>")]
    return re.sub(r'href="([^"?]*)\?[^"]*"', r'href="\1"', main)


# The bare URL each endpoint is compared with; search is compared on a real query.
BASE_QUERY = {"/en/search/": [("q", "trade")]}


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_unknown_parameters_change_nothing(fuzz_client, endpoint):
    base = BASE_QUERY.get(endpoint, [])
    expected = result(get(fuzz_client, endpoint, urlencode(base)))

    @settings(
        max_examples=25, deadline=None, database=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
    )
    @given(pairs=unknown_queries)
    def check(pairs):
        response = get(fuzz_client, endpoint, urlencode(base + pairs, quote_via=quote))
        assert result(response) == expected, pairs

    check()
