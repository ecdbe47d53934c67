"""The two timelines, server-rendered without JavaScript or a chart library, each in two layouts: an
SVG drawn at its own size (never scaled down, so its labels keep their size) for wide screens, and a
list by year for narrow ones. Each mark is a link to its record; the SVG shows a mark's details in a
band above the plot while the mark is pointed at or focused. A data table holds the same facts."""

import textwrap
from collections import defaultdict
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from .models import AgreementStatus, Partnership

WIDTH = 760  # the SVG's width in CSS pixels: the stylesheet shows it only where it fits unscaled
FONT_SIZE = 13
LINE_HEIGHT = 17
LEFT, RIGHT, BOTTOM = 40, 20, 34
BAND_TOP = 6  # the details band, above the plot
STEP = 16  # vertical distance between stacked marks
ROW = 24  # height of a partnership's row
UNDATED_GAP = 64  # space between the last year and the "no year" column
# Characters per line of a mark's details: about 6.5 px per character at 13 px (Arial) in the
# band's width, with some room to spare for wide letters.
DETAILS_CHARACTERS = 96
DETAILS_LINES = 3


@dataclass
class Mark:
    x: float | None
    y: float
    status: str
    label: str
    url: str
    when: str
    x_end: float | None = None
    status_label: str = ""
    kind_label: str = ""

    @property
    def details(self):
        """What the band shows for this mark: [(baseline, line)], the name first, in lines that fit."""
        facts = " · ".join(part for part in (self.when, self.kind_label, self.status_label) if part)
        lines = textwrap.wrap(self.label, DETAILS_CHARACTERS) + textwrap.wrap(facts, DETAILS_CHARACTERS)
        if len(lines) > DETAILS_LINES:
            lines = [*lines[: DETAILS_LINES - 1], " ".join(lines[DETAILS_LINES - 1 :])]
        return [(BAND_TOP + LINE_HEIGHT * (n + 1) - 2, line) for n, line in enumerate(lines)]

    @property
    def accessible_name(self):
        return ", ".join(part for part in (self.label, self.when, self.kind_label, self.status_label) if part)


@dataclass
class Group:
    """One step of the narrow layout: a year (or "no year") and its marks."""

    label: str
    marks: list
    undated: bool = False  # the marks' "no year" goes without saying


@dataclass
class Chart:
    width: int
    height: int
    title: str
    desc: str
    axis_y: float
    name: str = "timeline"  # prefix of the ids of the chart's parts
    ticks: list = field(default_factory=list)  # [(x, label)]
    marks: list = field(default_factory=list)
    legend: list = field(default_factory=list)  # [(status, label)]
    groups: list = field(default_factory=list)  # the narrow layout
    rows: list = field(default_factory=list)  # for the data table
    undated_x: float | None = None
    label_x: float | None = None
    axis_x: float = LEFT
    axis_x_end: float = WIDTH - RIGHT
    band_height: float = 0
    plot_top: float = 0
    font_size: int = FONT_SIZE

    @property
    def view_box(self):
        return f"0 0 {self.width} {self.height}"

    @property
    def band_x(self):
        return LEFT - 30

    @property
    def band_top(self):
        return BAND_TOP

    @property
    def band_hint_y(self):
        return BAND_TOP + LINE_HEIGHT - 2


def _band_height():
    return LINE_HEIGHT * DETAILS_LINES + 6


