"""The page django-axes answers once an account is locked out."""

from django.shortcuts import render
from django.utils.cache import add_never_cache_headers

from axes.helpers import get_client_username, get_cool_off, get_failure_limit


def lockout_response(request, original_response=None, credentials=None):
    """AXES_LOCKOUT_CALLABLE: the lockout page (templates/portal/lockout.html), status 429."""
    cool_off = get_cool_off(request)
    context = {
        "failure_limit": get_failure_limit(request, credentials),
        "username": get_client_username(request, credentials) or "",
        "minutes": max(1, int(cool_off.total_seconds() // 60)) if cool_off else 0,
    }
    response = render(request, "portal/lockout.html", context, status=429)
    add_never_cache_headers(response)
    return response
