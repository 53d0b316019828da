from django.contrib import admin

from coprocure.core.admin import ReadOnlyAdmin

from .models import Activity, ParticipationPlan, Question, Survey


# Participation data changes only through the services (permission, rules, audit trail).
# Responses and tokens are not in the admin at all: support never needs to browse answers.
# Nor are registrations: what a person needs to take part can be health information.
@admin.register(ParticipationPlan)
class ParticipationPlanAdmin(ReadOnlyAdmin):
    list_display = ("procurement", "accountable_official", "k_threshold")


@admin.register(Activity)
class ActivityAdmin(ReadOnlyAdmin):
    list_display = ("__str__", "procurement", "kind", "phase", "setting", "starts_at")
    list_filter = ("kind", "phase", "setting")


class QuestionInline(admin.TabularInline):
    model = Question
    fields = ("ordering", "kind", "text", "required")
    extra = 0

    has_add_permission = ReadOnlyAdmin.has_add_permission
    has_change_permission = ReadOnlyAdmin.has_change_permission
    has_delete_permission = ReadOnlyAdmin.has_delete_permission


@admin.register(Survey)
class SurveyAdmin(ReadOnlyAdmin):
    list_display = ("__str__", "activity", "mode", "opens_at", "closes_at")
    inlines = [QuestionInline]
