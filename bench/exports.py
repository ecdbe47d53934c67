"""Prints, as JSON, what streaming each benchmarked file costs in-process (Django's test Client, on the
configured database): its rows, its bytes, the time to its first chunk and to its last, and the most
memory Python allocated at once while it streamed (tracemalloc; the body is counted, never kept; the
database's own memory is not Python's). Usage: python bench/exports.py [URL...], by default the CSV and
JSON files of every agreement."""

import csv
import json
import os
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.production")

import django  # noqa: E402

django.setup()

from django.test import Client  # noqa: E402

URLS = ["/en/agreements/export.csv", "/en/agreements/export.json"]
MB = 1024 * 1024


def request(client, url):
    response = client.get(url)
    if response.status_code != 200 or not response.streaming:
        raise SystemExit(f"{url} answered {response.status_code}, streaming: {response.streaming}")
    return response


def text_lines(chunks):
    """The file's lines as text, wherever its chunks end (split on bytes, so never inside a character)."""
    rest = b""
    for chunk in chunks:
        *complete, rest = (rest + chunk).split(b"\n")
        for line in complete:
            yield (line + b"\n").decode("utf-8")
    if rest:
        yield rest.decode("utf-8")


def csv_rows(lines):
    """The records of a CSV file (its header excepted); a quoted cell may hold line breaks."""
    return sum(1 for _record in csv.reader(lines)) - 1


def json_rows(lines):
    """The results of a JSON file: one object a line after ``"results": [`` (json.dumps escapes line breaks)."""
    count, in_results = 0, False
    for line in lines:
        if in_results:
            count += line.lstrip().startswith("{")
        in_results = in_results or line.rstrip().endswith('"results": [')
    return count


def rows(client, url):
    """The rows of the file at ``url``, read as a script would (this first request also warms the process)."""
    count = csv_rows if url.split("?")[0].endswith(".csv") else json_rows
    return count(text_lines(request(client, url).streaming_content))


def timed(client, url):
    """The file's bytes, and the milliseconds from the request to its first chunk and to its last."""
    start = time.perf_counter()
    chunks = iter(request(client, url).streaming_content)
    size = len(next(chunks))
    first_chunk = time.perf_counter() - start
    for chunk in chunks:
        size += len(chunk)
    whole_file = time.perf_counter() - start
    return {"bytes": size, "first_chunk_ms": round(1000 * first_chunk, 1), "whole_file_ms": round(1000 * whole_file, 1)}


def peak_memory(client, url):
    """The most memory Python allocated at once from the request to the file's last chunk (apart from the
    timings: tracemalloc slows what it traces)."""
    tracemalloc.start()
    try:
        for _chunk in request(client, url).streaming_content:
            pass
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def measure(urls):
    client = Client(HTTP_HOST="127.0.0.1")
    result = {}
    for url in urls:
        count = rows(client, url)
        result[url] = {"rows": count, **timed(client, url), "peak_memory_mb": round(peak_memory(client, url) / MB, 2)}
    return result


if __name__ == "__main__":
    sys.stdout.write(json.dumps(measure(sys.argv[1:] or URLS)) + "\n")
