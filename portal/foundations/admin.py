"""What every record's admin shares."""

from django import forms
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.admin.utils import get_latest_str
from wagtail.snippets.views.snippets import CreateView, EditView, IndexView, SnippetViewSet

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


# What an editor is told after saving. Wagtail's "…updated." (a draft) and "…updated and published."
# differ by two words at the end of a line; these say first whether visitors can see it.
DRAFT_SAVED = _("Draft saved — not public yet. %(model_name)s “%(object)s”: publish it or submit it for review.")
DRAFT_SAVED_OVER_LIVE = _(
    "Draft saved — not public yet. %(model_name)s “%(object)s”: the public site still shows the last "
    "published version until this draft is published."
)
PUBLISHED = _("Published. %(model_name)s “%(object)s” is now on the public site.")


def plain_save_message(model_name, title, *, published, live):
    """The message after saving a draft (``published=False``) or publishing a page or record."""
    if published:
        message = PUBLISHED
    else:
        message = DRAFT_SAVED_OVER_LIVE if live else DRAFT_SAVED
    return message % {"model_name": capfirst(model_name), "object": title}


class PlainMessagesMixin:
    """Snippet create and edit views whose messages say plainly whether the record is public."""

    def get_success_message(self, instance=None):
        obj = instance or self.object
        if not self.draftstate_enabled:
            return super().get_success_message(instance)
        scheduled = obj.go_live_at and obj.go_live_at > timezone.now()
        if self.action in ("create", "edit"):
            published = False
        elif self.action == "publish" and not scheduled:
            published = True
        else:
            return super().get_success_message(instance)
        return plain_save_message(
            self.model._meta.verbose_name, get_latest_str(obj), published=published, live=obj.live
        )


class PlainMessagesCreateView(PlainMessagesMixin, CreateView):
    pass


class PlainMessagesEditView(PlainMessagesMixin, EditView):
    pass


class PortalSnippetViewSet(SnippetViewSet):
    """The admin of a record type: listings whose exports are safe to open, an inspect view, and
    messages that say whether a save made the record public."""

    index_view_class = SafeExportIndexView
    add_view_class = PlainMessagesCreateView
    edit_view_class = PlainMessagesEditView
    inspect_view_enabled = True


def bilingual(name, **english):
    """A field and its Spanish twin (``name_es``), side by side in the editing form."""
    return FieldRowPanel([FieldPanel(name, **english), FieldPanel(f"{name}_es")])


class SearchableCheckboxes(forms.CheckboxSelectMultiple):
    """Checkboxes for a long list (an agreement's parties among some ninety partners) with a box that
    narrows the list as the editor types (accents and case ignored) and the names already chosen
    listed above it. Wagtail's choosers pick one object per field, or need an inline through-model
    for several; the ticked boxes keep posting the same form data, so the many-to-many relations,
    their revisions and every reader of them stay as they are."""

    wrapper_template_name = "wagtailadmin/widgets/portal_searchable_checkboxes.html"

    class Media:
        js = ["portal/admin/searchable-checkboxes.js"]

    def render(self, name, value, attrs=None, renderer=None):
        # Django's own checkboxes, inside the search box's wrapper (a project template: the form
        # renderer reads only Django's and the apps' templates).
        checkboxes = super().render(name, value, attrs, renderer)
        return render_to_string(self.wrapper_template_name, {"checkboxes": checkboxes})


def searchable_choices(name):
    """A many-to-many field chosen from a long list: the searchable checkboxes above."""
    return FieldPanel(name, widget=SearchableCheckboxes)
