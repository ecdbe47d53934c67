"""Small builders for records and pages; each published, as editors would leave them."""

import itertools

from wagtail.models import Locale

from agreements.models import Agreement, Partner, Partnership
from diplomacy.models import Area, Initiative, KeyFigure
from portal.book.models import ChapterPage, HomePage

_counter = itertools.count(1)


def _published(obj, many=None):
    for name, values in (many or {}).items():
        setattr(obj, name, values)
    obj.live = False
    obj.save()
    obj.save_revision().publish()
    obj.refresh_from_db()
    return obj


def make_partner(**fields):
    n = next(_counter)
    fields.setdefault("slug", f"partner-{n}")
    fields.setdefault("name", f"Partner {n}")
    members = fields.pop("members", [])
    return _published(Partner(**fields), {"members": members} if members else None)


def make_agreement(parties=(), **fields):
    n = next(_counter)
    fields.setdefault("slug", f"agreement-{n}")
    fields.setdefault("title", f"Generated agreement {n}")
    fields.setdefault("kind", "free_trade")
    fields.setdefault("status", "in_force")
    fields.setdefault("book_status", fields["status"])
    fields.setdefault("description", "A generated agreement.")
    return _published(Agreement(**fields), {"parties": list(parties)})


def make_partnership(partner, **fields):
    n = next(_counter)
    fields.setdefault("slug", f"partnership-{n}")
    fields.setdefault("description", "A generated partnership.")
    return _published(Partnership(partner=partner, **fields))


def make_area(**fields):
    n = next(_counter)
    fields.setdefault("slug", f"area-{n}")
    fields.setdefault("name", f"Area {n}")
    fields.setdefault("summary", "A generated area.")
    return _published(Area(**fields))


def make_initiative(area=None, partners=(), **fields):
    n = next(_counter)
    fields.setdefault("slug", f"initiative-{n}")
    fields.setdefault("title", f"Generated initiative {n}")
    fields.setdefault("status", "achieved")
    fields.setdefault("description", "A generated initiative.")
    area = area or Area.objects.get(slug="political")
    return _published(Initiative(area=area, **fields), {"partners": list(partners)})


def make_figure(area=None, **fields):
    n = next(_counter)
    fields.setdefault("slug", f"figure-{n}")
    fields.setdefault("label", f"Generated figure {n}")
    fields.setdefault("value", n)
    fields.setdefault("source_text", "A generated source.")
    area = area or Area.objects.get(slug="political")
    return _published(KeyFigure(area=area, **fields))


def home_page():
    return HomePage.objects.get(locale=Locale.get_default())


def chapter(number):
    return ChapterPage.objects.get(slug=f"chapter-{number}", locale=Locale.get_default())


def bulk_agreements(count, parties, slug="bulk-agreement", title="Bulk agreement", first_order=1000, **fields):
    """``count`` live agreements written in bulk (no revisions), for tests of what must not grow with
    the data: agreement ``n`` has the partners ``parties(n)``, its status cycles through in force,
    signed and negotiating, and a field given as a function is called with ``n``."""
    statuses = ["in_force", "signed", "negotiating"]
    fields = {"kind": "free_trade", "description": "A generated agreement.", "live": True, **fields}
    agreements = Agreement.objects.bulk_create(
        (
            Agreement(
                slug=f"{slug}-{n}",
                title=f"{title} {n}",
                status=statuses[n % 3],
                book_order=first_order + n,
                **{name: value(n) if callable(value) else value for name, value in fields.items()},
            )
            for n in range(count)
        ),
        batch_size=1000,
    )
    Parties = Agreement.parties.through
    Parties.objects.bulk_create(
        (
            Parties(agreement_id=agreement.pk, partner_id=partner.pk)
            for n, agreement in enumerate(agreements)
            for partner in parties(n)
        ),
        batch_size=2000,
        ignore_conflicts=True,
    )
    return agreements
