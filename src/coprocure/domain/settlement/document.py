"""The published settlement: written as plain JSON with every decimal an exact string, read back
as it stands, and recomputed from its own terms and figures to say whether it stands."""

from __future__ import annotations

from typing import Any

from .. import exact
from ..kra_levels import Direction, Kra
from .payment import settle
from .terms import (
    DOCUMENT_FORMAT, DOCUMENT_VERSION, CommercialModel, CostLine, Fee, FeeKind, KraOutcome, MissingValue, Period,
    ProviderPayment, ProviderShare, Settlement, warnings,
)


def _model_to_json(model: CommercialModel) -> dict[str, Any]:
    text, optional = exact.text, exact.optional_text
    return {
        "target_cost": text(model.target_cost),
        "fee": {"kind": FeeKind(model.fee.kind).value, "amount": text(model.fee.amount)},
        "gain_share": text(model.gain_share),
        "pain_share": text(model.pain_share),
        "gain_cap": optional(model.gain_cap),
        "pain_cap": optional(model.pain_cap),
        "kra_bonus_pool": text(model.kra_bonus_pool),
        "kra_sanction_pool": text(model.kra_sanction_pool),
        "missing_kra": MissingValue(model.missing_kra).value,
        "downside_beyond_fee": model.downside_beyond_fee,
        "kras": [
            {
                "id": kra.id,
                "weight": text(kra.weight),
                "direction": Direction(kra.direction).value,
                "minimum": text(kra.minimum),
                "target": text(kra.target),
                "excellent": text(kra.excellent),
            }
            for kra in model.kras
        ],
        "split": [{"provider_id": share.provider_id, "percent": text(share.percent)} for share in model.split],
    }


def to_json_dict(result: Settlement) -> dict[str, Any]:
    """The published form: plain JSON types, every decimal as an exact string."""
    text, optional = exact.text, exact.optional_text
    return {
        "format": DOCUMENT_FORMAT,
        "version": DOCUMENT_VERSION,
        "model": _model_to_json(result.model),
        "period": {
            "label": result.period.label,
            "cost_lines": [
                {"id": line.id, "amount": text(line.amount), "approved": line.approved}
                for line in result.period.cost_lines
            ],
            "kra_values": {kra_id: optional(value) for kra_id, value in result.period.kra_values.items()},
        },
        "actual_cost": text(result.actual_cost),
        "fee": text(result.fee),
        "deviation": text(result.deviation),
        "uncapped_incentive": text(result.uncapped_incentive),
        "target_cost_incentive": text(result.target_cost_incentive),
        "cap_applied": result.cap_applied,
        "kras": [
            {
                "kra_id": outcome.kra_id,
                "value": optional(outcome.value),
                "level": text(outcome.level),
                "missing": outcome.missing,
                "weighted_level": text(outcome.weighted_level),
            }
            for outcome in result.kras
        ],
        "kra_score": text(result.kra_score),
        "kra_incentive": text(result.kra_incentive),
        "downside": text(result.downside),
        "bounded_downside": text(result.bounded_downside),
        "fee_bound_applied": result.fee_bound_applied,
        "warnings": list(warnings(result.model)),
        "payment_exact": text(result.payment_exact),
        "payment": text(result.payment),
        "shares": [
            {"provider_id": share.provider_id, "percent": text(share.percent), "exact_share": text(share.exact_share),
             "amount": text(share.amount)}
            for share in result.shares
        ],
    }


def _field(data: Any, key: str, path: str, read: Any) -> Any:
    return read(exact.item(data, key, path), f"{path}.{key}" if path else key)


def _kra_from_json(entry: Any, path: str) -> Kra:
    return Kra(
        id=_field(entry, "id", path, exact.string),
        weight=_field(entry, "weight", path, exact.decimal),
        direction=_field(entry, "direction", path, lambda value, at: exact.enum(Direction, value, at)),
        minimum=_field(entry, "minimum", path, exact.decimal),
        target=_field(entry, "target", path, exact.decimal),
        excellent=_field(entry, "excellent", path, exact.decimal),
    )


def _model_from_json(data: Any) -> CommercialModel:
    path = "model"
    fee = exact.item(data, "fee", path)
    return CommercialModel(
        target_cost=_field(data, "target_cost", path, exact.decimal),
        fee=Fee(
            kind=_field(fee, "kind", "model.fee", lambda value, at: exact.enum(FeeKind, value, at)),
            amount=_field(fee, "amount", "model.fee", exact.decimal),
        ),
        gain_share=_field(data, "gain_share", path, exact.decimal),
        pain_share=_field(data, "pain_share", path, exact.decimal),
        gain_cap=_field(data, "gain_cap", path, exact.optional_decimal),
        pain_cap=_field(data, "pain_cap", path, exact.optional_decimal),
        kra_bonus_pool=_field(data, "kra_bonus_pool", path, exact.decimal),
        kra_sanction_pool=_field(data, "kra_sanction_pool", path, exact.decimal),
        missing_kra=_field(data, "missing_kra", path, lambda value, at: exact.enum(MissingValue, value, at)),
        downside_beyond_fee=_field(data, "downside_beyond_fee", path, exact.boolean),
        kras=tuple(
            _kra_from_json(entry, f"model.kras[{index}]")
            for index, entry in enumerate(_field(data, "kras", path, exact.array))
        ),
        split=tuple(
            ProviderShare(
                provider_id=_field(entry, "provider_id", f"model.split[{index}]", exact.string),
                percent=_field(entry, "percent", f"model.split[{index}]", exact.decimal),
            )
            for index, entry in enumerate(_field(data, "split", path, exact.array))
        ),
    )


