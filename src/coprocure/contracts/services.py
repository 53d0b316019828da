"""The only code that writes contract-period data. Each function checks the actor's
permission, applies the domain rules, runs in one transaction and is audited."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Avg, Count, DecimalField, Max, Prefetch
from django.db.models.functions import Cast
from django.urls import reverse
from django.utils import timezone, translation as locale
from django.utils.translation import gettext

from coprocure.caching import versions
from coprocure.audit import services as audit
from coprocure.core.models import Procurement, User
from coprocure.core import moderation
from coprocure.core.services import require, require_accountable
from coprocure.domain import complaints
from coprocure.domain import backlog, kra_levels, privacy, reporting, spreadsheet, steering, translation
from coprocure.domain.errors import DomainError
from coprocure.errors import RowsRejected, ServiceError, message_for
from coprocure.core import signals
from coprocure.participation import services as participation
from coprocure.participation.models import Answer, Question, QuestionKind
from coprocure.tendering.models import AwardDecision, ComplaintOutcome

from .models import (
    Amendment, Compensation, Contract, ContractDocument, Decision, DevelopmentProposal, Indicator, Kra, Measurement, Meeting,
    DataSource, MemberPosition, Party, PartyRole, ProposalToken, ReportReminder, SteeringMember, SurveyRound,
)


def _refuse(error: DomainError, status: int = 422) -> ServiceError:
    return ServiceError.from_domain(error, status)


def _contract_snapshot(contract: Contract) -> dict:
    return {"kind": contract.kind, "title": contract.title, "starts_on": contract.starts_on,
            "ends_on": contract.ends_on, "version": contract.version}


@transaction.atomic
def create_contract(actor: User, procurement: Procurement, data: dict) -> Contract:
    """The contracting authority becomes the first party; providers are added next."""
    procurement = Procurement.objects.select_for_update().select_related("authority").get(pk=procurement.pk)
    require(actor, "contracts.manage", procurement)
    if procurement.phase != "contract":
        raise _refuse(DomainError("contract_needs_contract_phase"), status=409)
    _check_standstill(procurement)
    contract = Contract.objects.create(procurement=procurement, **data)
    Party.objects.create(contract=contract, organisation=procurement.authority, name=procurement.authority.name,
                         role=PartyRole.AUTHORITY)
    audit.record(actor, "contracts.contract_create", contract, None, _contract_snapshot(contract))
    return contract


def _check_standstill(procurement: Procurement) -> None:
    """After an award, the contract waits for the standstill to end and every complaint to be answered."""
    award = AwardDecision.objects.select_for_update().filter(tender__procurement=procurement).first()
    if award is None:
        return
    pending = award.complaints.filter(outcome=ComplaintOutcome.PENDING).count()
    try:
        complaints.check_can_sign(timezone.localdate(), award.standstill_ends_on, pending)
    except DomainError as error:
        raise _refuse(error, status=409) from None


@transaction.atomic
def add_party(actor: User, contract: Contract, data: dict) -> Party:
    require(actor, "contracts.manage", contract.procurement)
    organisation = data.get("organisation")
    if organisation is not None and contract.parties.filter(organisation=organisation).exists():
        raise _refuse(DomainError("party_duplicate", "organisation"), status=409)
    if data.get("role") == PartyRole.AUTHORITY:
        raise _refuse(DomainError("party_second_authority", "role"))
    party = Party.objects.create(contract=contract, **data)
    audit.record(actor, "contracts.party_add", contract, None,
                 {"party": party.name, "organisation": party.organisation_id, "role": party.role,
                  "consortium_role": party.consortium_role})
    return party


@transaction.atomic
def add_document(actor: User, contract: Contract, data: dict) -> ContractDocument:
    require(actor, "contracts.manage", contract.procurement)
    document = ContractDocument.objects.create(contract=contract, **data)
    audit.record(actor, "contracts.document_add", contract, None, {"title": document.title, "url": document.url})
    return document


@transaction.atomic
def amend_contract(actor: User, contract: Contract, data: dict) -> Amendment:
    """A new version of the contract, approved by a recorded decision of this contract."""
    contract = Contract.objects.select_for_update().select_related("procurement").get(pk=contract.pk)
    require(actor, "contracts.manage", contract.procurement)
    decision = data["decision"]
    if decision.contract_id != contract.pk:
        raise _refuse(DomainError("amendment_decision_other_contract", "decision"))
    try:
        steering.check_new_end(contract.starts_on, data.get("new_ends_on"))
    except DomainError as error:
        raise _refuse(error) from None
    before = _contract_snapshot(contract)
    contract.version += 1
    if data.get("new_ends_on"):
        contract.ends_on = data["new_ends_on"]
    contract.save(update_fields=["version", "ends_on", "updated_at"])
    amendment = Amendment.objects.create(contract=contract, version=contract.version, created_by=actor, **data)
    audit.record(actor, "contracts.amend", contract, before,
                 {**_contract_snapshot(contract), "reason": amendment.reason, "decision": decision.pk})
    return amendment


@transaction.atomic
def add_member(actor: User, contract: Contract, data: dict) -> SteeringMember:
    require(actor, "contracts.manage", contract.procurement)
    deputy_for = data.get("deputy_for")
    if deputy_for is not None and deputy_for.contract_id != contract.pk:
        raise _refuse(DomainError("member_deputy_other_contract", "deputy_for"))
    member = SteeringMember.objects.create(contract=contract, **data)
    audit.record(actor, "contracts.member_add", contract, None,
                 {"member": member.name, "role": member.role, "term_starts": member.term_starts,
                  "term_ends": member.term_ends, "deputy_for": member.deputy_for_id})
    return member


@transaction.atomic
def schedule_meeting(actor: User, contract: Contract, data: dict) -> Meeting:
    require(actor, "contracts.manage", contract.procurement)
    meeting = Meeting.objects.create(contract=contract, **data)
    audit.record(actor, "contracts.meeting_schedule", meeting, None,
                 {"starts_at": meeting.starts_at, "agenda": meeting.agenda})
    return meeting


@transaction.atomic
def publish_agenda(actor: User, meeting: Meeting, now=None) -> Meeting:
    meeting = Meeting.objects.select_for_update().select_related("contract__procurement").get(pk=meeting.pk)
    require(actor, "contracts.manage", meeting.contract.procurement)
    now = now or timezone.now()
    if meeting.agenda_published_at is not None:
        raise _refuse(DomainError("agenda_already_published", "agenda"), status=409)
    try:
        steering.check_agenda_publishable(meeting.starts_at, now)
    except DomainError as error:
        raise _refuse(error, status=409) from None
    meeting.agenda_published_at = now
    meeting.save(update_fields=["agenda_published_at"])
    audit.record(actor, "contracts.agenda_publish", meeting, None, {"published_at": now})
    return meeting


@transaction.atomic
def record_minutes(actor: User, meeting: Meeting, data: dict) -> Meeting:
    meeting = Meeting.objects.select_for_update().select_related("contract__procurement").get(pk=meeting.pk)
    require(actor, "contracts.manage", meeting.contract.procurement)
    attendees = list(data.get("attendees", []))
    if any(member.contract_id != meeting.contract_id for member in attendees):
        raise _refuse(DomainError("member_other_contract", "attendees"))
    before = {"minutes": meeting.minutes, "attendees": sorted(meeting.attendees.values_list("pk", flat=True))}
    meeting.minutes = data["minutes"]
    meeting.save(update_fields=["minutes"])
    meeting.attendees.set(attendees)
    audit.record(actor, "contracts.minutes_record", meeting, before,
                 {"minutes": meeting.minutes, "attendees": sorted(member.pk for member in attendees)})
    return meeting


@transaction.atomic
def record_compensation(actor: User, meeting: Meeting, data: dict) -> Compensation:
    require(actor, "contracts.manage", meeting.contract.procurement)
    member = data["member"]
    if member.contract_id != meeting.contract_id:
        raise _refuse(DomainError("member_other_contract", "member"))
    try:
        steering.check_compensation(member.role, meeting.attendees.filter(pk=member.pk).exists())
    except DomainError as error:
        raise _refuse(error) from None
    compensation, _created = Compensation.objects.update_or_create(
        meeting=meeting, member=member, defaults={"hours": data["hours"], "fee": data["fee"]},
    )
    audit.record(actor, "contracts.compensation_record", meeting, None,
                 {"member": member.pk, "hours": compensation.hours, "fee": compensation.fee})
    return compensation


def check_accountable(official: User | None, contract: Contract) -> None:
    if official is None:
        raise _refuse(DomainError("accountable_required", "accountable_official"))
    require_accountable(official, contract.procurement.authority_id)


def _decision_snapshot(decision: Decision) -> dict:
    return {"number": decision.number, "title": decision.title, "decided": decision.decided,
            "reasoning": decision.reasoning, "proposed_by": decision.proposed_by,
            "proposer_role": decision.proposer_role, "accountable_official": decision.accountable_official_id,
            "decided_on": decision.decided_on, "is_confidential": decision.is_confidential,
            "confidentiality_reason": decision.confidentiality_reason}


@transaction.atomic
def record_decision(actor: User, contract: Contract, data: dict) -> Decision:
    """Record a decision with the official accountable for it; nobody else can carry it."""
    contract = Contract.objects.select_for_update().select_related("procurement").get(pk=contract.pk)
    require(actor, "contracts.decide", contract.procurement)
    check_accountable(data.get("accountable_official"), contract)
    try:
        steering.check_confidentiality(data.get("is_confidential", False), data.get("confidentiality_reason", ""))
    except DomainError as error:
        raise _refuse(error) from None
    meeting = data.get("meeting")
    if meeting is not None and meeting.contract_id != contract.pk:
        raise _refuse(DomainError("meeting_other_contract", "meeting"))
    number = (contract.decisions.aggregate(last=Max("number"))["last"] or 0) + 1
    decision = Decision.objects.create(contract=contract, number=number, recorded_by=actor, **data)
    audit.record(actor, "contracts.decision_record", decision, None, _decision_snapshot(decision))
    return decision


@transaction.atomic
def record_position(actor: User, decision: Decision, data: dict) -> MemberPosition:
    """Record, or correct, one member's position on a decision with their view in their own words."""
    decision = Decision.objects.select_for_update().select_related("contract__procurement").get(pk=decision.pk)
    require(actor, "contracts.decide", decision.contract.procurement)
    member = data["member"]
    if member.contract_id != decision.contract_id:
        raise _refuse(DomainError("member_other_contract", "member"))
    view = data.get("view", "").strip()
    try:
        steering.check_position(data["position"], view)
    except DomainError as error:
        raise _refuse(error) from None
    existing = decision.positions.filter(member=member).first()
    before = {"member": member.pk, "position": existing.position, "view": existing.view} if existing else None
    position, _created = MemberPosition.objects.update_or_create(
        decision=decision, member=member, defaults={"position": data["position"], "view": view, "recorded_by": actor},
    )
    audit.record(actor, "contracts.position_record", decision, before,
                 {"member": member.pk, "position": position.position, "view": position.view})
    return position


