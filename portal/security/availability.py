"""A clear 503 page while the database cannot be reached, rather than a 500."""

import logging
import sys

from django.conf import settings
from django.core.signals import got_request_exception
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.cache import add_never_cache_headers

logger = logging.getLogger(__name__)

DATABASE_ERRORS = (OperationalError, InterfaceError)


def _note_database_error(sender, request=None, **kwargs):
    """Django turns an exception raised inside a middleware into a 500 response before the
    middleware above sees it; this receiver, called while the exception is being handled, marks the
    request so DatabaseUnavailableMiddleware can answer 503 instead."""
    if request is not None and isinstance(sys.exc_info()[1], DATABASE_ERRORS):
        request.portal_database_unavailable = True


def unavailable_response():
    """The 503 page: a plain template rendered without a request, so no context processor touches the
    database."""
    response = HttpResponse(render_to_string("503.html"), status=503, content_type="text/html; charset=utf-8")
    response["Retry-After"] = str(settings.PORTAL_RETRY_AFTER)
    add_never_cache_headers(response)
    return response


class DatabaseUnavailableMiddleware:
    """While the database cannot be reached, answer a clear 503 page with Retry-After rather than a
    500; nothing is kept, so the site recovers by itself when the database answers again (Django
    drops broken connections at the end of each request; CONN_HEALTH_CHECKS checks reused ones)."""

    def __init__(self, get_response):
        self.get_response = get_response
        got_request_exception.connect(_note_database_error, dispatch_uid="portal-database-unavailable")

    def __call__(self, request):
        try:
            response = self.get_response(request)
        except DATABASE_ERRORS:
            # Reached only when DEBUG_PROPAGATE_EXCEPTIONS lets exceptions through.
            return self._unavailable(request)
        if response.status_code == 500 and getattr(request, "portal_database_unavailable", False):
            return self._unavailable(request)
        return response

    def process_exception(self, request, exception):
        if isinstance(exception, DATABASE_ERRORS):
            return self._unavailable(request)
        return None

    def _unavailable(self, request):
        logger.error("Database unavailable while serving %s", request.path, exc_info=sys.exc_info()[0] is not None)
        return unavailable_response()
