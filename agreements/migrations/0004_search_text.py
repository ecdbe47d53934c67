from django.db import migrations, models

from portal.foundations.folding import fold

OWN_FIELDS = ['title', 'title_es', 'short_name', 'description', 'description_es']
NAMES = ["name", "name_es", "short_name", "short_name_es"]


def fill_search_text(apps, schema_editor):
    """The folded text the listings' word filter reads (SearchTextMixin), for the rows already there."""
    model = apps.get_model("agreements", "Agreement")
    for record in model.objects.all():
        parts = [getattr(record, name) for name in OWN_FIELDS]
        for names in record.parties.filter(live=True).values_list(*NAMES):
            parts.extend(names)
        record.search_text = fold(" ".join(part for part in parts if part))
        record.save(update_fields=["search_text"])


class Migration(migrations.Migration):

    dependencies = [
        ('agreements', '0003_slugs_made_for_editors'),
    ]

    operations = [
        migrations.AddField(
            model_name='agreement',
            name='search_text',
            field=models.TextField(blank=True, default='', editable=False, help_text="Kept by the portal from the published text, for the word filters and the search; not edited."),
        ),
        migrations.RunPython(fill_search_text, migrations.RunPython.noop),
    ]
