"""The cache table (DatabaseCache): rate limits and other short-lived shared state live in the database every
web process and worker already shares, so nothing extra runs beside it."""

from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor):
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


def drop_cache_table(apps, schema_editor):
    schema_editor.execute("DROP TABLE IF EXISTS skillcluster_cache")


class Migration(migrations.Migration):
    dependencies = [("tenancy", "0003_cluster_is_demo")]
    operations = [migrations.RunPython(create_cache_table, drop_cache_table)]
