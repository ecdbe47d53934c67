"""The partners index: every live country and bloc with what Peru has with it, read in a fixed number
of queries whatever the number of partners, agreements, partnerships or initiatives.

A partner's agreements are counted as its page lists them: a country's own and those of the blocs it
is a published member of (the European Union's agreement is Germany's too); a bloc's own. Statuses are
today's (``Agreement.status``), not the book's."""

import unicodedata
from dataclasses import dataclass, field
from functools import cached_property

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from .models import PERU, Agreement, AgreementStatus, Partner
from .partner_map import partner_map

# How a country is shaded on the map when Peru has several things with it: the strongest wins. A
# trade agreement binds more than a mechanism of dialogue, one in force more than one signed, and one
# signed more than one being negotiated.
IN_FORCE, SIGNED, NEGOTIATING, PARTNERSHIP = "in_force", "signed", "negotiating", "partnership"
RELATIONSHIPS = [
    (IN_FORCE, _("Trade agreement in force")),
    (SIGNED, _("Trade agreement signed, not yet in force")),
    (NEGOTIATING, _("Trade agreement under negotiation")),
    (PARTNERSHIP, _("Strategic partnership or dialogue mechanism")),
]
RELATIONSHIP_LABELS = dict(RELATIONSHIPS)


@dataclass
class PartnerRow:
    """One partner and what Peru has with it."""

    partner: Partner
    agreements_by_status: dict = field(default_factory=dict)
    partnerships: int = 0
    initiatives: int = 0

    @property
    def in_force(self):
        return self.agreements_by_status.get(AgreementStatus.IN_FORCE, 0)

    @property
    def signed(self):
        return self.agreements_by_status.get(AgreementStatus.SIGNED, 0)

    @property
    def negotiating(self):
        return self.agreements_by_status.get(AgreementStatus.NEGOTIATING, 0)

    @property
    def agreements(self):
        return self.in_force + self.signed + self.negotiating

    @property
    def relationship(self):
        """The strongest relationship (see RELATIONSHIPS), or "" when the book records none."""
        for status, count in ((IN_FORCE, self.in_force), (SIGNED, self.signed), (NEGOTIATING, self.negotiating)):
            if count:
                return status
        return PARTNERSHIP if self.partnerships else ""

    @property
    def relationship_label(self):
        return RELATIONSHIP_LABELS.get(self.relationship, "")

    @property
    def name(self):
        return self.partner.localized.name


def partner_rows():
    """[PartnerRow] of every live partner, unordered: three queries."""
    partners = Partner.objects.live().annotate(
        partnerships_count=Count("partnerships", filter=Q(partnerships__live=True), distinct=True),
        initiatives_count=Count("initiatives", filter=Q(initiatives__live=True), distinct=True),
    )
    rows = {
        partner.pk: PartnerRow(partner, {}, partner.partnerships_count, partner.initiatives_count)
        for partner in partners
    }
    parties = Agreement.parties.through.objects.filter(agreement__live=True, partner__live=True)
    agreements_of = {}
    status_of = {}
    for partner_id, agreement_id, status in parties.values_list("partner_id", "agreement_id", "agreement__status"):
        agreements_of.setdefault(partner_id, set()).add(agreement_id)
        status_of[agreement_id] = status
    memberships = Partner.members.through.objects.filter(from_partner__live=True, to_partner__live=True)
    blocs_of = {}
    for bloc_id, member_id in memberships.values_list("from_partner_id", "to_partner_id"):
        blocs_of.setdefault(member_id, []).append(bloc_id)
    for partner_id, row in rows.items():
        agreements = set(agreements_of.get(partner_id, ()))
        if row.partner.is_country:
            for bloc_id in blocs_of.get(partner_id, ()):
                agreements |= agreements_of.get(bloc_id, set())
        for agreement_id in agreements:
            status = status_of[agreement_id]
            row.agreements_by_status[status] = row.agreements_by_status.get(status, 0) + 1
    return list(rows.values())


def folded(text):
    """For sorting names in either language: without case or accents (Ángola between Andorra and Austria)."""
    return "".join(c for c in unicodedata.normalize("NFKD", text.casefold()) if not unicodedata.combining(c))


def by_name(row):
    return folded(row.name)


def most(count):
    """Most first, then by name."""
    return lambda row: (-count(row), by_name(row))


# The ``sort`` parameter (a public URL): its values, their column headings and their orders.
SORTS = {
    "name": (_("Partner"), by_name),
    "region": (
        _("Region"),
        lambda row: (row.partner.region == "", folded(row.partner.get_region_display()), by_name(row)),
    ),
    "in_force": (_("In force"), most(lambda row: row.in_force)),
    "signed": (_("Signed"), most(lambda row: row.signed)),
    "negotiating": (_("Under negotiation"), most(lambda row: row.negotiating)),
    "agreements": (_("All agreements"), most(lambda row: row.agreements)),
    "partnerships": (_("Partnerships"), most(lambda row: row.partnerships)),
    "initiatives": (_("Initiatives"), most(lambda row: row.initiatives)),
}
DEFAULT_SORT = "name"


def sort_asked(request):
    """The ``sort`` asked for when it is one of SORTS, else the default (a bad value is no error)."""
    value = request.GET.get("sort", "")
    return value if value in SORTS else DEFAULT_SORT


def sorted_rows(rows, sort):
    return sorted(rows, key=SORTS[sort][1])


def relationship_counts(rows):
    """{relationship: how many countries are shaded so on the map}."""
    counts = dict.fromkeys(RELATIONSHIP_LABELS, 0)
    for row in rows:
        if row.partner.is_country and row.partner.code and row.partner.code != PERU and row.relationship:
            counts[row.relationship] += 1
    return counts


class PartnerIndex:
    """What the partners index shows, read only when a part of it is rendered (a page whose map and
    table come from cached fragments reads nothing)."""

    def __init__(self, sort=DEFAULT_SORT):
        self.sort = sort

    @cached_property
    def rows(self):
        return partner_rows()

    @cached_property
    def table(self):
        return sorted_rows(self.rows, self.sort)

    @cached_property
    def country_count(self):
        return sum(1 for row in self.rows if row.partner.is_country)

    @cached_property
    def grouping_count(self):
        return len(self.rows) - self.country_count

    @property
    def sort_label(self):
        return SORTS[self.sort][0]

    @cached_property
    def legend(self):
        """[(relationship, label, how many countries)] in the order of precedence."""
        counts = relationship_counts(self.rows)
        return [(key, label, counts[key]) for key, label in RELATIONSHIPS]

    @cached_property
    def map_svg(self):
        return partner_map(
            self.rows,
            str(_("Map of Peru's partners")),
            str(
                _(
                    "A world map: each country with which Peru has a trade agreement or a strategic partnership is "
                    "shaded by the strongest of them and links to its page. The table below lists every partner, "
                    "blocs and organizations included."
                )
            ),
        )
