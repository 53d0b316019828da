from django.contrib import admin

from coprocure.core.admin import ReadOnlyAdmin

from .models import (
    Amendment, Contract, Decision, DevelopmentProposal, Indicator, Kra, Meeting, MemberPosition, ReportReminder,
    SteeringMember, SurveyRound,
)


# Contract-period data changes only through the services (permission, rules, audit trail).
@admin.register(Contract)
class ContractAdmin(ReadOnlyAdmin):
    list_display = ("__str__", "procurement", "kind", "starts_on", "ends_on", "version")
    list_filter = ("kind",)


@admin.register(SteeringMember)
class SteeringMemberAdmin(ReadOnlyAdmin):
    list_display = ("name", "contract", "role", "term_starts", "term_ends")


@admin.register(Meeting)
class MeetingAdmin(ReadOnlyAdmin):
    list_display = ("__str__", "contract", "agenda_published_at")


@admin.register(Decision)
class DecisionAdmin(ReadOnlyAdmin):
    list_display = ("number", "__str__", "contract", "accountable_official", "decided_on", "is_confidential")


@admin.register(MemberPosition)
class MemberPositionAdmin(ReadOnlyAdmin):
    list_display = ("decision", "member", "position", "recorded_at")


@admin.register(Amendment)
class AmendmentAdmin(ReadOnlyAdmin):
    list_display = ("version", "contract", "decision", "created_at")


@admin.register(Kra)
class KraAdmin(ReadOnlyAdmin):
    list_display = ("__str__", "contract", "weight")


@admin.register(Indicator)
class IndicatorAdmin(ReadOnlyAdmin):
    list_display = ("code", "kra", "unit", "direction", "minimum", "target", "excellent", "frequency")


@admin.register(DevelopmentProposal)
class DevelopmentProposalAdmin(ReadOnlyAdmin):
    list_display = ("__str__", "contract", "proposer_kind", "status", "submitted_on")
    list_filter = ("status",)
    exclude = ("submitted_by",)


@admin.register(SurveyRound)
class SurveyRoundAdmin(ReadOnlyAdmin):
    list_display = ("indicator", "period_start", "period_end", "survey")


@admin.register(ReportReminder)
class ReportReminderAdmin(ReadOnlyAdmin):
    list_display = ("indicator", "period_start", "recipients", "sent_at")
