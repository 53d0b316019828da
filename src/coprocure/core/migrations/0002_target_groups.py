"""The target groups the seeds name: those who need most help first."""

from django.db import migrations

GROUPS = [
    ("older_people", "Ikääntyneet", "Äldre", "Older people"),
    ("children_young_people", "Lapset ja nuoret", "Barn och unga", "Children and young people"),
    ("families", "Lapsiperheet", "Barnfamiljer", "Families with children"),
    ("mental_health", "Mielenterveyskuntoutujat", "Personer med psykisk ohälsa", "People with mental-health problems"),
    ("substance_use", "Päihteitä käyttävät", "Personer som använder rusmedel", "People with substance-use problems"),
    ("homeless", "Asunnottomat", "Bostadslösa", "Homeless people"),
    ("disabled", "Vammaiset henkilöt", "Personer med funktionsnedsättning", "People with disabilities"),
    ("immigrants", "Maahan muuttaneet", "Invandrare", "Immigrants"),
    ("relatives", "Läheiset ja omaishoitajat", "Närstående och närståendevårdare", "Relatives and family carers"),
    ("residents", "Alueen asukkaat", "Invånare i området", "Residents of the area"),
]


def create(apps, schema_editor):
    TargetGroup = apps.get_model("core", "TargetGroup")
    for ordering, (code, fi, sv, en) in enumerate(GROUPS):
        TargetGroup.objects.update_or_create(
            code=code,
            defaults={
                "ordering": ordering,
                "name": {lang: {"text": text, "origin": "human"} for lang, text in (("fi", fi), ("sv", sv), ("en", en))},
            },
        )


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]
    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
