"""The book in numbers, area by area: each area's figures and the comparisons the book itself makes
between some of them, drawn as bars beside their numbers."""

from dataclasses import dataclass
from functools import cached_property

from django.utils.translation import gettext_lazy as _

from portal.foundations.i18n import text_in_reading_language

from .figure_wording import amount, unit_words


@dataclass(frozen=True)
class Comparison:
    """Figures the book sets side by side, by slug, in the order of the bars. ``by`` names each bar:
    "period" (the same count at two dates) or "label" (different things counted alike)."""

    title: str
    slugs: tuple
    by: str = "label"


# The book's own comparisons (chapter III, digital and social diplomacy). A comparison is drawn only
# when all its figures are published.
COMPARISONS = (
    Comparison(
        _("South-South cooperation projects provided by Peru"),
        ("south-south-projects-2010", "south-south-projects-2021"),
        by="period",
    ),
    Comparison(
        _("Embassies and consulates with a Facebook page or a Twitter account"),
        ("embassies-on-facebook", "consulates-on-facebook", "embassies-on-twitter", "consulates-on-twitter"),
    ),
    Comparison(
        _("Followers of the Foreign Ministry's accounts and of its embassies and consulates"),
        (
            "ministry-accounts-followers",
            "embassies-facebook-followers",
            "consulates-facebook-followers",
            "embassies-twitter-followers",
            "consulates-twitter-followers",
        ),
    ),
)

# A place in a ranking, and the figure counting the ranking's entries ("16th of 50 ministries").
RANKED_AMONG = {"twiplomacy-world-rank": "twiplomacy-world-ranking-size"}


@dataclass
class Bar:
    figure: object
    label: str
    length: float  # percent of the longest bar
    with_unit: bool = True  # False when every bar counts the same unit, which the title then names

    @property
    def value_text(self):
        figure = self.figure
        qualifier = f"{figure.get_qualifier_display()} " if figure.qualifier != figure.Qualifier.EXACT else ""
        words = unit_words(figure)
        words = words if self.with_unit else ""
        return f"{qualifier}{amount(figure)}{' ' + words if words else ''}"


@dataclass
class DrawnComparison:
    title: str
    bars: list


@dataclass
class AreaFigures:
    area: object
    figures: list
    comparisons: list

    @property
    def shared_links(self):
        """A figure whose book section and initiative every figure of the area shares, when there
        are several: the area then links to them once instead of on each card."""

        def links(figure):
            return (figure.chapter_id, figure.section_anchor, figure.initiative_id)

        first = self.figures[0]
        if len(self.figures) > 1 and all(links(figure) == links(first) for figure in self.figures):
            return first
        return None


def draw(comparison, figures_by_slug):
    figures = [figures_by_slug.get(slug) for slug in comparison.slugs]
    if any(figure is None for figure in figures):
        return None
    longest = max(figure.value for figure in figures) or 1
    with_unit = len({figure.unit for figure in figures}) > 1
    bars = []
    for figure in figures:
        if comparison.by == "period":
            label = text_in_reading_language(figure, "period_label") or str(figure.year or "")
            label = label[:1].upper() + label[1:]
        else:
            label = text_in_reading_language(figure, "label")
        bars.append(Bar(figure, label, round(float(figure.value / longest) * 100, 1), with_unit))
    return DrawnComparison(str(comparison.title), bars)


class FiguresByArea:
    """The figures page's content from a queryset of figures in area order, read when first used:
    inside the page's cached fragment, so a cached page reads nothing."""

    def __init__(self, figures):
        self.queryset = figures

    @cached_property
    def areas(self):
        figures = list(self.queryset)
        by_slug = {figure.slug: figure for figure in figures}
        for slug, size_slug in RANKED_AMONG.items():
            if slug in by_slug and size_slug in by_slug:
                by_slug[slug].ranked_among = by_slug[size_slug]
        groups, by_area = [], {}
        for figure in figures:
            if figure.area_id not in by_area:
                by_area[figure.area_id] = AreaFigures(figure.area, [], [])
                groups.append(by_area[figure.area_id])
            by_area[figure.area_id].figures.append(figure)
        for comparison in COMPARISONS:
            drawn = draw(comparison, by_slug)
            if drawn is not None:
                by_area[drawn.bars[0].figure.area_id].comparisons.append(drawn)
        return groups

    def __bool__(self):
        return bool(self.areas)