@transaction.atomic
def add_kra(actor: User, contract: Contract, data: dict) -> Kra:
    require(actor, "contracts.manage", contract.procurement)
    data.setdefault("ordering", contract.kras.count() + 1)
    kra = Kra.objects.create(contract=contract, **data)
    audit.record(actor, "contracts.kra_add", kra, None, {"name": kra.name, "weight": kra.weight})
    return kra


def domain_indicator(indicator: Indicator, weight=None) -> kra_levels.Kra:
    def exact(value) -> Decimal:
        return value if isinstance(value, Decimal) else Decimal(str(value))

    return kra_levels.Kra(
        id=indicator.code, weight=exact(weight if weight is not None else indicator.kra.weight),
        direction=kra_levels.Direction(indicator.direction),
        minimum=exact(indicator.minimum), target=exact(indicator.target), excellent=exact(indicator.excellent),
    )


@transaction.atomic
def add_indicator(actor: User, kra: Kra, data: dict) -> Indicator:
    """The minimum, target and excellent levels must run in the indicator's direction."""
    require(actor, "contracts.manage", kra.contract.procurement)
    indicator = Indicator(kra=kra, **data)
    try:
        kra_levels.check_kra(domain_indicator(indicator, weight=kra.weight))
    except DomainError as error:
        raise _refuse(DomainError(error.code, "target", error.params)) from None
    if Indicator.objects.filter(kra__contract=kra.contract_id, code=indicator.code).exists():
        raise _refuse(DomainError("indicator_code_taken", "code"), status=409)
    reporter = indicator.reported_by
    if reporter is not None and reporter.contract_id != kra.contract_id:
        raise _refuse(DomainError("party_other_contract", "reported_by"))
    indicator.save()
    audit.record(actor, "contracts.indicator_add", indicator, None,
                 {"code": indicator.code, "unit": indicator.unit, "direction": indicator.direction,
                  "minimum": indicator.minimum, "target": indicator.target, "excellent": indicator.excellent})
    return indicator