def _period_from_json(data: Any) -> Period:
    path = "period"
    lines = []
    for index, entry in enumerate(_field(data, "cost_lines", path, exact.array)):
        at = f"period.cost_lines[{index}]"
        lines.append(CostLine(
            id=_field(entry, "id", at, exact.string),
            amount=_field(entry, "amount", at, exact.decimal),
            approved=_field(entry, "approved", at, exact.boolean),
        ))
    values = _field(data, "kra_values", path, exact.mapping)
    return Period(
        label=_field(data, "label", path, exact.string),
        cost_lines=tuple(lines),
        kra_values={
            kra_id: exact.optional_decimal(value, f"period.kra_values.{kra_id}") for kra_id, value in values.items()
        },
    )


def from_json_dict(data: Any) -> Settlement:
    """Read a published settlement back as it stands, without checking that its figures add up."""
    exact.check_header(data, DOCUMENT_FORMAT, DOCUMENT_VERSION)
    outcomes = []
    for index, entry in enumerate(_field(data, "kras", "", exact.array)):
        at = f"kras[{index}]"
        outcomes.append(KraOutcome(
            kra_id=_field(entry, "kra_id", at, exact.string),
            value=_field(entry, "value", at, exact.optional_decimal),
            level=_field(entry, "level", at, exact.decimal),
            missing=_field(entry, "missing", at, exact.boolean),
            weighted_level=_field(entry, "weighted_level", at, exact.decimal),
        ))
    shares = []
    for index, entry in enumerate(_field(data, "shares", "", exact.array)):
        at = f"shares[{index}]"
        shares.append(ProviderPayment(
            provider_id=_field(entry, "provider_id", at, exact.string),
            percent=_field(entry, "percent", at, exact.decimal),
            exact_share=_field(entry, "exact_share", at, exact.decimal),
            amount=_field(entry, "amount", at, exact.decimal),
        ))
    return Settlement(
        model=_model_from_json(exact.item(data, "model", "")),
        period=_period_from_json(exact.item(data, "period", "")),
        actual_cost=_field(data, "actual_cost", "", exact.decimal),
        fee=_field(data, "fee", "", exact.decimal),
        deviation=_field(data, "deviation", "", exact.decimal),
        uncapped_incentive=_field(data, "uncapped_incentive", "", exact.decimal),
        target_cost_incentive=_field(data, "target_cost_incentive", "", exact.decimal),
        cap_applied=_field(data, "cap_applied", "", exact.boolean),
        kras=tuple(outcomes),
        kra_score=_field(data, "kra_score", "", exact.decimal),
        kra_incentive=_field(data, "kra_incentive", "", exact.decimal),
        downside=_field(data, "downside", "", exact.decimal),
        bounded_downside=_field(data, "bounded_downside", "", exact.decimal),
        fee_bound_applied=_field(data, "fee_bound_applied", "", exact.boolean),
        payment_exact=_field(data, "payment_exact", "", exact.decimal),
        payment=_field(data, "payment", "", exact.decimal),
        shares=tuple(shares),
    )


def recompute(data: Any) -> tuple[Settlement, bool]:
    """Recompute a published settlement from its own terms and figures and say whether it stands.

    ``matches`` is true only when every published figure equals the recomputed one exactly
    (as numbers, so "10" and "10.00" agree) and in the same order as the model lists them.
    """
    published = from_json_dict(data)
    result = settle(published.model, published.period)
    return result, result == published


def differences(data: Any) -> list[str]:
    """Every figure of a published settlement that its own terms and figures do not recompute
    to, by its path in the document (``fee``, ``kras[1].level``, ``shares[0].amount``…); empty
    when it stands. Decimals are compared as numbers, so "10" and "10.00" agree."""
    published = from_json_dict(data)
    recomputed = to_json_dict(settle(published.model, published.period))
    given = to_json_dict(published)
    return [path for path, value in _flat(recomputed).items() if not _same(value, _flat(given).get(path))] + [
        path for path in _flat(given) if path not in _flat(recomputed)]


def _flat(value: Any, path: str = "") -> dict[str, Any]:
    if isinstance(value, dict):
        return {key: item for name, inner in value.items()
                for key, item in _flat(inner, f"{path}.{name}" if path else name).items()}
    if isinstance(value, list):
        return {key: item for index, inner in enumerate(value) for key, item in _flat(inner, f"{path}[{index}]").items()}
    return {path: value}


def _same(a: Any, b: Any) -> bool:
    try:
        return exact.decimal(a, "") == exact.decimal(b, "") if isinstance(a, str) and isinstance(b, str) else a == b
    except Exception:  # not decimals: compare as they are
        return a == b
