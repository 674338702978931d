"""A rotated signing key waits for the partners before it signs (SigningKey.activated_at);
the keys made before this signed from the moment they were made."""

from django.db import migrations, models
from django.db.models import F


def activated_when_made(apps, schema_editor):
    SigningKey = apps.get_model("exchange", "SigningKey")
    SigningKey.objects.filter(activated_at__isnull=True).update(activated_at=F("created_at"))


class Migration(migrations.Migration):
    dependencies = [
        ("exchange", "0003_rejected_too_large"),
    ]

    operations = [
        migrations.AddField(
            model_name="signingkey",
            name="activated_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="signs since"),
        ),
        migrations.RunPython(activated_when_made, migrations.RunPython.noop),
    ]
