"""Deployment checks of the portal's own (``manage.py check --deploy``)."""

from django.conf import settings
from django.core.checks import Tags, Warning, register


@register(Tags.security, deploy=True)
def email_is_configured(app_configs, **kwargs):
    if getattr(settings, "EMAIL_CONFIGURED", True):
        return []
    return [
        Warning(
            "No e-mail server is configured: password resets and review notifications will not be sent.",
            hint="Set EMAIL_URL (smtp://user:password@host:587) or EMAIL_HOST and its companions (docs/deployment.md).",
            id="portal.W001",
        )
    ]