@transaction.atomic
def submit_proposal(contract: Contract, data: dict, submitter: User | None = None) -> DevelopmentProposal:
    """Store a development proposal. Without a signed-in submitter it is anonymous: no user,
    no session, no address and no audit entry (whose time would identify the moment), only the
    day; the text is redacted before it is stored, since the trail is public."""
    procurement = contract.procurement
    if submitter is not None and not submitter.has_perm("contracts.propose", procurement):
        raise PermissionDenied("contracts.propose")
    if procurement.phase == "closed":
        raise _refuse(DomainError("proposals_closed"), status=409)
    try:
        text = backlog.check_text(data["text"])
    except DomainError as error:
        raise _refuse(error) from None
    token = data.get("token")
    if token and not ProposalToken.objects.filter(contract=contract, digest=ProposalToken.digest_of(token),
                                                  used=False).update(used=True):
        # The same form sent twice (a double tap, the back button): the first one was stored.
        raise _refuse(DomainError("proposal_already_sent"), status=409)
    text, redacted = privacy.redact(text)
    proposal = DevelopmentProposal.objects.create(
        contract=contract, text=text, redacted=redacted, proposer_kind=data["proposer_kind"],
        submitted_by=submitter, submitted_on=timezone.localdate(),
    )
    if submitter is not None:
        audit.record(submitter, "contracts.proposal_submit", proposal, None, {"text": proposal.text})
    return proposal


