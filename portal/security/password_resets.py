"""The admin's password reset, rate-limited: a few requests an hour from one address and for one
e-mail address, so nobody floods an editor's mailbox or the mail server."""

import hashlib

from django.core.cache import cache
from django.utils.translation import gettext_lazy as _

from wagtail.admin.views.account import PasswordResetView

from .lockout import client_address

PER_ADDRESS = 5
PER_EMAIL = 3
WINDOW_SECONDS = 60 * 60


def within_limit(key, limit):
    """Counts one more request for ``key`` in the current window; False once ``limit`` is passed."""
    cache.add(key, 0, WINDOW_SECONDS)
    try:
        return cache.incr(key) <= limit
    except ValueError:  # the key expired between add and incr
        cache.set(key, 1, WINDOW_SECONDS)
        return True


class RateLimitedPasswordResetView(PasswordResetView):
    def form_valid(self, form):
        email = hashlib.sha256(form.cleaned_data["email"].strip().lower().encode()).hexdigest()
        allowed = within_limit(f"password-reset:address:{client_address(self.request)}", PER_ADDRESS)
        allowed = within_limit(f"password-reset:email:{email}", PER_EMAIL) and allowed
        if not allowed:
            form.add_error(None, _("Too many password reset requests. Wait an hour, then try again."))
            response = self.form_invalid(form)
            response.status_code = 429
            return response
        return super().form_valid(form)
