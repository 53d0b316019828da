# Registers the market dialogue's permissions (they live in the permissions app).
from coprocure.permissions import market_dialogue  # noqa: F401
