"""Prints, as JSON, the SQL queries each benchmarked URL makes (Django's CaptureQueriesContext, a warm
request after a first one), on the configured database. Usage: python bench/queries.py URL..."""

import json
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.production")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402


def count(urls):
    client = Client(HTTP_HOST="127.0.0.1")
    result = {}
    for url in urls:
        client.get(url)  # warm: Wagtail caches the site's root paths after the first request
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        if response.status_code != 200:
            raise SystemExit(f"{url} answered {response.status_code}")
        result[url] = len(captured)
    return result


if __name__ == "__main__":
    sys.stdout.write(json.dumps(count(sys.argv[1:])) + "\n")
