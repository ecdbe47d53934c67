"""The admin login's lockout (django-axes): whose address counts, and the page it answers."""

import ipaddress

from django.conf import settings
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


def client_address(request):
    """AXES_CLIENT_IP_CALLABLE: the visitor's address. Behind TRUSTED_PROXY_COUNT proxies, each of
    which appends the address it received the request from to X-Forwarded-For, the client is the
    entry that many places from the end (what the client itself wrote there is never trusted);
    without proxies, the connection's own address."""
    count = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    remote = request.META.get("REMOTE_ADDR", "")
    if count:
        hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
        if len(hops) >= count:
            try:
                return str(ipaddress.ip_address(hops[-count]))
            except ValueError:
                pass
    return remote
