"""Settings for the test suite: the production settings with the few changes tests need."""

import os

# The suite runs the app as the demo does (generated keys in a var directory, plain HTTP on
# loopback); set in the environment so the app processes some tests start inherit it.
os.environ.setdefault("COPROCURE_DEMO", "1")

from .settings import *  # noqa: E402,F401,F403
from .settings import STATIC_ROOT, STORAGES  # noqa: E402

# Static files are served from the app directories; no collectstatic manifest exists in tests.
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
# Argon2 is deliberately slow; tests create many users and do not test its strength.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # WhiteNoise expects the directory to exist
# Two-factor sign-in is tested on its own (tests/accounts); elsewhere officials sign in with a
# password so that every other test does not have to drive an authenticator.
COPROCURE_REQUIRE_2FA = False
# Most tests change data inside a transaction that never commits, so the versions that keep
# cached pages fresh are never bumped: they run uncached. tests/caching turns the shared
# database cache on for itself.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
# Queued tasks run as soon as they are queued (after the commit that queues them), so a test sees
# the e-mail of a committed change in mail.outbox; tests/outbox runs the real database queue.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
COPROCURE_SMS_BACKEND = "coprocure.outbox.sms.MemoryBackend"
