# Loaded by rules' autodiscovery; the rules themselves live in coprocure.permissions.
from coprocure.permissions import procedures  # noqa: F401
