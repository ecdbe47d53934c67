"""The admin dashboard's panel: the portal's state at a glance."""

import datetime

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone

from wagtail.admin.ui.components import Component
from wagtail.models import WorkflowState

STALE_AFTER = datetime.timedelta(days=365)


class PortalStatePanel(Component):
    name = "portal_state"
    template_name = "wagtailadmin/home/portal_state.html"
    order = 50

    def get_context_data(self, parent_context=None):
        from agreements.models import Agreement, AgreementStatus
        from diplomacy.models import Initiative, InitiativeStatus, KeyFigure

        stale_before = timezone.localdate() - STALE_AFTER
        not_verified = Q(last_verified_on__isnull=True) | Q(last_verified_on__lt=stale_before)
        agreement_counts = dict(Agreement.objects.live().values_list("status").annotate(n=Count("pk")).order_by())
        initiative_counts = dict(Initiative.objects.live().values_list("status").annotate(n=Count("pk")).order_by())
        return {
            "agreements": [(label, agreement_counts.get(value, 0)) for value, label in AgreementStatus.choices],
            "initiatives": [(label, initiative_counts.get(value, 0)) for value, label in InitiativeStatus.choices],
            "figures": KeyFigure.objects.live().count(),
            "awaiting_review": WorkflowState.objects.active().count(),
            "unpublished_changes": sum(
                model.objects.filter(has_unpublished_changes=True).count()
                for model in (Agreement, Initiative, KeyFigure)
            ),
            "stale_count": Agreement.objects.live().filter(not_verified).count(),
            "stale": Agreement.objects.live().filter(not_verified).order_by("last_verified_on", "book_order")[:8],
            "agreements_url": reverse("wagtailsnippets_agreements_agreement:list"),
            "workflows_url": reverse("wagtailadmin_reports:workflow"),
        }
