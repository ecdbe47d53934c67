import json
import sqlite3
import subprocess
import tarfile
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from .backup_portal import pg_environment, table_counts


class Command(BaseCommand):
    help = (
        "Restore a backup made by backup_portal into the configured database (which must be empty unless "
        "--force is given) and media folder, then check every table's row count against its manifest."
    )

    def add_arguments(self, parser):
        parser.add_argument("backup", help="A backup folder, e.g. backups/20260101T020000000000Z.")
        parser.add_argument("--force", action="store_true", help="Replace a database that already has tables.")

    def handle(self, *args, **options):
        folder = Path(options["backup"])
        try:
            manifest = json.loads((folder / "manifest.json").read_text())
        except FileNotFoundError:
            raise CommandError(f"{folder} holds no manifest.json: not a backup made by backup_portal.")
        if manifest["engine"] != connection.vendor:
            raise CommandError(f"This backup is of a {manifest['engine']} database; the target is {connection.vendor}.")
        existing = connection.introspection.table_names()
        if existing and not options["force"]:
            raise CommandError(
                f"The target database already has {len(existing)} tables. Restore into an empty database, or "
                "pass --force to replace its content."
            )

        dump = folder / manifest["database"]
        if connection.vendor == "postgresql":
            command = ["pg_restore", "--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction"]
            if existing:
                command += ["--clean", "--if-exists"]
            env = pg_environment()
            result = subprocess.run(
                [*command, "--dbname", env["PGDATABASE"], str(dump)],
                env=env,
                capture_output=True,
                text=True,
                check=False,
            )
            if result.returncode != 0:
                raise CommandError(f"pg_restore failed: {result.stderr.strip()}")
        else:
            connection.ensure_connection()
            source = sqlite3.connect(dump)
            try:
                source.backup(connection.connection)
            finally:
                source.close()
            connection.close()

        if manifest.get("media"):
            media_root = Path(settings.MEDIA_ROOT)
            if media_root.exists() and any(media_root.iterdir()) and not options["force"]:
                raise CommandError(f"{media_root} is not empty; pass --force to restore the media over it.")
            media_root.mkdir(parents=True, exist_ok=True)
            with tarfile.open(folder / manifest["media"]) as archive:
                archive.extractall(media_root, filter="data")

        counts = table_counts()
        different = {
            table: (rows, counts.get(table)) for table, rows in manifest["rows"].items() if counts.get(table) != rows
        }
        if different:
            raise CommandError(f"Row counts differ from the backup's manifest (expected, found): {different}")
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored {folder}: {len(counts)} tables, {sum(counts.values())} rows, as in the manifest."
            )
        )
