"""Admin listings, forms and inspect views for areas, initiatives and key figures."""

from django import forms
from django.utils.translation import gettext_lazy as _

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, PublishingPanel
from wagtail.admin.ui.tables import Column
from wagtail.snippets.views.snippets import SnippetViewSetGroup

import django_filters

from portal.foundations.admin import PortalSnippetViewSet, bilingual, searchable_choices
from portal.foundations.book_links import book_section_panel
from portal.foundations.listing import CountryFilter

from .models import Area, Initiative, KeyFigure


class AreaViewSet(PortalSnippetViewSet):
    model = Area
    icon = "folder-open-inverse"
    menu_label = _("Areas of diplomacy")
    list_display = ["name", "slug", "order"]
    ordering = ["order"]
    copy_view_enabled = False
    panels = [
        bilingual("name"),
        FieldPanel("slug"),
        bilingual("summary"),
        FieldPanel("order"),
        book_section_panel(),
        PublishingPanel(),
    ]


class InitiativeAdminFilterSet(WagtailFilterSet):
    year = django_filters.NumberFilter(field_name="start_year", label=_("Year"))
    country = CountryFilter()

    class Meta:
        model = Initiative
        fields = ["area", "status", "live"]


class InitiativeViewSet(PortalSnippetViewSet):
    model = Initiative
    icon = "tasks"
    menu_label = _("Initiatives")
    # Every column sorts (click its heading); computed ones sort by the field they show.
    list_display = ["title", "area", Column("when", label=_("When"), sort_key="start_year"), "status"]
    list_export = ["slug", "title", "area", "when", "status"]
    filterset_class = InitiativeAdminFilterSet
    ordering = ["book_order"]
    panels = [
        bilingual("title"),
        FieldPanel("slug"),
        FieldRowPanel([FieldPanel("area"), FieldPanel("status")]),
        FieldPanel("secondary_areas", widget=forms.CheckboxSelectMultiple),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("start_year"), FieldPanel("start_month"), FieldPanel("start_day")]),
                FieldRowPanel([FieldPanel("end_year"), FieldPanel("end_month"), FieldPanel("end_day")]),
                bilingual("when_label"),
            ],
            heading=_("When"),
        ),
        searchable_choices("partners"),
        searchable_choices("agreements"),
        bilingual("description"),
        bilingual("outcomes"),
        bilingual("source_text"),
        bilingual("notes"),
        book_section_panel(),
        FieldPanel("book_order"),
        PublishingPanel(),
    ]


class KeyFigureAdminFilterSet(WagtailFilterSet):
    class Meta:
        model = KeyFigure
        fields = ["area", "qualifier", "year", "live"]


class KeyFigureViewSet(PortalSnippetViewSet):
    model = KeyFigure
    icon = "table"
    menu_label = _("Key figures")
    list_display = [
        "label",
        Column("display_value", label=_("Value"), sort_key="value"),
        "unit",
        "area",
        "period_label",
    ]
    filterset_class = KeyFigureAdminFilterSet
    ordering = ["book_order"]
    panels = [
        bilingual("label"),
        FieldPanel("slug"),
        FieldRowPanel([FieldPanel("qualifier"), FieldPanel("value"), FieldPanel("year")]),
        bilingual("unit"),
        bilingual("period_label"),
        FieldRowPanel([FieldPanel("area"), FieldPanel("initiative")]),
        bilingual("details"),
        bilingual("source_text"),
        bilingual("notes"),
        book_section_panel(),
        FieldPanel("book_order"),
        PublishingPanel(),
    ]


class DiplomacyGroup(SnippetViewSetGroup):
    menu_label = _("Diplomacy")
    menu_icon = "site"
    menu_order = 210
    items = (InitiativeViewSet, KeyFigureViewSet, AreaViewSet)
