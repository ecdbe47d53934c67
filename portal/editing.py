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
