"""Partners, trade agreements and partnerships from fixtures/ (see ``portal.foundations.loading``)."""

from portal.foundations.loading import RecordSpec, load_records, publish, read_fixture

from .models import Agreement, Partner, Partnership

TEXT = ["description", "description_es", "notes", "notes_es", "source_text", "source_text_es", "book_order"]


def resolve_partner(ref):
    """A partner named in a fixture by its ISO code ("JP") or its slug."""
    if len(ref) == 2 and ref.isupper():
        return Partner.objects.get(code=ref)
    return Partner.objects.get(slug=ref)


def load(report):
    partners = load_records(
        RecordSpec(
            "Partners",
            Partner,
            "partners.json",
            ["kind", "code", "name", "name_es", "short_name", "short_name_es", "region", "notes", "notes_es"],
        ),
        report,
    )
    _set_members(partners)
    load_records(
        RecordSpec(
            "Agreements",
            Agreement,
            "agreements.json",
            [
                "title",
                "title_es",
                "short_name",
                "short_name_es",
                "kind",
                "status",
                "book_status",
                "book_year_start",
                "book_year_end",
                "book_years_label",
                "book_years_label_es",
                "dates_source",
                "wto_rta_id",
                "sice_url",
                "official_text_url",
                *TEXT,
            ],
            dates=["signed_on", "entered_into_force_on"],
            many={"parties": ("parties", resolve_partner)},
        ),
        report,
    )
    load_records(
        RecordSpec(
            "Partnerships",
            Partnership,
            "partnerships.json",
            ["kind", "status", "year_start", "year_end", "years_label", "years_label_es", *TEXT],
            foreign={"partner": ("partner", resolve_partner)},
        ),
        report,
    )


def _set_members(new_partners):
    """Members point at other partners, so they are set once every new partner exists."""
    members = {record["slug"]: record.get("members") or [] for record in read_fixture("partners.json")}
    for partner in new_partners:
        if members.get(partner.slug):
            partner.members = [resolve_partner(ref) for ref in members[partner.slug]]
            partner.save()
            publish(partner)
