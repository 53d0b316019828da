"""Participation's signals, for the apps above it."""

from django.dispatch import Signal

# Sent inside the transaction that mixed all of a survey's anonymous responses together (the
# survey has closed), with ``procurement_id``: follow-up mixes the procurement's contacts then.
answers_mixed = Signal()
