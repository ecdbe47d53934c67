"""Geometry for the server-rendered SVG timelines (no JavaScript, no chart library). The templates
draw what these functions compute; each chart comes with a data table holding the same facts."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from .models import AgreementStatus, Partnership

WIDTH = 720
LEFT, RIGHT, TOP, BOTTOM = 40, 20, 44, 34
STEP = 13  # vertical distance between stacked marks
UNDATED_GAP = 56  # space between the last year and the "no year" column


@dataclass
class Mark:
    x: float
    y: float
    status: str
    label: str
    url: str
    when: str
    x_end: float | None = None


@dataclass
class Chart:
    width: int
    height: int
    title: str
    desc: str
    axis_y: float
    ticks: list = field(default_factory=list)  # [(x, label)]
    marks: list = field(default_factory=list)
    legend: list = field(default_factory=list)  # [(x, status, label)]
    rows: list = field(default_factory=list)  # for the data table
    undated_x: float | None = None
    label_x: float | None = None
    axis_x: float = LEFT
    axis_x_end: float = WIDTH - RIGHT

    @property
    def view_box(self):
        return f"0 0 {self.width} {self.height}"


def _ticks(first, last):
    """Every year for short spans, else every fifth or tenth year."""
    span = last - first
    every = 1 if span <= 15 else 5 if span <= 40 else 10
    start = first if every == 1 else (first // every + 1) * every if first % every else first
    return list(range(start, last + 1, every))


def _scale(first, last, x0, x1):
    span = max(last - first, 1)
    return lambda year: round(x0 + (year - first) * (x1 - x0) / span, 1)


def _legend(statuses):
    legend, x = [], LEFT
    for value, label in statuses:
        legend.append((x, value, str(label)))
        x += 24 + 7 * len(str(label))
    return legend


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
    height = TOP + tallest * STEP + BOTTOM + 8
    axis_y = height - BOTTOM

    chart = Chart(WIDTH, height, _("Peru's trade agreements by year and current status"), "", axis_y)
    chart.legend = _legend(AgreementStatus.choices)
    plot_right = WIDTH - RIGHT - (UNDATED_GAP if undated else 0)
    if dated:
        first = min(by_year)
        last = max(a.year_last or a.year for a in dated)
        x = _scale(first, last, LEFT, plot_right)
        chart.ticks = [(x(year), str(year)) for year in _ticks(first, last)]
        for year in sorted(by_year):
            for level, agreement in enumerate(by_year[year]):
                end = agreement.year_last if agreement.year_last and agreement.year_last != year else None
                chart.marks.append(
                    Mark(
                        x(year),
                        axis_y - 10 - level * STEP,
                        agreement.status,
                        agreement.localized.title,
                        agreement.get_absolute_url(),
                        agreement.book_years or str(year),
                        x(end) if end else None,
                    )
                )
    if undated:
        chart.undated_x = WIDTH - RIGHT - 12
        for level, agreement in enumerate(undated):
            chart.marks.append(
                Mark(
                    chart.undated_x,
                    axis_y - 10 - level * STEP,
                    agreement.status,
                    agreement.localized.title,
                    agreement.get_absolute_url(),
                    _("no year"),
                )
            )

    statuses = [value for value, _label in AgreementStatus.choices]
    for year in sorted(by_year):
        chart.rows.append(_row(str(year), by_year[year], statuses))
    if undated:
        chart.rows.append(_row(_("No year given"), undated, statuses))

    if dated:
        busiest = max(sorted(by_year), key=lambda year: len(by_year[year]))
        chart.desc = _(
            "%(dated)d agreements with a year, from %(first)d to %(last)d; the busiest year is %(busiest)d "
            "with %(count)d. Without a year yet: %(undated)d. Filled circles: in force; hollow circles: "
            "signed; diamonds: under negotiation. The table beside the chart gives the same data."
        ) % {
            "dated": len(dated),
            "first": first,
            "last": last,
            "busiest": busiest,
            "count": len(by_year[busiest]),
            "undated": len(undated),
        }
    else:
        chart.desc = _("No agreement has a year. The table beside the chart gives the data.")
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
    label_width = 150
    height = TOP + (len(dated) + len(undated)) * 20 + BOTTOM + 4
    axis_y = height - BOTTOM
    chart = Chart(WIDTH, height, _("When Peru formed its strategic partnerships"), "", axis_y)
    chart.legend = _legend(Partnership.Status.choices)
    y = TOP + 6
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
            chart.marks.append(
                Mark(
                    x(partnership.year_start),
                    y,
                    partnership.status,
                    partnership.partner.localized.name,
                    partnership.get_absolute_url(),
                    partnership.years_label or partnership.years,
                    x(end) if end else None,
                )
            )
            y += 20
    for partnership in undated:
        chart.marks.append(
            Mark(
                None,
                y,
                partnership.status,
                partnership.partner.localized.name,
                partnership.get_absolute_url(),
                partnership.years_label or _("no year"),
            )
        )
        y += 20
    chart.label_x = LEFT + label_width - 10
    chart.axis_x = LEFT + label_width
    chart.rows = partnerships
    if dated:
        chart.desc = _(
            "%(dated)d partnerships formed between %(first)d and %(last)d, one row each with a mark at the year "
            "it was formed (a bar when it took several years). Without a year: %(undated)d. The table beside "
            "the chart gives the same data."
        ) % {"dated": len(dated), "first": first, "last": last, "undated": len(undated)}
    else:
        chart.desc = _("No partnership has a year. The table beside the chart gives the data.")
    return chart
