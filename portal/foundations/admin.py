"""What every record's admin shares."""

from wagtail.snippets.views.snippets import IndexView, SnippetViewSet

from .spreadsheets import neutralized


class SafeExportIndexView(IndexView):
    """The admin listing, whose CSV export neutralizes formulas (its Excel export already writes every
    text as text)."""

    def preprocess_field_value(self, field, value, export_format):
        value = super().preprocess_field_value(field, value, export_format)
        return neutralized(value) if export_format == self.FORMAT_CSV else value


class PortalSnippetViewSet(SnippetViewSet):
    """The admin of a record type: listings whose exports are safe to open, an inspect view."""

    index_view_class = SafeExportIndexView
    inspect_view_enabled = True
