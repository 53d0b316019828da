"""What the participation services' chapters share."""

from __future__ import annotations

from coprocure.core.models import TargetGroup
from coprocure.domain.errors import DomainError
from coprocure.errors import ServiceError, message_for

from ..models import Activity, AgeBand


def fail(problems: list[DomainError], status: int = 422) -> ServiceError:
    errors: dict[str | None, list[tuple[str, str]]] = {}
    for problem in problems:
        errors.setdefault(problem.field, []).append((problem.code, message_for(problem.code, problem.params)))
    return ServiceError(errors, status)


def check_background(background: dict) -> list[DomainError]:
    problems = []
    group = background.get("target_group") or ""
    if group and not TargetGroup.objects.filter(code=group).exists():
        problems.append(DomainError("background_unknown", "target_group"))
    if (background.get("age_band") or "") not in {"", *AgeBand.values}:
        problems.append(DomainError("background_unknown", "age_band"))
    return problems


def locked_activity(pk: int) -> Activity:
    return Activity.objects.select_for_update().select_related("procurement").get(pk=pk)
