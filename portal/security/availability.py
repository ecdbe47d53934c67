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

# PostgreSQL's SQLSTATEs for a server that cannot be reached or is going away: class 08 (connection
# exceptions), and admin or crash shutdown, "cannot connect now", too many connections.
UNREACHABLE_SQLSTATE_CLASS = "08"
UNREACHABLE_SQLSTATES = {"57P01", "57P02", "57P03", "53300"}
# What the drivers say when there is no SQLSTATE (the connection itself failed).
UNREACHABLE_MESSAGES = (
    "could not connect",
    "connection refused",
    "connection failed",
    "server closed the connection",
    "connection is closed",
    "connection already closed",
    "terminating connection",
    "timeout expired",
    "timed out",
    "no route to host",
    "could not translate host name",
    "name or service not known",
    "consuming input failed",
    "unable to open database file",
    "database is locked",
)


def is_unreachable(error):
    """True when a database error means the database cannot be reached (refused, lost, timed out);
    False for the errors of a bug (a missing column, a syntax error), which stay 500s."""
    if isinstance(error, InterfaceError):
        return True  # Django's error for a connection that is already closed
    if not isinstance(error, OperationalError):
        return False
    sqlstate = getattr(error.__cause__, "sqlstate", None)
    if sqlstate:
        return sqlstate.startswith(UNREACHABLE_SQLSTATE_CLASS) or sqlstate in UNREACHABLE_SQLSTATES
    message = str(error).lower()
    return any(words in message for words in UNREACHABLE_MESSAGES)


def _note_database_error(sender, request=None, **kwargs):
    """Django turns an exception raised inside a middleware into a 500 response before the
    middleware above sees it; this receiver, called while the exception is being handled, marks the
    request so DatabaseUnavailableMiddleware can answer 503 instead."""
    if request is not None and is_unreachable(sys.exc_info()[1]):
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
        except DATABASE_ERRORS as error:
            # Reached only when DEBUG_PROPAGATE_EXCEPTIONS lets exceptions through.
            if not is_unreachable(error):
                raise
            return self._unavailable(request)
        if response.status_code == 500 and getattr(request, "portal_database_unavailable", False):
            return self._unavailable(request)
        return response

    def process_exception(self, request, exception):
        if is_unreachable(exception):
            return self._unavailable(request)
        return None

    def _unavailable(self, request):
        logger.error(
            "Database unavailable while serving %s",
            request.path,
            exc_info=sys.exc_info()[0] is not None,
            extra={"request": request},
        )
        return unavailable_response()
