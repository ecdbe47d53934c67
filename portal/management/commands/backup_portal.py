import json
import os
import sqlite3
import subprocess
import tarfile
from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage, default_storage
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.utils import timezone


def table_counts():
    """{table: rows} for every table of the database."""
    with connection.cursor() as cursor:
        counts = {}
        for table in sorted(connection.introspection.table_names(cursor)):
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")  # noqa: S608 - names from the catalogue
            counts[table] = cursor.fetchone()[0]
        return counts


def pg_environment():
    """The libpq environment that reaches the configured PostgreSQL database."""
    db = connection.settings_dict
    env = dict(os.environ)
    for key, name in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER"), ("PASSWORD", "PGPASSWORD")):
        if db.get(key):
            env[name] = str(db[key])
    env["PGDATABASE"] = db["NAME"]
    return env


class Command(BaseCommand):
    help = (
        "Back up the database (pg_dump -Fc on PostgreSQL, SQLite's online backup API on SQLite) and the media "
        "folder (a tar) into backups/<timestamp>/, with a manifest of every table's row count."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output", help="Folder that holds the timestamped backups (default: BACKUP_DIR or backups/)."
        )

    def handle(self, *args, **options):
        root = Path(options["output"] or settings.PORTAL_BACKUP_DIR)
        target = root / timezone.now().strftime("%Y%m%dT%H%M%S%fZ")
        target.mkdir(parents=True)
        target.chmod(0o700)
        manifest = {"created": timezone.now().isoformat(), "engine": connection.vendor, "rows": table_counts()}

        if connection.vendor == "postgresql":
            manifest["database"] = "database.dump"
            result = subprocess.run(
                [
                    "pg_dump",
                    "--format=custom",
                    "--no-owner",
                    "--no-privileges",
                    "--file",
                    str(target / "database.dump"),
                ],
                env=pg_environment(),
                capture_output=True,
                text=True,
                check=False,
            )
            if result.returncode != 0:
                raise CommandError(f"pg_dump failed: {result.stderr.strip()}")
        elif connection.vendor == "sqlite":
            # A consistent copy even while the site is serving: SQLite's online backup API.
            manifest["database"] = "database.sqlite3"
            connection.ensure_connection()
            destination = sqlite3.connect(target / "database.sqlite3")
            try:
                connection.connection.backup(destination)
            finally:
                destination.close()
        else:
            raise CommandError(f"No backup method for the {connection.vendor} database engine.")

        media_root = Path(settings.MEDIA_ROOT)
        if isinstance(default_storage, FileSystemStorage) and media_root.is_dir():
            manifest["media"] = "media.tar.gz"
            with tarfile.open(target / "media.tar.gz", "w:gz") as archive:
                archive.add(media_root, arcname=".")
        else:
            manifest["media"] = None  # media on object storage: back up the bucket with its own tools

        (target / "manifest.json").write_text(json.dumps(manifest, indent=2, sort_keys=True))
        self.stdout.write(self.style.SUCCESS(f"Backup written to {target}"))
        self.stdout.write(str(target))
