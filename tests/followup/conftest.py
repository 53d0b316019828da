from ..participation.conftest import activity, survey  # noqa: F401
