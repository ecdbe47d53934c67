"""The Content-Security-Policy per kind of response (django-csp). Static files get theirs from
WHITENOISE_ADD_HEADERS_FUNCTION in the settings."""

from django.conf import settings

from csp.middleware import CSPMiddleware

from portal.foundations.navigation import admin_prefix


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware with three policies: CONTENT_SECURITY_POLICY for the public site, the
    laxer PORTAL_ADMIN_CSP for Wagtail's admin (its templates still use inline scripts and styles), and
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
        return parts
