"""What every editable record shares: revisions, drafts, review workflows, locking and preview."""

from wagtail.models import (
    DraftStateMixin,
    LockableMixin,
    PreviewableMixin,
    RevisionMixin,
    WorkflowMixin,
)
from wagtail.search import index


class EditorialMixin(WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin, PreviewableMixin, index.Indexed):
    """Mixed into every record editors keep: nothing is published without a revision, and the public
    site only reads live rows (querysets' ``live()``)."""

    class Meta:
        abstract = True


def unique_slug(obj, text, max_length=80):
    """A slug made from ``text`` that no other record of the same model uses ('japan', 'japan-2')."""
    from django.utils.text import slugify

    base = (slugify(text) or obj._meta.model_name)[: max_length - 4].strip("-")
    others = type(obj)._default_manager.exclude(pk=obj.pk) if obj.pk else type(obj)._default_manager.all()
    taken = set(others.filter(slug__startswith=base).values_list("slug", flat=True))
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


class SlugAndOrderMixin:
    """Editors may leave the slug empty (it is made from ``slug_source``), and a new record goes to
    the end of the book's order."""

    slug_source = "title"

    def clean(self):
        super().clean()
        self._fill_slug_and_order()

    def save(self, *args, **kwargs):
        self._fill_slug_and_order()
        super().save(*args, **kwargs)

    def _fill_slug_and_order(self):
        if not self.slug:
            source = self.slug_source(self) if callable(self.slug_source) else getattr(self, self.slug_source)
            self.slug = unique_slug(self, source, self._meta.get_field("slug").max_length)
        if self._state.adding and not self.book_order:
            last = type(self)._default_manager.order_by("-book_order").values_list("book_order", flat=True).first()
            self.book_order = (last or 0) + 1
