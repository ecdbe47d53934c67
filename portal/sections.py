"""Which records point at which section of a chapter ("the section that discusses this")."""

from collections import defaultdict


def records_by_anchor(chapter):
    """{anchor: {"agreements": [...], "partnerships": [...], "initiatives": [...], "figures": [...]}}
    for one chapter, in four queries whatever the number of records."""
    from agreements.models import Agreement, Partnership
    from diplomacy.models import Initiative, KeyFigure

    sources = {
        "agreements": Agreement.objects.live().by_book_order(),
        "partnerships": Partnership.objects.live().select_related("partner"),
        "initiatives": Initiative.objects.live().chronological(),
        "figures": KeyFigure.objects.live(),
    }
    grouped = defaultdict(lambda: defaultdict(list))
    for kind, queryset in sources.items():
        for record in queryset.filter(chapter=chapter):
            grouped[record.section_anchor][kind].append(record)
    return {anchor: dict(kinds) for anchor, kinds in grouped.items()}
