from django.contrib import admin

from coprocure.core.admin import ReadOnlyAdmin

from .models import ActionPoint, ConsortiumInvitation, ExpressionOfInterest, PartnershipTable, TableSeat


# Partnership tables and consortia change only through the services (permission, rules, audit trail).
class TableSeatInline(admin.TabularInline):
    model = TableSeat
    fields = ("organisation", "role", "invited_at", "signed_up_at")
    extra = 0

    has_add_permission = ReadOnlyAdmin.has_add_permission
    has_change_permission = ReadOnlyAdmin.has_change_permission
    has_delete_permission = ReadOnlyAdmin.has_delete_permission

    def get_readonly_fields(self, request, obj=None):
        # Shown, never edited: a stamped field (invited_at) cannot be a form field at all.
        return self.fields


class ActionPointInline(TableSeatInline):
    model = ActionPoint
    fields = ("what", "who", "due_on", "done")


@admin.register(PartnershipTable)
class PartnershipTableAdmin(ReadOnlyAdmin):
    list_display = ("__str__", "updated_at")
    inlines = [TableSeatInline, ActionPointInline]


class ConsortiumInvitationInline(TableSeatInline):
    model = ConsortiumInvitation
    fields = ("organisation", "role", "invited_at", "accepted_at")


@admin.register(ExpressionOfInterest)
class ExpressionOfInterestAdmin(ReadOnlyAdmin):
    list_display = ("organisation", "procurement", "published_at", "formed_at")
    inlines = [ConsortiumInvitationInline]
