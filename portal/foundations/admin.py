"""What every record's admin shares."""

from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet

from .folding import WORD
from .spreadsheets import neutralized


class SafeExportIndexView(IndexView):
    """The admin listing: its search reads words only (SQLite's full-text search fails on a stray
    quote or operator), and its CSV export neutralizes formulas (its Excel export already writes
    every text as text)."""

    def search_queryset(self, queryset):
        if self.is_searching:
            self.search_query = " ".join(WORD.findall(self.search_query))
            if not self.search_query:
                return queryset.none()
        return super().search_queryset(queryset)

    def preprocess_field_value(self, field, value, export_format):
        value = super().preprocess_field_value(field, value, export_format)
        return neutralized(value) if export_format == self.FORMAT_CSV else value


class PortalSnippetViewSet(SnippetViewSet):
    """The admin of a record type: listings whose exports are safe to open, an inspect view."""

    index_view_class = SafeExportIndexView
    inspect_view_enabled = True


def bilingual(name, **english):
    """A field and its Spanish twin (``name_es``), side by side in the editing form."""
    return FieldRowPanel([FieldPanel(name, **english), FieldPanel(f"{name}_es")])