def issue_proposal_token(contract: Contract) -> str:
    """A fresh one-time token for one idea form."""
    return ProposalToken.issue(contract)


@transaction.atomic
def decide_proposal(actor: User, proposal: DevelopmentProposal, data: dict) -> DevelopmentProposal:
    """Move a proposal along the backlog and say publicly what became of it."""
    proposal = DevelopmentProposal.objects.select_for_update().select_related("contract__procurement").get(pk=proposal.pk)
    require(actor, "contracts.manage", proposal.contract.procurement)
    try:
        backlog.check_status(data["status"], bool(translation.normalise(data.get("status_reason"))),
                             bool(translation.normalise(data.get("outcome"))))
    except DomainError as error:
        raise _refuse(error) from None
    kras = list(data.pop("kras", []))
    if any(kra.contract_id != proposal.contract_id for kra in kras):
        raise _refuse(DomainError("kra_other_contract", "kras"))
    before = {"status": proposal.status, "owner": proposal.owner_id}
    for name, value in data.items():
        setattr(proposal, name, value)
    proposal.save()
    proposal.kras.set(kras)
    audit.record(actor, "contracts.proposal_decide", proposal, before,
                 {"status": proposal.status, "owner": proposal.owner_id, "status_reason": proposal.status_reason,
                  "outcome": proposal.outcome, "kras": sorted(kra.pk for kra in kras)})
    signals.proposal_decided.send(DevelopmentProposal, proposal=proposal)
    return proposal


@transaction.atomic
def redact_proposal(actor: User, proposal: DevelopmentProposal, data: dict) -> DevelopmentProposal:
    """Hide part of a proposal's public text with a reason. The original stays as it was sent;
    the author, if they signed in with an address, is told what was hidden and why."""
    proposal = DevelopmentProposal.objects.select_for_update(of=("self",)).select_related(
        "contract__procurement", "submitted_by").get(pk=proposal.pk)
    require(actor, "contracts.manage", proposal.contract.procurement)
    redaction = moderation.new_redaction(proposal.text, data, actor)
    proposal.redactions = [*proposal.redactions, redaction]
    proposal.save(update_fields=["redactions"])
    audit.record(actor, "contracts.proposal_redact", proposal, None,
                 {"start": redaction["start"], "end": redaction["end"], "reason": redaction["reason"]})
    author = proposal.submitted_by
    if author is not None and author.email:
        transaction.on_commit(lambda: moderation.tell_author(author, proposal, redaction["reason"],
                                                             reverse("you_said_we_did", args=[proposal.contract_id])))
    return proposal


def indicator_specs(contract: Contract) -> dict[str, spreadsheet.IndicatorSpec]:
    return {
        indicator.code: spreadsheet.IndicatorSpec(indicator.code, indicator.unit, indicator.frequency)
        for indicator in Indicator.objects.filter(kra__contract=contract)
    }


