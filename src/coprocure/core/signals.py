"""Signals other apps listen to without core importing them."""

from django.dispatch import Signal

# Sent inside change_phase's transaction with ``procurement``, ``source`` and ``target``
# (phase values), so a listener's writes commit or roll back with the change itself.
phase_changed = Signal()

# Sent inside a service's transaction, with ``procurement``, when what the procurement's
# "you said, we did" page says has changed (an insight made or decided, an objective tracing
# insights).
you_said_we_did_changed = Signal()

# Sent inside the service's transaction, with ``proposal``, when a development proposal is decided.
proposal_decided = Signal()
