"""On PostgreSQL, a text search configuration that ignores accents, so "Peru" finds "Perú".

SQLite's full-text index already folds diacritics, so nothing is needed there."""

from django.db import migrations

CREATE = """
CREATE EXTENSION IF NOT EXISTS unaccent;
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'portal_unaccent') THEN
        CREATE TEXT SEARCH CONFIGURATION portal_unaccent (COPY = simple);
        ALTER TEXT SEARCH CONFIGURATION portal_unaccent
            ALTER MAPPING FOR hword, hword_part, word WITH unaccent, simple;
    END IF;
END
$$;
"""


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP TEXT SEARCH CONFIGURATION IF EXISTS portal_unaccent")


class Migration(migrations.Migration):
    dependencies = [("portal", "0002_editorial_roles")]
    operations = [migrations.RunPython(create, drop)]
