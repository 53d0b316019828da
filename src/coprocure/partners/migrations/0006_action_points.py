"""What a partnership table agreed to do next is an action point, not a follow-up (the followup
app's word for hearing what became of what one said)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('partners', '0005_expressionofinterest_consortiuminvitation_and_more'),
    ]

    operations = [
        migrations.RenameModel(old_name='FollowUp', new_name='ActionPoint'),
        migrations.AlterModelOptions(
            name='actionpoint',
            options={'ordering': ['done', 'due_on', 'id'], 'verbose_name': 'action point', 'verbose_name_plural': 'action points'},
        ),
        migrations.AlterField(
            model_name='actionpoint',
            name='table',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='action_points', to='partners.partnershiptable'),
        ),
    ]
