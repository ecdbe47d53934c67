"""Admin listings, forms and inspect views for partners, agreements and partnerships."""

from django.db.models import F
from django.utils.translation import gettext_lazy as _

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    MultiFieldPanel,
    ObjectList,
    PublishingPanel,
    TabbedInterface,
)
from wagtail.admin.ui.tables import Column
from wagtail.snippets.views.snippets import SnippetViewSetGroup

import django_filters

from portal.foundations.admin import PortalSnippetViewSet, SafeExportIndexView, bilingual, searchable_choices
from portal.foundations.book_links import book_section_panel
from portal.foundations.listing import CountryFilter

from .models import NOT_VERIFIED_RECENTLY, Agreement, AgreementKind, AgreementStatus, Partner, Partnership, Region


class PartnerAdminFilterSet(WagtailFilterSet):
    class Meta:
        model = Partner
        fields = ["kind", "region", "live"]


class PartnerViewSet(PortalSnippetViewSet):
    model = Partner
    icon = "globe"
    menu_label = _("Partners")
    list_display = ["name", "short_name", "code", "kind", "region"]
    list_export = ["slug", "name", "name_es", "short_name", "code", "kind", "region"]
    filterset_class = PartnerAdminFilterSet
    copy_view_enabled = False
    panels = [
        FieldPanel("kind"),
        bilingual("name"),
        bilingual("short_name"),
        FieldRowPanel([FieldPanel("code"), FieldPanel("region")]),
        FieldPanel("slug"),
        searchable_choices("members"),
        bilingual("notes"),
        PublishingPanel(),
    ]


class AgreementAdminFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(choices=AgreementStatus.choices, label=_("Current status"))
    kind = django_filters.ChoiceFilter(choices=AgreementKind.choices, label=_("Kind"))
    region = django_filters.ChoiceFilter(choices=Region.choices, label=_("Region"), method="filter_region")
    year = django_filters.NumberFilter(field_name="book_year_start", label=_("Year in the book"))
    country = CountryFilter()
    verification = django_filters.ChoiceFilter(
        choices=[(NOT_VERIFIED_RECENTLY, _("Not verified in over a year, or never"))],
        label=_("Verification"),
        method="filter_verification",
    )

    class Meta:
        model = Agreement
        fields = ["status", "kind", "live"]

    def filter_region(self, queryset, name, value):
        return queryset.in_region(value)

    def filter_verification(self, queryset, name, value):
        return queryset.not_verified_recently()


class AgreementIndexView(SafeExportIndexView):
    """Sorting by 'last verified on' puts never-verified agreements with the oldest, on every database
    (PostgreSQL would put them last going up, SQLite first)."""

    def order_queryset(self, queryset):
        if self.ordering == "last_verified_on":
            return queryset.order_by(F("last_verified_on").asc(nulls_first=True), "book_order")
        if self.ordering == "-last_verified_on":
            return queryset.order_by(F("last_verified_on").desc(nulls_last=True), "book_order")
        return super().order_queryset(queryset)


class AgreementViewSet(PortalSnippetViewSet):
    model = Agreement
    index_view_class = AgreementIndexView
    icon = "doc-full"
    menu_label = _("Trade agreements")
    # Every column sorts (click its heading); computed ones sort by the field they show.
    list_display = [
        "title",
        "short_name",
        "status",
        Column("book_years", label=_("Years in the book"), sort_key="book_year_start"),
        "last_verified_on",
    ]
    list_export = ["slug", "title", "short_name", "kind", "status", "book_status", "book_years", "last_verified_on"]
    filterset_class = AgreementAdminFilterSet
    ordering = ["book_order", "title"]
    edit_handler = TabbedInterface(
        [
            ObjectList(
                [
                    bilingual("title"),
                    bilingual("short_name"),
                    FieldPanel("kind"),
                    FieldPanel("slug"),
                    searchable_choices("parties"),
                    bilingual("description"),
                    bilingual("notes"),
                ],
                heading=_("Agreement"),
            ),
            ObjectList(
                [
                    FieldPanel("status"),
                    FieldRowPanel([FieldPanel("signed_on"), FieldPanel("entered_into_force_on")]),
                    FieldPanel("dates_source"),
                    FieldPanel("last_verified_on"),
                    MultiFieldPanel(
                        [
                            FieldPanel("book_status", read_only=True),
                            bilingual("book_years_label", read_only=True),
                            FieldRowPanel(
                                [
                                    FieldPanel("book_year_start", read_only=True),
                                    FieldPanel("book_year_end", read_only=True),
                                ]
                            ),
                            bilingual("source_text", read_only=True),
                        ],
                        heading=_("As the book reports it (fixed)"),
                    ),
                    # Go-live and expiry dates: set in the status side panel ("Edit schedule").
                    PublishingPanel(),
                ],
                heading=_("Status and dates"),
            ),
            ObjectList(
                [
                    book_section_panel(),
                    FieldPanel("wto_rta_id"),
                    FieldPanel("sice_url"),
                    FieldPanel("official_text_url"),
                    FieldPanel("book_order"),
                ],
                heading=_("Sources and links"),
            ),
        ]
    )


class PartnershipAdminFilterSet(WagtailFilterSet):
    region = django_filters.ChoiceFilter(choices=Region.choices, field_name="partner__region", label=_("Region"))
    year = django_filters.NumberFilter(field_name="year_start", label=_("Year"))

    class Meta:
        model = Partnership
        fields = ["kind", "status", "live"]


class PartnershipViewSet(PortalSnippetViewSet):
    model = Partnership
    icon = "group"
    menu_label = _("Partnerships")
    list_display = ["partner", "kind", Column("years", label=_("Years"), sort_key="year_start"), "status"]
    filterset_class = PartnershipAdminFilterSet
    panels = [
        FieldPanel("partner"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("status")]),
        FieldRowPanel([FieldPanel("year_start"), FieldPanel("year_end")]),
        bilingual("years_label"),
        FieldPanel("slug"),
        bilingual("description"),
        bilingual("notes"),
        bilingual("source_text", read_only=True),
        book_section_panel(),
        FieldPanel("book_order"),
        PublishingPanel(),
    ]


class AgreementsGroup(SnippetViewSetGroup):
    menu_label = _("Agreements")
    menu_icon = "doc-full"
    menu_order = 200
    items = (AgreementViewSet, PartnerViewSet, PartnershipViewSet)
