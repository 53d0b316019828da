from django.contrib import admin

from coprocure.core.admin import ReadOnlyAdmin

from .models import CostLine, SettlementPeriod, Statement


# Settlement data changes only through the services (permission, settlement rules, audit trail).
@admin.register(SettlementPeriod)
class SettlementPeriodAdmin(ReadOnlyAdmin):
    list_display = ("label", "contract", "starts_on", "ends_on", "target_cost")


@admin.register(CostLine)
class CostLineAdmin(ReadOnlyAdmin):
    list_display = ("period", "party", "category", "amount", "status")
    list_filter = ("status",)


@admin.register(Statement)
class StatementAdmin(ReadOnlyAdmin):
    list_display = ("period", "approved_by", "approved_at", "replaces")
