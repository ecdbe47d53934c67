from wagtail.snippets.models import register_snippet

from .viewsets import BookGroup

register_snippet(BookGroup)
