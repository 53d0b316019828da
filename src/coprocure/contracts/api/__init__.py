"""/api/v1 endpoints for the contract period: the same forms and services as the web UI.

One module per chapter: the contract and its parties, the steering group, the development
backlog, outcomes, and corrections. Each endpoint declares its permission and how its object
is loaded with ``coprocure.api.permissions.permitted``; the services check again.
"""

from ninja import Router

router = Router(tags=["contracts"])

# Importing the chapters registers their endpoints on the router.
from . import contract, steering, backlog, outcomes, corrections, invitations  # noqa: E402, F401
