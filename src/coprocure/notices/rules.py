# Loaded by rules' autodiscovery; the rules themselves live in coprocure.permissions.
from coprocure.permissions import notices  # noqa: F401
