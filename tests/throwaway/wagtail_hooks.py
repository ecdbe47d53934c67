from wagtail.snippets.models import register_snippet

from .models import Treaty

register_snippet(Treaty)
