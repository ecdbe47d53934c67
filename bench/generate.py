"""Adds generated records to the configured database for the benchmark: 10,000 live agreements and
2,000 live initiatives (bulk inserts, spread over statuses, kinds, regions, years and partners).
Run with Django's settings in the environment: python bench/generate.py [agreements] [initiatives]"""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.production")

import django  # noqa: E402

django.setup()

from django.db import transaction  # noqa: E402

from agreements.models import Agreement, AgreementKind, AgreementStatus, Partner  # noqa: E402
from diplomacy.models import Area, Initiative, InitiativeStatus  # noqa: E402
from portal.foundations.folding import fold  # noqa: E402

AGREEMENTS = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
INITIATIVES = int(sys.argv[2]) if len(sys.argv) > 2 else 2_000
WORDS = ["trade", "investment", "cooperation", "economic", "partnership", "services", "tariff", "digital", "health"]


@transaction.atomic
def generate():
    partners = list(Partner.objects.live().order_by("pk"))
    areas = list(Area.objects.live().order_by("order"))
    kinds, statuses = AgreementKind.values, AgreementStatus.values
    initiative_statuses = InitiativeStatus.values
    start = Agreement.objects.count()
    agreements = Agreement.objects.bulk_create(
        (
            Agreement(
                slug=f"bench-agreement-{n}",
                title=f"Generated {WORDS[n % len(WORDS)]} agreement {n}",
                kind=kinds[n % len(kinds)],
                status=statuses[n % len(statuses)],
                book_status=statuses[(n // 3) % len(statuses)],
                book_year_start=1970 + n % 55,
                description=f"A generated agreement on {WORDS[(n * 7) % len(WORDS)]} for the benchmark.",
                book_order=1000 + start + n,
                live=True,
            )
            for n in range(AGREEMENTS)
        ),
        batch_size=1000,
    )
    Through = Agreement.parties.through
    Through.objects.bulk_create(
        (
            Through(agreement_id=agreement.pk, partner_id=partners[(i * k) % len(partners)].pk)
            for i, agreement in enumerate(agreements)
            for k in (1, 7)
        ),
        batch_size=2000,
        ignore_conflicts=True,
    )
    # The listings' word filter reads the folded text that saving a record keeps (bulk inserts skip it).
    for i, agreement in enumerate(agreements):
        names = [partners[(i * k) % len(partners)] for k in (1, 7)]
        parts = [agreement.title, agreement.description] + [n for p in names for n in (p.name, p.name_es)]
        agreement.search_text = fold(" ".join(part for part in parts if part))
    Agreement.objects.bulk_update(agreements, ["search_text"], batch_size=1000)
    initiatives = Initiative.objects.bulk_create(
        (
            Initiative(
                slug=f"bench-initiative-{n}",
                title=f"Generated {WORDS[n % len(WORDS)]} initiative {n}",
                area=areas[n % len(areas)],
                status=initiative_statuses[n % len(initiative_statuses)],
                start_year=1990 + n % 35,
                description="A generated initiative for the benchmark.",
                book_order=1000 + n,
                live=True,
            )
            for n in range(INITIATIVES)
        ),
        batch_size=1000,
    )
    Partners = Initiative.partners.through
    Partners.objects.bulk_create(
        (Partners(initiative_id=i.pk, partner_id=partners[n % len(partners)].pk) for n, i in enumerate(initiatives)),
        batch_size=2000,
        ignore_conflicts=True,
    )
    for n, initiative in enumerate(initiatives):
        partner = partners[n % len(partners)]
        parts = [initiative.title, initiative.description, partner.name, partner.name_es]
        initiative.search_text = fold(" ".join(part for part in parts if part))
    Initiative.objects.bulk_update(initiatives, ["search_text"], batch_size=1000)
    return len(agreements), len(initiatives)


if __name__ == "__main__":
    made = generate()
    sys.stdout.write(f"Generated {made[0]} agreements and {made[1]} initiatives.\n")
