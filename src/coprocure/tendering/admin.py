from django.contrib import admin

from coprocure.core.admin import ReadOnlyAdmin

from .models import (
    AwardDecision, Bid, Complaint, DocumentVersion, Lot, Objective, QualityCriterion, SectionComment, Tender,
)


# Tendering data changes only through the services. Bids show who bid and when, never their
# content: the sealed bytes, price and answers are left out of the admin altogether, and
# scores stay out until published with the award.
@admin.register(Objective)
class ObjectiveAdmin(ReadOnlyAdmin):
    list_display = ("__str__", "procurement", "agreed_on")


@admin.register(Tender)
class TenderAdmin(ReadOnlyAdmin):
    list_display = ("__str__", "deadline", "published_at", "opened_at")
    fields = ("procurement", "deadline", "consortia_allowed", "quality_method", "tie_rule", "price_weight",
              "complaint_days", "published_at", "opened_at", "opened_by")


@admin.register(QualityCriterion)
class QualityCriterionAdmin(ReadOnlyAdmin):
    list_display = ("__str__", "tender", "weight", "scale_max")
    fields = ("tender", "name", "weight", "scale_max")


@admin.register(Lot)
class LotAdmin(ReadOnlyAdmin):
    list_display = ("__str__", "tender", "estimated_value")
    fields = ("tender", "number", "title", "estimated_value")


@admin.register(Bid)
class BidAdmin(ReadOnlyAdmin):
    list_display = ("__str__", "tender", "lot", "lead", "submitted_at", "withdrawn_at")
    fields = ("tender", "lot", "lead", "submitted_by", "submitted_at", "withdrawn_at")
    list_select_related = ("tender__procurement", "lead")


@admin.register(AwardDecision)
class AwardDecisionAdmin(ReadOnlyAdmin):
    list_display = ("tender", "winner", "accountable_official", "decided_on", "standstill_ends_on", "published_at")
    fields = ("tender", "winner", "accountable_official", "decided_on", "standstill_ends_on", "published_at")


@admin.register(Complaint)
class ComplaintAdmin(ReadOnlyAdmin):
    list_display = ("decision", "kind", "filed_on", "outcome", "answered_on")
    fields = ("decision", "kind", "organisation", "filed_on", "grounds", "outcome", "answer", "answered_by", "answered_on")


@admin.register(DocumentVersion)
class DocumentVersionAdmin(ReadOnlyAdmin):
    list_display = ("document", "number", "published_at", "published_by")
    fields = ("document", "number", "sections", "published_by", "published_at")


@admin.register(SectionComment)
class SectionCommentAdmin(ReadOnlyAdmin):
    list_display = ("section", "created_at")
    fields = ("section", "redactions", "created_at")
