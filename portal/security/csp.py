"""The Content-Security-Policy per kind of response (django-csp). Static files get theirs from
WHITENOISE_ADD_HEADERS_FUNCTION in the settings."""

from django.conf import settings

from csp.middleware import CSPMiddleware

from portal.foundations.navigation import admin_prefix


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware with four policies: CONTENT_SECURITY_POLICY for the public site; the
    same for an editor's preview, which the admin shows in a frame of its own; the laxer
    PORTAL_ADMIN_CSP for Wagtail's admin (its templates still use inline scripts and styles); and
    nothing-allowed for SVG images and attachments."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if report_only or parts.config is not None:
            return parts
        content_type = response.get("Content-Type", "")
        if content_type.startswith("image/svg") or response.get("Content-Disposition", "").startswith("attachment"):
            parts.config = {"default-src": ["'none'"], "frame-ancestors": ["'none'"]}
        elif request.path_info.startswith(admin_prefix()):
            parts.config = settings.PORTAL_ADMIN_CSP
        elif getattr(request, "is_preview", False):
            # Wagtail renders a preview through the whole middleware chain on a request for the
            # record's public address; the admin frames it.
            parts.config = {**settings.CONTENT_SECURITY_POLICY["DIRECTIVES"], "frame-ancestors": ["'self'"]}
        return parts
