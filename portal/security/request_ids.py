"""Every request gets an id, sent back in X-Request-ID and written in every log line about it, so a
visitor's report ("error … at 10:42, id 3f2a…") leads to the traceback."""

import logging
import re
import uuid

REQUEST_ID_HEADER = "X-Request-ID"
# An id a proxy in front may already have given the request: kept when it is a plain token.
VALID_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        given = request.headers.get(REQUEST_ID_HEADER, "")
        request.id = given if VALID_ID.match(given) else uuid.uuid4().hex
        response = self.get_response(request)
        response[REQUEST_ID_HEADER] = request.id
        return response


class RequestContextFilter(logging.Filter):
    """Adds ``request_id`` and ``path`` to log records about a request (Django's ``django.request``
    records carry it), "-" otherwise, for the log format."""

    def filter(self, record):
        request = getattr(record, "request", None)
        record.request_id = getattr(request, "id", "-")
        record.path = getattr(request, "path", "-")
        return True
