"""Who is asking: a visitor with no credentials of any kind gets the shared, cacheable and
compressible answers; anyone holding a session, a CSRF token or an Authorization header does not."""

from django.conf import settings


def is_anonymous(request):
    if "HTTP_AUTHORIZATION" in request.META:
        return False
    return settings.SESSION_COOKIE_NAME not in request.COOKIES and settings.CSRF_COOKIE_NAME not in request.COOKIES