def check_report(contract: Contract, table: list[list]) -> tuple[list[spreadsheet.Row], list[spreadsheet.RowError]]:
    """Every row checked against the contract's indicators, period and earlier reports."""
    existing = frozenset(
        Measurement.objects.filter(indicator__kra__contract=contract).values_list("indicator__code", "period_start")
    )
    return spreadsheet.validate(table, indicator_specs(contract), contract.starts_on, contract.ends_on, existing)


@transaction.atomic
def report_measurements(actor: User, contract: Contract, table: list[list], source: str) -> list[Measurement]:
    """Store a provider's report, all rows or none."""
    contract = Contract.objects.select_for_update().select_related("procurement").get(pk=contract.pk)
    require(actor, "contracts.report", contract)
    rows, errors = check_report(contract, table)
    if errors:
        raise RowsRejected(errors)
    indicators = {indicator.code: indicator for indicator in Indicator.objects.filter(kra__contract=contract)}
    try:
        with transaction.atomic():
            stored = Measurement.objects.bulk_create([
                Measurement(indicator=indicators[row.indicator], period_start=row.period.start,
                            period_end=row.period.end, value=row.value, source=source, reported_by=actor)
                for row in rows
            ])
    except IntegrityError:
        # Another report for the same period landed between the check and the insert.
        raise _refuse(DomainError("upload_duplicate_period", "period"), status=409) from None
    # A bulk insert sends no signals: the outcome dashboard's cached copies are made stale here.
    versions.procurement_changed(contract.procurement_id)
    audit.record(actor, "contracts.report", contract, None, {
        "source": source, "rows": [[row.indicator, row.period.start.isoformat(), str(row.value)] for row in rows],
    })
    return stored


def expected_reports(contract: Contract, indicator: Indicator, today) -> list[reporting.ExpectedReport]:
    """The indicator's expected reports and their states; reads ``indicator.measurements.all()``,
    so prefetch them when there are many indicators."""
    reported = {m.period_start: timezone.localtime(m.reported_at).date() for m in indicator.measurements.all()}
    return reporting.expected_reports(contract.starts_on, contract.ends_on, indicator.frequency, reported, today)


def remind_late_reports(today=None) -> int:
    """E-mail the reporting party's people once for each late or missing report and record it,
    so that running again (daily, from cron) sends nothing twice. Returns the reminders sent."""
    today = today or timezone.localdate()
    indicators = (
        Indicator.objects.filter(reported_by__organisation__isnull=False, kra__contract__starts_on__lt=today)
        .select_related("kra__contract", "reported_by__organisation")
        .prefetch_related(Prefetch("measurements", queryset=Measurement.objects.only("indicator", "period_start",
                                                                                        "reported_at")),
                          "reminders", "reported_by__organisation__people")
    )
    sent = 0
    for indicator in indicators:
        contract = indicator.kra.contract
        reminded = {reminder.period_start for reminder in indicator.reminders.all()}
        due = [report for report in reporting.overdue(expected_reports(contract, indicator, today))
               if report.period.start not in reminded]
        people = [person for person in indicator.reported_by.organisation.people.all() if person.is_active and person.email]
        if not people:
            continue
        for report in due:
            sent += _remind(indicator, contract, report, people)
    return sent


def _remind(indicator: Indicator, contract: Contract, report: reporting.ExpectedReport, people) -> int:
    try:
        with transaction.atomic():
            ReportReminder.objects.create(indicator=indicator, period_start=report.period.start,
                                          period_end=report.period.end, recipients=len(people))
            audit.record(None, "contracts.report_remind", indicator, None, {
                "period_start": report.period.start, "state": report.state.value, "recipients": len(people)})
            # Sent inside the transaction: when sending fails nothing is recorded and the next run tries again.
            with locale.override(people[0].preferred_language):
                send_mail(
                    gettext("Please report the results for %(indicator)s") % {"indicator": str(indicator)},
                    gettext("The result of “%(indicator)s” for %(start)s–%(end)s was due by %(deadline)s for the "
                            "contract “%(contract)s”, and it has not been reported yet. Please report it on the "
                            "contract's report page, through the API or as a file.") % {
                        "indicator": str(indicator), "contract": str(contract),
                        "start": report.period.start.strftime("%d.%m.%Y"), "end": report.period.end.strftime("%d.%m.%Y"),
                        "deadline": report.deadline.strftime("%d.%m.%Y")},
                    None, [person.email for person in people],
                )
    except IntegrityError:
        # Another run recorded this reminder first.
        return 0
    return 1


