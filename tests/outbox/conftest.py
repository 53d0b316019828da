from ..contracts.conftest import contract, provider  # noqa: F401
from ..participation.conftest import activity, survey  # noqa: F401
