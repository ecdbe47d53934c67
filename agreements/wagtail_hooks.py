from wagtail.snippets.models import register_snippet

from .viewsets import AgreementsGroup

register_snippet(AgreementsGroup)
