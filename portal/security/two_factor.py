"""Two-factor authentication for Wagtail's admin, with django-otp's TOTP devices (authenticator apps).

Off unless ADMIN_2FA_ENABLED: then nothing here changes anything for anyone. When on, any admin user
may set up a device on the "Two-factor authentication" page (account menu); superusers and members
of ADMIN_2FA_REQUIRED_GROUPS must set one up and enter a code before any other admin page; everyone
else is asked for a code only if they have a device. Public pages are never affected.

The settings are read at each request, so a test can switch the feature on and off."""

import base64
import io

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.shortcuts import redirect
from django.urls import Resolver404, path, resolve, reverse
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.generic import FormView

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

import django_otp
import qrcode
import qrcode.image.svg
from django_otp.middleware import OTPMiddleware
from django_otp.plugins.otp_totp.models import TOTPDevice

from portal.foundations.navigation import admin_prefix

SETUP_URL_NAME = "portal_two_factor"
VERIFY_URL_NAME = "portal_two_factor_verify"
# Admin URLs an unverified user may still open: signing in and out, the verification page, and what
# those pages load.
ALWAYS_ALLOWED = {
    "wagtailadmin_login",
    "wagtailadmin_logout",
    "wagtailadmin_javascript_catalog",
    "wagtailadmin_sprite",
    VERIFY_URL_NAME,
}


def enabled():
    return getattr(settings, "ADMIN_2FA_ENABLED", False)


def required_for(user):
    """Superusers and members of ADMIN_2FA_REQUIRED_GROUPS must use a device."""
    if user.is_superuser:
        return True
    groups = getattr(settings, "ADMIN_2FA_REQUIRED_GROUPS", [])
    return bool(groups) and user.groups.filter(name__in=groups).exists()


def confirmed_device(user):
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).order_by("pk").first()


def _url_name(request):
    try:
        return resolve(request.path_info).url_name
    except Resolver404:
        return None


class TwoFactorMiddleware(OTPMiddleware):
    """django-otp's OTPMiddleware (request.user.is_verified()) plus the admin's gate. Goes after
    AuthenticationMiddleware and MessageMiddleware."""

    sync_capable = True
    async_capable = False

    def __call__(self, request):
        if not enabled():
            return self.get_response(request)
        self._install_lazy_accessors(request)
        return self._gate(request) or self.get_response(request)

    def _gate(self, request):
        if not request.path_info.startswith(admin_prefix()):
            return None
        user = request.user
        if not user.is_authenticated or not user.has_perm("wagtailadmin.access_admin") or user.is_verified():
            return None
        url_name = _url_name(request)
        if url_name in ALWAYS_ALLOWED:
            return None
        if django_otp.user_has_device(user, confirmed=True):
            return redirect_to_login(request.get_full_path(), reverse(VERIFY_URL_NAME))
        if required_for(user):
            if url_name == SETUP_URL_NAME:
                return None
            return redirect_to_login(request.get_full_path(), reverse(SETUP_URL_NAME))
        return None


def _safe_next(request, default):
    url = request.POST.get(REDIRECT_FIELD_NAME) or request.GET.get(REDIRECT_FIELD_NAME) or ""
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return default


def qr_code_data_uri(text):
    """The QR code as an SVG data: URI on a white background, readable in the dark theme too (the
    admin's Content-Security-Policy allows data: images)."""
    out = io.BytesIO()
    qrcode.make(text, image_factory=qrcode.image.svg.SvgPathFillImage, box_size=8, border=2).save(out)
    return "data:image/svg+xml;base64," + base64.b64encode(out.getvalue()).decode()


class TokenForm(forms.Form):
    otp_token = forms.CharField(
        label=_("Code from your authenticator app"),
        max_length=8,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True, "size": 8}
        ),
    )

    def __init__(self, *args, device=None, **kwargs):
        self.device = device
        super().__init__(*args, **kwargs)

    def clean_otp_token(self):
        token = self.cleaned_data["otp_token"].strip().replace(" ", "")
        allowed, _details = self.device.verify_is_allowed()
        if not allowed:
            raise forms.ValidationError(
                _("Too many wrong codes in a row: wait a few seconds, then enter the current code."),
                code="throttled",
            )
        if not self.device.verify_token(token):
            raise forms.ValidationError(
                _("That code is not valid. Enter the 6-digit code your app shows now (it changes every 30 seconds)."),
                code="invalid",
            )
        return token


