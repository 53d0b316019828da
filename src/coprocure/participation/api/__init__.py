"""/api/v1 endpoints for participation: the public reads a procurement's plan and activities,
reads a survey's questions and sends answers without an account; the procurement's staff plan,
run surveys and events, record insights and see the results."""

from ninja import Router

router = Router(tags=["participation"])

# The chapters register their endpoints on ``router``.
from . import equality, events, exports, insights, me, plan, surveys  # noqa: E402, F401
