"""The open data's files stream: with thousands of agreements, the CSV and JSON files (the agreements'
and their link table's) send their first bytes before their last rows are read, and what streaming
a file holds in memory does not grow with its rows."""

import csv
import gc
import io
import json
import math
import tracemalloc

from django.db import connection, transaction
from django.http import StreamingHttpResponse
from django.test.utils import CaptureQueriesContext

import pytest

from agreements.models import Agreement, Partner
from portal.data import columns
from portal.data.columns import CHUNK_SIZE, LinkTable, table_named, tables
from tests.factories import bulk_agreements

pytestmark = pytest.mark.django_db

# 1,800 agreements more than the book's 29: four chunks of records.
MANY = 1800
SLUG = "streamed-agreement"
# Link rows read per query in these tests, so that both sizes measured span several queries.
LINK_BATCH = 500
# (file, its table, rows read per query)
FILES = [
    ("/en/agreements/export.csv", "agreements", CHUNK_SIZE),
    ("/en/agreements/export.json", "agreements", CHUNK_SIZE),
    ("/en/agreements/parties.csv", "agreement_parties", LINK_BATCH),
    ("/en/agreements/parties.json", "agreement_parties", LINK_BATCH),
]
# What streaming a file may hold per row, in bytes. Its primary key: the keys are read first, all
# at once, to fix the file's rows and their order (``ids_in_chunks``), 40 to 60 bytes a row as measured
# (an integer and its place in a list, and in a dict while they are read). Keeping anything else of a
# row would not fit: an agreement read with its parties takes over 10 KB, its CSV line about 270 bytes,
# a link's two slugs about 160.
HELD_PER_ROW = 120


@pytest.fixture(scope="module")
def many_agreements(django_db_setup, django_db_blocker):
    """1,800 live agreements with two parties each, written once for the module and rolled back after it
    (each test's changes are rolled back after the test, as usual)."""
    with django_db_blocker.unblock(), transaction.atomic():
        partners = list(Partner.objects.live().order_by("pk"))
        bulk_agreements(MANY, lambda n: {partners[(n * k) % len(partners)] for k in (1, 7)}, slug=SLUG)
        yield
        transaction.set_rollback(True)


@pytest.fixture
def link_batches(monkeypatch):
    monkeypatch.setattr(columns, "LINKS_PER_QUERY", LINK_BATCH)


def row_count(name):
    table = table_named(name)
    records, _applied = table.records()
    return table.count(records)


def rows_of(path, body):
    if path.endswith(".csv"):
        return list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"), newline="")))
    return json.loads(body)["results"]


@pytest.mark.parametrize(("path", "name", "per_query"), FILES)
def test_the_first_bytes_are_sent_before_the_last_rows_are_read(
    client, many_agreements, link_batches, path, name, per_query
):
    rows = row_count(name)
    reads = math.ceil(rows / per_query)
    assert reads >= 4
    with CaptureQueriesContext(connection) as before_the_first_bytes:
        response = client.get(path)
        chunks = iter(response.streaming_content)
        first = next(chunks)
    with CaptureQueriesContext(connection) as after_the_first_bytes:
        rest = b"".join(chunks)
    assert isinstance(response, StreamingHttpResponse)
    # The view reads the first rows before it answers (a database that is down gives an error page, not a
    # cut file); every other read comes after the first bytes are out.
    assert len(after_the_first_bytes) >= reads - 1, (len(before_the_first_bytes), len(after_the_first_bytes))
    written = rows_of(path, first + rest)
    key = table_named(name).primary_key
    assert len(written) == len({tuple(row[column] for column in key) for row in written}) == rows


def consume(response):
    """The number of bytes of a streamed file, read without keeping them."""
    size = 0
    for chunk in response.streaming_content:
        size += len(chunk)
    return size


def streaming_peak(client, path):
    """The most memory allocated at once while the file at ``path`` is requested and streamed."""
    consume(client.get(path))  # warm: what the first request of a process keeps is not the file's
    gc.collect()
    tracemalloc.start()
    try:
        assert consume(client.get(path)) > 0
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.mark.parametrize(("path", "name", "per_query"), FILES)
def test_the_memory_a_file_takes_does_not_grow_with_its_rows(
    client, many_agreements, link_batches, path, name, per_query
):
    large, large_rows = streaming_peak(client, path), row_count(name)
    # Two thirds of the generated agreements unpublished: a file about a third as long.
    hidden = Agreement.objects.filter(slug__startswith=f"{SLUG}-", book_order__gte=1000 + MANY // 3)
    assert hidden.update(live=False) == MANY - MANY // 3
    small, small_rows = streaming_peak(client, path), row_count(name)
    assert large_rows > 2.5 * small_rows and small_rows > per_query, "both files span several reads"
    assert large < 1.5 * small, (small, large)
    assert (large - small) / (large_rows - small_rows) < HELD_PER_ROW, (small, large)


def test_link_rows_read_a_few_at_a_time_are_the_rows_read_at_once(many_agreements, monkeypatch):
    monkeypatch.setattr(columns, "LINKS_PER_QUERY", 7)
    for table in tables():
        if isinstance(table, LinkTable):
            links, _applied = table.records()
            assert list(table.rows(links, None)) == [list(link) for link in links], table.name
