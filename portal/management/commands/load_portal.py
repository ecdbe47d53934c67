from django.core.management import call_command
from django.core.management.base import BaseCommand

from portal.foundations.loading import load_portal


class Command(BaseCommand):
    help = (
        "Build the portal from fixtures/: site, book pages, authors, publishers, agreements, partners, "
        "partnerships, areas, initiatives and figures. Records that already exist are never overwritten."
    )

    def handle(self, *args, **options):
        report = load_portal()
        for line in report.lines:
            self.stdout.write(line)
        if report.created_anything:
            call_command("update_index", verbosity=0)
            call_command("rebuild_references_index", verbosity=0)
            self.stdout.write(self.style.SUCCESS("Search and reference indexes rebuilt."))
        else:
            self.stdout.write(self.style.SUCCESS("Nothing to load: every record was already present."))
