"""The admin dashboard's panels: the portal's state at a glance (registered in wagtail_hooks.py)."""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Count, F, Max, Q
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.text import capfirst

from wagtail.admin.ui.components import Component
from wagtail.models import Page, WorkflowState

from wagtail_localize.models import StringTranslation, Translation

from agreements.models import NOT_VERIFIED_RECENTLY, Agreement, AgreementStatus
from diplomacy.models import Initiative, InitiativeStatus
from portal.foundations.records import record_types


def stale_agreements():
    """Published agreements never verified, or last verified more than a year ago: oldest first."""
    return (
        Agreement.objects.live()
        .not_verified_recently()
        .order_by(F("last_verified_on").asc(nulls_first=True), "book_order")
    )


def stale_agreements_listing_url():
    """The admin listing of trade agreements filtered to the published ones to verify, least recently
    verified first: the same agreements as the panel's."""
    query = {"verification": NOT_VERIFIED_RECENTLY, "live": "true", "ordering": "last_verified_on"}
    return reverse(Agreement.snippet_viewset.get_url_name("list")) + "?" + urlencode(query)


class PortalStatePanel(Component):
    """How many pages and records are published, have unpublished changes, were never published or
    are in review; and the published agreements and initiatives by status."""

    name = "portal_state"
    template_name = "wagtailadmin/home/portal_state.html"
    order = 50

    def get_context_data(self, parent_context=None):
        in_review = dict(
            WorkflowState.objects.active().values_list("base_content_type").annotate(n=Count("pk")).order_by()
        )
        counts = Count("pk")
        published = Count("pk", filter=Q(live=True))
        changed = Count("pk", filter=Q(live=True, has_unpublished_changes=True))
        drafts = Count("pk", filter=Q(live=False))
        rows = []
        page_type = ContentType.objects.get_for_model(Page)
        pages = Page.objects.filter(depth__gt=1).aggregate(
            total=counts, published=published, changed=changed, drafts=drafts
        )
        rows.append({"label": Page._meta.verbose_name_plural, **pages, "in_review": in_review.get(page_type.pk, 0)})
        for model in record_types():
            numbers = model.objects.aggregate(total=counts, published=published, changed=changed, drafts=drafts)
            content_type = ContentType.objects.get_for_model(model)
            rows.append(
                {
                    "label": model._meta.verbose_name_plural,
                    "url": reverse(model.snippet_viewset.get_url_name("list")),
                    **numbers,
                    "in_review": in_review.get(content_type.pk, 0),
                }
            )
        agreement_counts = dict(Agreement.objects.live().values_list("status").annotate(n=Count("pk")).order_by())
        initiative_counts = dict(Initiative.objects.live().values_list("status").annotate(n=Count("pk")).order_by())
        return {
            "rows": rows,
            "agreements": [(label, agreement_counts.get(value, 0)) for value, label in AgreementStatus.choices],
            "initiatives": [(label, initiative_counts.get(value, 0)) for value, label in InitiativeStatus.choices],
        }


class AwaitingReviewPanel(Component):
    """Everything submitted for review and not yet approved, whoever may act on it (Wagtail's own
    "Awaiting your review" panel shows moderators what they can approve)."""

    name = "portal_awaiting_review"
    template_name = "wagtailadmin/home/portal_awaiting_review.html"
    order = 230  # after Wagtail's "Awaiting your review" (220)
    limit = 10

    def get_context_data(self, parent_context=None):
        states = (
            WorkflowState.objects.active()
            .select_related("requested_by", "current_task_state__task")
            .prefetch_related("content_object")
            .order_by("-created_at")
        )
        items = []
        for state in states[: self.limit]:
            obj = state.content_object
            if obj is None:
                continue
            model = obj.specific_class if isinstance(obj, Page) else type(obj)
            items.append({"state": state, "obj": obj, "kind": capfirst(model._meta.verbose_name)})
        return {"items": items, "total": states.count(), "report_url": reverse("wagtailadmin_reports:workflow")}


class StaleAgreementsPanel(Component):
    """Published agreements whose status was not verified in over a year (or never)."""

    name = "portal_stale_agreements"
    template_name = "wagtailadmin/home/portal_stale_agreements.html"
    order = 240
    limit = 8

    def get_context_data(self, parent_context=None):
        agreements = stale_agreements()
        return {
            "total": agreements.count(),
            "agreements": list(agreements[: self.limit]),
            "listing_url": stale_agreements_listing_url(),
        }


class TranslationsToPublishPanel(Component):
    """Translations of the book's pages whose segments editors have changed since the translated page
    was last published: what a moderator has to review and publish (wagtail-localize's translation
    editor publishes; editors may translate, not publish)."""

    name = "portal_translations_to_publish"
    template_name = "wagtailadmin/home/portal_translations_to_publish.html"
    order = 235

    def get_context_data(self, parent_context=None):
        items = []
        translations = Translation.objects.filter(enabled=True).select_related("source", "target_locale")
        for translation in translations:
            try:
                target = translation.get_target_instance()
            except ObjectDoesNotExist:
                continue
            if not isinstance(target, Page):
                continue
            changed = StringTranslation.objects.filter(
                context__object_id=translation.source.object_id, locale=translation.target_locale
            ).aggregate(latest=Max("updated_at"), by=Max("last_translated_by__username"))
            published = target.last_published_at
            if changed["latest"] and (published is None or changed["latest"] > published):
                items.append({"page": target.specific, "changed_at": changed["latest"], "translation": translation})
        return {"items": items}


def homepage_panels():
    return [PortalStatePanel(), AwaitingReviewPanel(), TranslationsToPublishPanel(), StaleAgreementsPanel()]
