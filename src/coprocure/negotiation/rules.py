# Registers the negotiation's permissions (they live in the permissions app).
from coprocure.permissions import negotiation  # noqa: F401