def _ticks(first, last):
    """Every year for short spans, else every fifth or tenth year."""
    span = last - first
    every = 1 if span <= 15 else 5 if span <= 40 else 10
    start = first if every == 1 else (first // every + 1) * every if first % every else first
    return list(range(start, last + 1, every))


def _scale(first, last, x0, x1):
    span = max(last - first, 1)
    return lambda year: round(x0 + (year - first) * (x1 - x0) / span, 1)


def _labels(choices):
    return {value: str(label) for value, label in choices}


def agreements_chart(agreements):
    """Agreements stacked by year (``year`` from ``with_years()``), one mark each, shaped by current
    status; spans such as 2006-2010 are drawn as a line to their last year. Agreements without a year
    (still under negotiation) are stacked in a last "no year" column."""
    agreements = list(agreements)
    dated = [a for a in agreements if a.year]
    undated = [a for a in agreements if not a.year]
    by_year = defaultdict(list)
    for agreement in dated:
        by_year[agreement.year].append(agreement)
    tallest = max([len(group) for group in by_year.values()] + [len(undated), 1])
    plot_top = BAND_TOP + _band_height() + 14
    height = plot_top + tallest * STEP + BOTTOM
    axis_y = height - BOTTOM
    statuses = _labels(AgreementStatus.choices)

    chart = Chart(WIDTH, height, _("Peru's trade agreements by year and current status"), "", axis_y)
    chart.name = "agreements-timeline"
    chart.band_height, chart.plot_top = _band_height(), plot_top
    chart.legend = list(statuses.items())

    def mark(agreement, x, level, when, x_end=None):
        return Mark(
            x,
            axis_y - 10 - level * STEP,
            agreement.status,
            agreement.localized.title,
            agreement.get_absolute_url(),
            when,
            x_end,
            status_label=statuses.get(agreement.status, ""),
        )

    plot_right = WIDTH - RIGHT - (UNDATED_GAP if undated else 0)
    if dated:
        first = min(by_year)
        last = max(a.year_last or a.year for a in dated)
        x = _scale(first, last, LEFT, plot_right)
        chart.ticks = [(x(year), str(year)) for year in _ticks(first, last)]
        for year in sorted(by_year):
            marks = []
            for level, agreement in enumerate(by_year[year]):
                end = agreement.year_last if agreement.year_last and agreement.year_last != year else None
                when = agreement.localized.book_years or str(year)
                marks.append(mark(agreement, x(year), level, when, x(end) if end else None))
            chart.marks += marks
            chart.groups.append(Group(str(year), marks))
    if undated:
        chart.undated_x = WIDTH - RIGHT - 16
        marks = [mark(agreement, chart.undated_x, level, _("no year")) for level, agreement in enumerate(undated)]
        chart.marks += marks
        chart.groups.append(Group(_("No year given"), marks, undated=True))

    codes = list(statuses)
    for year in sorted(by_year):
        chart.rows.append(_row(str(year), by_year[year], codes))
    if undated:
        chart.rows.append(_row(_("No year given"), undated, codes))

    if dated:
        busiest = max(sorted(by_year), key=lambda year: len(by_year[year]))
        chart.desc = _(
            "%(dated)d agreements with a year, from %(first)d to %(last)d; the busiest year is %(busiest)d "
            "with %(count)d. Without a year yet: %(undated)d. Filled circles: in force; hollow circles: "
            "signed; diamonds: under negotiation. Each mark leads to its agreement; the table below gives "
            "the same data."
        ) % {
            "dated": len(dated),
            "first": first,
            "last": last,
            "busiest": busiest,
            "count": len(by_year[busiest]),
            "undated": len(undated),
        }
    else:
        chart.desc = _("No agreement has a year. The table below gives the data.")
    return chart


def _row(label, agreements, statuses):
    counts = defaultdict(int)
    for agreement in agreements:
        counts[agreement.status] += 1
    return {"label": label, "counts": [counts[s] for s in statuses], "total": len(agreements), "records": agreements}


def partnerships_chart(partnerships):
    """One row per partnership: its partner's name, a mark at the year it was formed (a bar for one built
    over several years); a prospective one without a year is listed at the bottom."""
    partnerships = list(partnerships)
    dated = [p for p in partnerships if p.year_start]
    undated = [p for p in partnerships if not p.year_start]
    label_width = 170
    plot_top = BAND_TOP + _band_height() + 18
    height = plot_top + (len(dated) + len(undated)) * ROW + BOTTOM
    axis_y = height - BOTTOM
    statuses = _labels(Partnership.Status.choices)
    kinds = _labels(Partnership.Kind.choices)
    chart = Chart(WIDTH, height, _("When Peru formed its strategic partnerships"), "", axis_y)
    chart.name = "partnerships-timeline"
    chart.band_height, chart.plot_top = _band_height(), plot_top
    chart.legend = list(statuses.items())

    def mark(partnership, x, y, when, x_end=None):
        return Mark(
            x,
            y,
            partnership.status,
            partnership.partner.localized.name,
            partnership.get_absolute_url(),
            when,
            x_end,
            status_label=statuses.get(partnership.status, ""),
            kind_label=kinds.get(partnership.kind, ""),
        )

    y = plot_top + ROW / 2
    by_year = defaultdict(list)
    if dated:
        first = min(p.year_start for p in dated)
        last = max(p.year_end or p.year_start for p in dated)
        x = _scale(first, last, LEFT + label_width, WIDTH - RIGHT - 10)
        chart.ticks = [(x(year), str(year)) for year in _ticks(first, last)]
        for partnership in dated:
            end = (
                partnership.year_end
                if partnership.year_end and partnership.year_end != partnership.year_start
                else None
            )
            when = partnership.localized.when or partnership.years
            marked = mark(partnership, x(partnership.year_start), y, when, x(end) if end else None)
            chart.marks.append(marked)
            by_year[partnership.year_start].append(marked)
            y += ROW
    chart.groups = [Group(str(year), by_year[year]) for year in sorted(by_year)]
    undated_marks = []
    for partnership in undated:
        undated_marks.append(mark(partnership, None, y, partnership.localized.when or _("no year")))
        y += ROW
    chart.marks += undated_marks
    if undated_marks:
        chart.groups.append(Group(_("No year given"), undated_marks))
    chart.label_x = LEFT + label_width - 12
    chart.axis_x = LEFT + label_width
    chart.rows = partnerships
    if dated:
        chart.desc = _(
            "%(dated)d partnerships formed between %(first)d and %(last)d, one row each with a mark at the year "
            "it was formed (a bar when it took several years). Without a year: %(undated)d. Each row leads "
            "to its partner; the table below gives the same data."
        ) % {"dated": len(dated), "first": first, "last": last, "undated": len(undated)}
    else:
        chart.desc = _("No partnership has a year. The table below gives the data.")
    return chart
