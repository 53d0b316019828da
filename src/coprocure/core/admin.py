from django.contrib import admin
from django.contrib.admin.utils import label_for_field, lookup_field
from django.contrib.auth.admin import UserAdmin
from django.db import transaction

from coprocure.audit import services as audit
from coprocure.domain import visibility as rules

from . import visibility

from .models import (
    AccessibilityAssessment, AccessibilityFeedback, KnownAccessibilityIssue, Organisation, PhaseChange, Procurement,
    ProcurementRole, TargetGroup, User,
)


@admin.register(User)
class PersonAdmin(UserAdmin):
    fieldsets = UserAdmin.fieldsets + ((None, {"fields": ("organisation", "position", "preferred_language")}),)
    list_display = ("username", "first_name", "last_name", "organisation", "position", "is_superuser")
    list_select_related = ("organisation",)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)
        if request.method == "GET" and response.status_code == 200:
            person = self.get_object(request, object_id)
            audit.record_personal_data_read(request.user, "admin_person", person, [person])
        return response


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "business_id", "municipality")
    list_filter = ("kind",)
    search_fields = ("name", "business_id")


WITHHELD = "—"


class _Withheld:
    """An object whose name the viewer may not see: it answers every attribute but its name."""

    def __init__(self, obj):
        self._obj = obj

    def __getattr__(self, name):
        return getattr(self._obj, name)

    def __str__(self) -> str:
        return WITHHELD


class ReadOnlyAdmin(admin.ModelAdmin):
    """Procurement data changes only through the services, which enforce the domain rules and
    write the audit trail; the admin shows it for support and inspection.

    A site administrator has no blanket pass here either: every field of a page, every column of
    a list and every searchable field is shown only as the visibility policy allows for the
    administrator viewing it (a confidential decision, an unpublished agenda or a sealed price
    is withheld exactly as on the pages and in the API)."""

    def get_fields(self, request, obj=None):
        fields = super().get_fields(request, obj)
        if obj is None:
            return fields
        return [name for name in fields if visibility.may_show(request.user, obj, name)]

    def get_list_display(self, request):
        return [self._guarded(name, request.user) for name in super().get_list_display(request)]

    def get_search_fields(self, request):
        # Searching a withheld field would tell by its hits what the field holds.
        model = self.model._meta.label_lower
        return [name for name in super().get_search_fields(request)
                if rules.protection_of(model, name.lstrip("^=@").split("__")[0]) is None]

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        # The page's title and breadcrumbs name the object: withheld like any other field.
        if obj is not None and not visibility.may_show(request.user, obj, "__str__"):
            context = {**context, "subtitle": WITHHELD, "original": _Withheld(obj)}
        return super().render_change_form(request, context, add, change, form_url, obj)

    def _guarded(self, name, user):
        if callable(name):
            return name

        def column(obj):
            if not visibility.may_show(user, obj, name):
                return WITHHELD
            return lookup_field(name, obj, self)[2]

        column.short_description = label_for_field(name, self.model, self)
        column.__name__ = name if name != "__str__" else "shown"
        return column

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class RoleInline(admin.TabularInline):
    model = ProcurementRole
    extra = 0
    readonly_fields = ("user", "role", "granted_at")
    has_add_permission = ReadOnlyAdmin.has_add_permission
    has_change_permission = ReadOnlyAdmin.has_change_permission
    has_delete_permission = ReadOnlyAdmin.has_delete_permission


@admin.register(Procurement)
class ProcurementAdmin(ReadOnlyAdmin):
    list_display = ("reference", "__str__", "authority", "phase", "is_public")
    list_filter = ("phase", "procedure", "service_area")
    list_select_related = ("authority",)
    inlines = [RoleInline]


@admin.register(PhaseChange)
class PhaseChangeAdmin(ReadOnlyAdmin):
    list_display = ("procurement", "source", "target", "changed_by", "changed_at")


admin.site.register(TargetGroup)


class AuditedAdmin(admin.ModelAdmin):
    """The statement's content is edited here by site administrators; each change is audited."""

    def save_model(self, request, obj, form, change):
        with transaction.atomic():
            before = {name: form.initial.get(name) for name in form.changed_data} if change else None
            super().save_model(request, obj, form, change)
            audit.record(request.user, f"{obj._meta.model_name}.{'change' if change else 'create'}", obj, before,
                         {name: form.cleaned_data.get(name) for name in form.changed_data})


@admin.register(AccessibilityAssessment)
class AccessibilityAssessmentAdmin(AuditedAdmin):
    list_display = ("assessed_on", "conformance", "contact_email")


@admin.register(KnownAccessibilityIssue)
class KnownAccessibilityIssueAdmin(AuditedAdmin):
    list_display = ("__str__", "criterion", "fixed_on")
    list_filter = ("fixed_on",)


@admin.register(AccessibilityFeedback)
class AccessibilityFeedbackAdmin(AuditedAdmin):
    """Staff read the feedback and mark the day they answered; its words stay as sent."""

    list_display = ("received_on", "answer_by", "answered_on", "page")
    list_filter = ("answered_on",)
    readonly_fields = ("message", "page", "contact", "received_on", "answer_by")

    def has_add_permission(self, request, obj=None):
        return False