# Answers are stored as JSON; a Likert answer is a whole number from 1 to 5.
LIKERT_NUMBER = DecimalField(max_digits=9, decimal_places=4)
QUESTION_FIELDS = ("kind", "text", "help", "required", "choices", "allow_other", "minimum", "maximum", "ordering")


def _survey_indicator(actor: User, indicator: Indicator) -> Indicator:
    indicator = Indicator.objects.select_for_update().select_related("kra__contract__procurement").get(pk=indicator.pk)
    require(actor, "contracts.manage", indicator.kra.contract.procurement)
    if indicator.data_source != DataSource.SURVEY:
        raise _refuse(DomainError("indicator_not_survey", "question"), status=409)
    return indicator


def _day_start(day) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


@transaction.atomic
def link_survey_question(actor: User, indicator: Indicator, data: dict) -> SurveyRound:
    """Make a Likert question of one of the procurement's surveys the first round of a
    user-reported indicator, for the period that ``period_start`` falls in."""
    indicator = _survey_indicator(actor, indicator)
    question: Question = data["question"]
    if question.kind != QuestionKind.LIKERT:
        raise _refuse(DomainError("survey_question_not_likert", "question"))
    if question.survey.activity.procurement_id != indicator.kra.contract.procurement_id:
        raise _refuse(DomainError("survey_other_procurement", "question"))
    if indicator.survey_rounds.exists():
        raise _refuse(DomainError("survey_round_exists", "question"), status=409)
    period = spreadsheet.period_of(data["period_start"], indicator.frequency)
    survey_round = SurveyRound.objects.create(indicator=indicator, survey=question.survey, question=question,
                                              period_start=period.start, period_end=period.end)
    audit.record(actor, "contracts.survey_link", indicator, None,
                 {"question": question.pk, "period_start": period.start})
    return survey_round


@transaction.atomic
def open_next_round(actor: User, indicator: Indicator) -> SurveyRound:
    """Copy the latest round's survey, with all its questions, for the next period: the same
    short survey again, open from the first to the last day of that period."""
    indicator = _survey_indicator(actor, indicator)
    contract = indicator.kra.contract
    last = indicator.survey_rounds.select_related("survey__activity").order_by("-period_start").first()
    if last is None:
        raise _refuse(DomainError("survey_round_none", "question"), status=409)
    period = spreadsheet.period_of(last.period_end + timedelta(days=1), indicator.frequency)
    if period.start > contract.ends_on:
        raise _refuse(DomainError("survey_round_after_contract"), status=409)
    previous = last.survey
    copy = participation.create_survey(actor, previous.activity, {
        "title": previous.title, "intro": previous.intro, "mode": previous.mode, "k_threshold": previous.k_threshold,
        "opens_at": _day_start(period.start), "closes_at": _day_start(period.end + timedelta(days=1)),
    })
    question = None
    for original in previous.questions.all():
        added = participation.add_question(actor, copy, {name: getattr(original, name) for name in QUESTION_FIELDS})
        if original.pk == last.question_id:
            question = added
    survey_round = SurveyRound.objects.create(indicator=indicator, survey=copy, question=question,
                                              period_start=period.start, period_end=period.end)
    audit.record(actor, "contracts.survey_round_open", indicator, None,
                 {"survey": copy.pk, "question": question.pk, "period_start": period.start})
    return survey_round


def survey_measurement(indicator: Indicator, period: spreadsheet.Period) -> reporting.SurveyValue:
    """The period's value from the answers to the indicator's round questions dated in the
    period, averaged in the database; no value below the privacy threshold."""
    result = Answer.objects.filter(
        question__indicator_rounds__indicator=indicator,
        response__answered_on__gte=period.start, response__answered_on__lte=period.end,
    ).aggregate(answers=Count("pk"), mean=Avg(Cast("value", LIKERT_NUMBER)))
    return reporting.survey_value(result["answers"], result["mean"])


