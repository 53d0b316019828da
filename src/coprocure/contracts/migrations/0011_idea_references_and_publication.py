import random

from django.db import migrations, models
from django.db.models import F

from coprocure.domain import idea_reference


def give_references(apps, schema_editor):
    """Every idea gets a reference; those already on the public trail (any status but new)
    stay public, from the day they came."""
    proposal_model = apps.get_model("contracts", "DevelopmentProposal")
    rng, taken = random.SystemRandom(), set()
    for proposal in proposal_model.objects.filter(reference__isnull=True).only("pk", "submitted_on"):
        reference = idea_reference.new_reference(proposal.submitted_on.year, rng)
        while reference in taken:
            reference = idea_reference.new_reference(proposal.submitted_on.year, rng)
        taken.add(reference)
        proposal_model.objects.filter(pk=proposal.pk).update(reference=reference)
    proposal_model.objects.exclude(status="new").update(published_on=F("submitted_on"))


class Migration(migrations.Migration):

    dependencies = [
        ("contracts", "0010_outcome_invitations"),
    ]

    operations = [
        migrations.AddField(
            model_name="developmentproposal", name="reference",
            field=models.CharField(editable=False, max_length=20, null=True, verbose_name="reference"),
        ),
        migrations.AddField(
            model_name="developmentproposal", name="published_on",
            field=models.DateField(blank=True, editable=False, null=True, verbose_name="shown publicly since"),
        ),
        migrations.RunPython(give_references, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="developmentproposal", name="reference",
            field=models.CharField(editable=False, max_length=20, unique=True, verbose_name="reference"),
        ),
        migrations.AlterField(
            model_name="developmentproposal", name="status",
            field=models.CharField(choices=[("new", "Received"), ("under_consideration", "Under consideration"),
                                            ("trial", "Being tried out"), ("adopted", "Taken up"),
                                            ("rejected", "Not taken up")],
                                   default="new", max_length=24, verbose_name="status"),
        ),
    ]
