from django.contrib import admin

from coprocure.core.admin import ReadOnlyAdmin

from .models import ExperienceSurvey, SelfAssessment


# Evaluation data changes only through the services (permission, rules, audit trail).
@admin.register(ExperienceSurvey)
class ExperienceSurveyAdmin(ReadOnlyAdmin):
    list_display = ("procurement", "phase", "round", "created_at")


@admin.register(SelfAssessment)
class SelfAssessmentAdmin(ReadOnlyAdmin):
    list_display = ("procurement", "updated_at")
