"""Key result areas, their indicators, and the measurements reported against them."""

from __future__ import annotations

from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone

from coprocure.audit import services as audit
from coprocure.caching import versions
from coprocure.core.models import User
from coprocure.core.services import require
from coprocure.domain import kra_levels, reporting, spreadsheet
from coprocure.domain.errors import DomainError
from coprocure.errors import RowsRejected

from ..models import Contract, Indicator, Kra, Measurement
from ._common import check_kras_open, refuse


@transaction.atomic
def add_kra(actor: User, contract: Contract, data: dict, *, by_keeper: bool = False) -> Kra:
    """``by_keeper``: the app that keeps the contract's KRAs writes them (an alliance's switch to
    the service phase, KRA_KEEPERS); any other writer is refused while that app keeps them."""
    require(actor, "contracts.manage", contract.procurement)
    if not by_keeper:
        check_kras_open(contract)
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
def add_indicator(actor: User, kra: Kra, data: dict, *, by_keeper: bool = False) -> Indicator:
    """The minimum, target and excellent levels must run in the indicator's direction
    (``by_keeper`` as for add_kra)."""
    require(actor, "contracts.manage", kra.contract.procurement)
    if not by_keeper:
        check_kras_open(kra.contract)
    indicator = Indicator(kra=kra, **data)
    try:
        kra_levels.check_kra(domain_indicator(indicator, weight=kra.weight))
    except DomainError as error:
        raise refuse(DomainError(error.code, "target", error.params)) from None
    if Indicator.objects.filter(kra__contract=kra.contract_id, code=indicator.code).exists():
        raise refuse(DomainError("indicator_code_taken", "code"), status=409)
    reporter = indicator.reported_by
    if reporter is not None and reporter.contract_id != kra.contract_id:
        raise refuse(DomainError("party_other_contract", "reported_by"))
    indicator.save()
    audit.record(actor, "contracts.indicator_add", indicator, None,
                 {"code": indicator.code, "unit": indicator.unit, "direction": indicator.direction,
                  "minimum": indicator.minimum, "target": indicator.target, "excellent": indicator.excellent})
    return indicator


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
        raise refuse(DomainError("upload_duplicate_period", "period"), status=409) from None
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
