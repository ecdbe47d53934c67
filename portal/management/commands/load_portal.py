from django.core.management import call_command
from django.core.management.base import BaseCommand

from portal.foundations.loading import load_portal


class Command(BaseCommand):
    help = (
        "Build the portal from fixtures/: site, book pages, authors, publishers, agreements, partners, "
        "partnerships, areas, initiatives and figures. Records that already exist are never overwritten, "
        "unless --update is given: then those no editor has changed are brought up to date with the fixtures."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--update",
            action="store_true",
            help=(
                "Also update the pages and records that exist but that no editor has changed since they were "
                "loaded (each update is a new published revision); what editors changed is left as it is."
            ),
        )

    def handle(self, *args, **options):
        report = load_portal(update=options["update"])
        for line in report.lines:
            self.stdout.write(line)
        if report.created_anything:
            call_command("update_index", verbosity=0)
            call_command("rebuild_references_index", verbosity=0)
            self.stdout.write(self.style.SUCCESS("Search and reference indexes rebuilt."))
        else:
            self.stdout.write(self.style.SUCCESS("Nothing to load: every record was already as in the fixtures."))