class RemoveDeviceForm(forms.Form):
    password = forms.CharField(label=_("Your password"), strip=False, widget=forms.PasswordInput)

    def __init__(self, *args, user=None, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("That is not your password."), code="invalid")
        return password


@method_decorator([never_cache, sensitive_post_parameters()], name="dispatch")
class TwoFactorBaseView(WagtailAdminTemplateMixin, FormView):
    header_icon = "key"

    def dispatch(self, request, *args, **kwargs):
        if not enabled():
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["next"] = _safe_next(self.request, "")
        context["required"] = required_for(self.request.user)
        return context


class SetupView(TwoFactorBaseView):
    """Set up an authenticator app (a QR code, then a code from the app to confirm it), or, once set
    up, see it and remove it."""

    template_name = "two_factor/setup.html"
    page_title = _("Two-factor authentication")
    breadcrumbs_items = []

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.device = None

    def dispatch(self, request, *args, **kwargs):
        if enabled() and request.user.is_authenticated:
            self.device = confirmed_device(request.user)
        return super().dispatch(request, *args, **kwargs)

    def pending_device(self):
        """The device being set up: kept until confirmed, so reloading the page keeps the same QR code."""
        user = self.request.user
        device = TOTPDevice.objects.devices_for_user(user, confirmed=False).order_by("pk").first()
        return device or TOTPDevice.objects.create(user=user, name=str(_("Authenticator app")), confirmed=False)

    def get_form_class(self):
        return RemoveDeviceForm if self.device else TokenForm

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        if self.device:
            kwargs["user"] = self.request.user
        else:
            self.pending = self.pending_device()
            kwargs["device"] = self.pending
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["device"] = self.device
        if not self.device:
            context["qr_code"] = qr_code_data_uri(self.pending.config_url)
            secret = base64.b32encode(self.pending.bin_key).decode()
            context["secret"] = " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))
        return context

    def form_valid(self, form):
        user = self.request.user
        if self.device:
            TOTPDevice.objects.filter(user=user).delete()
            messages.success(self.request, _("Two-factor authentication removed from your account."))
            return redirect(SETUP_URL_NAME)
        device = form.device
        device.confirmed = True
        device.save()
        TOTPDevice.objects.devices_for_user(user, confirmed=False).delete()
        django_otp.login(self.request, device)
        messages.success(
            self.request, _("Two-factor authentication is on: you will be asked for a code at each sign-in.")
        )
        return redirect(_safe_next(self.request, reverse("wagtailadmin_home")))


class VerifyView(TwoFactorBaseView):
    """After signing in: the code from the user's authenticator app."""

    template_name = "two_factor/verify.html"
    form_class = TokenForm
    page_title = _("Enter your two-factor authentication code")

    def dispatch(self, request, *args, **kwargs):
        if enabled() and request.user.is_authenticated:
            self.device = confirmed_device(request.user)
            if self.device is None or request.user.is_verified():
                return redirect(_safe_next(request, reverse("wagtailadmin_home")))
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "device": self.device}

    def form_valid(self, form):
        django_otp.login(self.request, self.device)
        return redirect(_safe_next(self.request, reverse("wagtailadmin_home")))


def admin_urls():
    """For the register_admin_urls hook (Wagtail requires admin access on these)."""
    return [
        path("two-factor/", SetupView.as_view(), name=SETUP_URL_NAME),
        path("two-factor/verify/", VerifyView.as_view(), name=VERIFY_URL_NAME),
    ]


def account_menu_item(request):
    """For the register_account_menu_item hook: the setup page, listed in the account settings."""
    if not enabled():
        return None
    return {
        "url": reverse(SETUP_URL_NAME),
        "label": _("Two-factor authentication"),
        "help_text": _("Ask for a code from an authenticator app when you sign in."),
    }
