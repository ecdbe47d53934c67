from wagtail.snippets.models import register_snippet

from .viewsets import DiplomacyGroup

register_snippet(DiplomacyGroup)
