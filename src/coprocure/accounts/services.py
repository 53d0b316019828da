from django.db import transaction

from coprocure.audit import services as audit


@transaction.atomic
def confirm_device(user, device) -> None:
    """The first correct code proves the authenticator works; from now on it is required."""
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    audit.record(user, "account.second_factor_set_up", user, None, {"device": device.pk})
