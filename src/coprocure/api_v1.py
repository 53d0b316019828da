"""/api/v1: the NinjaAPI that mounts every app's router. It sits above every app (it imports
them all), so it lives beside ``urls.py`` and not in the ``api`` package, which holds what the
apps' routers build on (token authentication, the JSON-to-form bridge, the permission bridge,
schemas and the one error body)."""

from ninja import NinjaAPI

from coprocure.accounts.api import router as accounts_router
from coprocure.alliance.api import router as alliance_router
from coprocure.contracts.api import router as contracts_router
from coprocure.core.api import router as core_router
from coprocure.evaluation.api import router as evaluation_router
from coprocure.followup.api import router as followup_router
from coprocure.interop.api import router as interop_router
from coprocure.notices.api import router as notices_router
from coprocure.ops.api import router as ops_router
from coprocure.outbox.api import router as outbox_router
from coprocure.panels.api import router as panels_router
from coprocure.partners.api import router as partners_router
from coprocure.participation.api import router as participation_router
from coprocure.takepart.api import router as takepart_router
from coprocure.tendering.api import router as tendering_router
from coprocure.procedures.api import router as procedures_router
from coprocure.market_dialogue.api import router as market_dialogue_router
from coprocure.negotiation.api import router as negotiation_router
from coprocure.negotiation.decision_api import router as negotiation_decisions_router

from coprocure.api import errors

api = NinjaAPI(
    title="CoProcure API",
    version="1",
    description="Participatory, outcome-based procurement of social and health services.",
    openapi_url="/openapi.json",
    docs_url="/docs",
    urls_namespace="api-v1",
)
errors.install(api)
api.add_router("/", core_router)
api.add_router("/", accounts_router)
api.add_router("/", partners_router)
api.add_router("/", participation_router)
api.add_router("/", followup_router)
api.add_router("/", tendering_router)
api.add_router("/", procedures_router)
api.add_router("/", market_dialogue_router)
api.add_router("/", negotiation_router)
api.add_router("/", negotiation_decisions_router)
api.add_router("/", contracts_router)
api.add_router("/", interop_router)
api.add_router("/", alliance_router)
api.add_router("/", evaluation_router)
api.add_router("/", notices_router)
api.add_router("/", panels_router)
api.add_router("/", takepart_router)
api.add_router("/", ops_router)
api.add_router("/", outbox_router)
