"""Reading the open data's files as a script would."""

import csv
import io
import json

from openpyxl import load_workbook


def content(response):
    """The bytes of a response, streamed (read once, then kept) or not."""
    if not response.streaming:
        return response.content
    if not hasattr(response, "_read_bytes"):
        response._read_bytes = b"".join(response.streaming_content)
    return response._read_bytes


def read_csv(response):
    raw = content(response)
    assert raw.startswith(b"\xef\xbb\xbf"), "a CSV starts with a byte order mark"
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))


def read_json(response):
    data = json.loads(content(response))
    assert data["count"] == len(data["results"])
    return data["results"]


def read_xlsx(response):
    sheet = load_workbook(io.BytesIO(content(response)), read_only=True).active
    header, *rows = list(sheet.iter_rows(values_only=True))
    return [dict(zip(header, row, strict=True)) for row in rows]


READERS = {"csv": read_csv, "json": read_json, "xlsx": read_xlsx}
