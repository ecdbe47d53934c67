from django.db import migrations, models


def konrad_adenauer_stiftung_is_german(apps, schema_editor):
    apps.get_model("portal", "Publisher").objects.filter(slug="kas").update(name_language="de")


class Migration(migrations.Migration):

    dependencies = [
        ('portal', '0011_institution_editors_translate'),
    ]

    operations = [
        migrations.AddField(
            model_name='publisher',
            name='name_language',
            field=models.CharField(default='es', help_text="The language the institution's name is written in: 'es' for Spanish, 'de' for German.", max_length=8, verbose_name='language of the name'),
        ),
        migrations.RunPython(konrad_adenauer_stiftung_is_german, migrations.RunPython.noop),
    ]
