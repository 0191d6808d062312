"""Editors see the broken-links list that `manage.py check_links` fills."""

from django.db import migrations

from handreiking.groups import grant


def editors_see_external_links(apps, schema_editor):
    grant(apps, "Redacteuren", ["view_externallink"])


class Migration(migrations.Migration):
    dependencies = [("handreiking", "0011_editing_workflow")]

    operations = [migrations.RunPython(editors_see_external_links, migrations.RunPython.noop)]