@transaction.atomic
def record_survey_measurement(actor: User, indicator: Indicator, data: dict) -> Measurement:
    """Store the period's survey value as the indicator's measurement, or refuse with the
    number of answers when there are too few to show."""
    indicator = _survey_indicator(actor, indicator)
    contract = indicator.kra.contract
    period = spreadsheet.period_of(data["period_start"], indicator.frequency)
    if period.end >= timezone.localdate():
        raise _refuse(DomainError("survey_period_not_ended", "period_start"), status=409)
    if period.end < contract.starts_on or period.start > contract.ends_on:
        raise _refuse(DomainError("upload_period_outside_contract", "period_start"))
    if indicator.measurements.filter(period_start=period.start).exists():
        raise _refuse(DomainError("upload_duplicate_period", "period_start"), status=409)
    value = survey_measurement(indicator, period)
    if value.suppressed:
        raise _refuse(DomainError("survey_too_few_answers", "period_start",
                                  {"answers": value.answers, "k": value.k}), status=409)
    measurement = Measurement.objects.create(indicator=indicator, period_start=period.start, period_end=period.end,
                                             value=value.value, source="survey", reported_by=actor)
    audit.record(actor, "contracts.survey_measure", indicator, None,
                 {"period_start": period.start, "value": measurement.value, "answers": value.answers})
    return measurement


# Corrections by staff: each edit or removal is permission-checked and audited with the record
# as it was, and a record others depend on is kept (with the reason) rather than removed.
EDITABLE = {
    SteeringMember: ("name", "role", "organisation_id", "user_id", "term_starts", "term_ends", "deputy_for_id"),
    Meeting: ("starts_at", "place", "agenda", "materials"),
    Kra: ("name", "description", "weight"),
    Indicator: ("code", "name", "unit", "direction", "baseline", "minimum", "target", "excellent", "frequency",
                "data_source", "reported_by_id"),
    ContractDocument: ("title", "url"),
}


def _contract_of(record) -> Contract:
    return record.kra.contract if isinstance(record, Indicator) else record.contract


def _snapshot(record) -> dict:
    return {name: getattr(record, name) for name in EDITABLE[type(record)]}


def _locked(actor: User, record):
    model = type(record)
    related = "kra__contract__procurement" if model is Indicator else "contract__procurement"
    record = model.objects.select_for_update(of=("self",)).select_related(related).get(pk=record.pk)
    require(actor, "contracts.manage", _contract_of(record).procurement)
    return record


def _check_correctable(record) -> None:
    if isinstance(record, Indicator) and record.measurements.exists():
        raise _refuse(DomainError("indicator_has_measurements"), status=409)
    if isinstance(record, SteeringMember) and (record.positions.exists() or record.compensations.exists()
                                               or record.meetings.exists()):
        raise _refuse(DomainError("member_has_records"), status=409)
    if isinstance(record, Meeting) and (record.decisions.exists() or record.compensations.exists()
                                        or record.agenda_published_at is not None):
        raise _refuse(DomainError("meeting_has_records"), status=409)
    if isinstance(record, Kra) and Measurement.objects.filter(indicator__kra=record).exists():
        raise _refuse(DomainError("kra_has_measurements"), status=409)


@transaction.atomic
def correct(actor: User, record, data: dict):
    """Edit a steering member, meeting, KRA, indicator or document. An indicator with
    measurements keeps its definition: the stored values were measured against it."""
    record = _locked(actor, record)
    if isinstance(record, Indicator):
        _check_correctable(record)
        try:
            kra_levels.check_kra(domain_indicator(Indicator(kra=record.kra, **data)))
        except DomainError as error:
            raise _refuse(DomainError(error.code, "target", error.params)) from None
        if Indicator.objects.filter(kra__contract=record.kra.contract_id, code=data["code"]).exclude(pk=record.pk).exists():
            raise _refuse(DomainError("indicator_code_taken", "code"), status=409)
    if isinstance(record, SteeringMember) and data.get("deputy_for") is not None and (
            data["deputy_for"].pk == record.pk or data["deputy_for"].contract_id != record.contract_id):
        raise _refuse(DomainError("member_deputy_other_contract", "deputy_for"))
    before = _snapshot(record)
    for name, value in data.items():
        setattr(record, name, value)
    record.save()
    audit.record(actor, f"contracts.{type(record).__name__.lower()}_edit", record, before, _snapshot(record))
    return record


@transaction.atomic
def remove(actor: User, record) -> None:
    """Remove a record entered by mistake. A KRA or indicator with measurements, a member with
    attendance, fees or positions, and a published meeting or one with decisions or fees stay."""
    record = _locked(actor, record)
    _check_correctable(record)
    audit.record(actor, f"contracts.{type(record).__name__.lower()}_remove", record, _snapshot(record), None)
    record.delete()
