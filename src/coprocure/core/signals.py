"""Signals other apps listen to without core importing them."""

from django.dispatch import Signal

# Sent inside change_phase's transaction with ``procurement``, ``source`` and ``target``
# (phase values), so a listener's writes commit or roll back with the change itself.
phase_changed = Signal()
