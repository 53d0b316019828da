"""/api/v1 endpoints for providers and their services, the PTV-shaped export, competence
networks, partnership tables, consortia and organisation lists.

One module per chapter. Each endpoint declares its permission and how its object is loaded
with ``coprocure.api.permissions.permitted``; the services check again.
"""

from ninja import Router

router = Router(tags=["providers"])

# Importing the chapters registers their endpoints on the router.
from . import providers, networks, tables, consortia, organisation_lists  # noqa: E402, F401
