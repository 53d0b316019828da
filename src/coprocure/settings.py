"""Django settings. Everything deployment-specific comes from the environment.

Defaults give a working demo on an embedded SQLite file under ``var/``; ``DATABASE_URL``
switches to PostgreSQL, which is what production and the test suite use.
"""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

from coprocure import keys

PACKAGE_DIR = Path(__file__).resolve().parent
VAR_DIR = Path(os.environ.get("COPROCURE_VAR_DIR", Path.cwd() / "var"))


def _env_bool(name: str, default: bool) -> bool:
    return os.environ.get(name, str(default)).lower() in {"1", "true", "yes", "on"}


# The demo (`make run`) and the test suite: generated keys in var/, plain HTTP on loopback.
# Anything else is a deployment, which gets the safe defaults and must be given its keys.
DEMO = _env_bool("COPROCURE_DEMO", False)

DEBUG = _env_bool("COPROCURE_DEBUG", False)
# Only bench/survey_burst.py sets this: it adds a minimal insert-one-row view to compare against.
COPROCURE_BENCH = _env_bool("COPROCURE_BENCH", False)
SECRET_KEY = keys.secret_key(VAR_DIR, DEMO)
COPROCURE_BID_KEY = keys.bid_key(VAR_DIR, DEMO)
ALLOWED_HOSTS = os.environ.get("COPROCURE_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]").split(",")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rules.apps.AutodiscoverRulesConfig",
    "django_htmx",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "coprocure.web",
    "coprocure.ops",
    "coprocure.accounts",
    "coprocure.audit",
    "coprocure.core",
    "coprocure.participation",
    "coprocure.followup",
    "coprocure.api",
    "coprocure.partners",
    "coprocure.tendering",
    "coprocure.procedures",
    "coprocure.market_dialogue",
    "coprocure.negotiation",
    "coprocure.contracts",
    "coprocure.interop",
    "coprocure.alliance",
    "coprocure.evaluation",
    "coprocure.notices",
    "coprocure.takepart",
    "coprocure.panels",
    "coprocure.caching",
    "coprocure.outbox",
    "coprocure.jobs",
    "coprocure.demo",
    "coprocure.generate",
]

MIDDLEWARE = [
    # First: answers /healthz, /readyz and /metrics before any redirect, and ids and logs the rest.
    "coprocure.ops.middleware.OperationsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "coprocure.web.middleware.ApiLanguageMiddleware",
    "coprocure.core.limits.RequestSizeLimitMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "coprocure.api.auth.ApiTokenMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "coprocure.accounts.twofactor.SecondFactorRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "csp.middleware.CSPMiddleware",
    # Last, as django-axes requires: it turns a locked-out sign-in into its own response.
    "axes.middleware.AxesMiddleware",
]

if COPROCURE_BENCH:
    MIDDLEWARE.insert(0, "coprocure.bench_views.QueryCountMiddleware")

ROOT_URLCONF = "coprocure.urls"
WSGI_APPLICATION = "coprocure.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "coprocure.web.context_processors.site",
                "coprocure.accounts.oidc.context",
            ],
        },
    },
]

_default_db = f"sqlite:///{VAR_DIR / 'coprocure.sqlite3'}"
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", _default_db),
        # Persistent connections: connection set-up costs more than most of our requests.
        conn_max_age=int(os.environ.get("COPROCURE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES["default"]["OPTIONS"] = {"init_command": "PRAGMA journal_mode=WAL;", "timeout": 20}
# One cache shared by every app process, in the database (`coprocure createcachetable`): public
# pages for anonymous readers, invalidated by version numbers (coprocure.caching).
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "coprocure_cache",
        "TIMEOUT": 86_400,
        "OPTIONS": {"MAX_ENTRIES": 100_000, "CULL_FREQUENCY": 4},
    }
}
# A read replica for reports (coprocure.replica): only views marked @report read from it.
if replica_url := os.environ.get("COPROCURE_REPLICA_URL"):
    DATABASES["replica"] = dj_database_url.parse(
        replica_url, conn_max_age=DATABASES["default"]["CONN_MAX_AGE"], conn_health_checks=True
    )
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
DATABASE_ROUTERS = ["coprocure.replica.ReportRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "core.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
    "coprocure.accounts.oidc.ProviderBackend",  # inert unless COPROCURE_OIDC_CLIENT_ID is set
    "coprocure.accounts.suomifi.SuomiFiBackend",  # inert unless COPROCURE_SUOMIFI_CLIENT_ID is set
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "home"

LANGUAGE_CODE = "fi"
LANGUAGES = [("fi", "Suomi"), ("sv", "Svenska"), ("en", "English")]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Europe/Helsinki"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
MEDIA_ROOT = VAR_DIR / "media"

# Strict Content Security Policy: no inline scripts or styles anywhere, nothing from other origins.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [NONE],
        "object-src": [NONE],
    }
}

# Officials and site administrators confirm every sign-in with a TOTP code.
COPROCURE_REQUIRE_2FA = _env_bool("COPROCURE_REQUIRE_2FA", True)
OTP_TOTP_ISSUER = "CoProcure"

# Optional sign-in through an OpenID Connect provider (docs/security.md, accounts/oidc.py). The
# endpoints are the ones in the provider's /.well-known/openid-configuration.
COPROCURE_OIDC_ENABLED = bool(os.environ.get("COPROCURE_OIDC_CLIENT_ID"))
COPROCURE_OIDC_PROVIDER_NAME = os.environ.get("COPROCURE_OIDC_PROVIDER_NAME", "")
COPROCURE_OIDC_ISSUER = os.environ.get("COPROCURE_OIDC_ISSUER", "")
OIDC_RP_CLIENT_ID = os.environ.get("COPROCURE_OIDC_CLIENT_ID", "")
OIDC_RP_CLIENT_SECRET = os.environ.get("COPROCURE_OIDC_CLIENT_SECRET", "")
OIDC_OP_AUTHORIZATION_ENDPOINT = os.environ.get("COPROCURE_OIDC_AUTHORIZATION_ENDPOINT", "")
OIDC_OP_TOKEN_ENDPOINT = os.environ.get("COPROCURE_OIDC_TOKEN_ENDPOINT", "")
OIDC_OP_USER_ENDPOINT = os.environ.get("COPROCURE_OIDC_USERINFO_ENDPOINT", "")
OIDC_OP_JWKS_ENDPOINT = os.environ.get("COPROCURE_OIDC_JWKS_ENDPOINT", "")
OIDC_RP_SIGN_ALGO = "RS256"
OIDC_RP_SCOPES = "openid email profile"
OIDC_USE_PKCE = True
OIDC_TIMEOUT = 10
OIDC_AUTHENTICATION_CALLBACK_URL = "oidc_callback"
LOGIN_REDIRECT_URL_FAILURE = "/signin/"
# Organisation (by business ID) and position come from these claims only when they are named.
COPROCURE_OIDC_ORGANISATION_CLAIM = os.environ.get("COPROCURE_OIDC_ORGANISATION_CLAIM", "")
COPROCURE_OIDC_POSITION_CLAIM = os.environ.get("COPROCURE_OIDC_POSITION_CLAIM", "")
# The provider's own second factor counts when its id_token asserts one of these (RFC 8176 amr, acr).
COPROCURE_OIDC_MFA_AMR = [v for v in os.environ.get("COPROCURE_OIDC_MFA_AMR", "mfa").split(",") if v]
COPROCURE_OIDC_MFA_ACR = [v for v in os.environ.get("COPROCURE_OIDC_MFA_ACR", "").split(",") if v]

# Sign-in with Suomi.fi e-Identification (accounts/suomifi.py, docs/security.md), each key from
# COPROCURE_SUOMIFI_<KEY>: endpoints from Suomi.fi's discovery document; the private key (a PEM file,
# mode 0600) decrypts the encrypted ID tokens; the signing key signs the token endpoint's client
# assertions (private_key_jwt, keys.py); the pseudonym key makes the stored identifier (keep it).
COPROCURE_SUOMIFI_ENABLED = bool(os.environ.get("COPROCURE_SUOMIFI_CLIENT_ID"))
COPROCURE_SUOMIFI = {key: os.environ.get(f"COPROCURE_SUOMIFI_{key.upper()}", default) for key, default in (
    ("issuer", ""), ("client_id", ""), ("authorization_endpoint", ""), ("token_endpoint", ""),
    ("userinfo_endpoint", ""), ("jwks_endpoint", ""), ("end_session_endpoint", ""), ("scopes", "openid profile"),
    ("acr_values", "http://ftn.ficora.fi/2017/loa2"), ("private_key_file", ""), ("pseudonym_key", ""))}
COPROCURE_SUOMIFI.update(private_key="", require_encryption=True,
                         signing_key=keys.suomifi_signing_key(VAR_DIR, DEMO, COPROCURE_SUOMIFI_ENABLED))
# A sign-up's confirmation link works once, for this many hours.
COPROCURE_SIGNUP_LINK_HOURS = int(os.environ.get("COPROCURE_SIGNUP_LINK_HOURS", "24"))

# Sign-in throttling: five failures for one username from one address lock it for 15 minutes.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "web/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_DISABLE_ACCESS_LOG = True  # successful sign-ins are not kept: data minimisation
AXES_IPWARE_PROXY_COUNT = int(os.environ.get("COPROCURE_PROXY_COUNT", "0"))

# Rate limits on the writes the public makes without an account (there is no CAPTCHA): per
# action, (writes, seconds) per client address and survey or contract, counted in the shared
# cache. Generous, so that a drop-in centre's shared computer or a household behind one address
# still works. COPROCURE_RATE_LIMITS=off turns them off (only the benchmarks do).
COPROCURE_RATE_LIMITS = {} if os.environ.get("COPROCURE_RATE_LIMITS", "").lower() == "off" else {
    "survey_answer": (30, 600),
    "proposal": (20, 3600),
    "follow_up": (20, 3600),
    "event_sign_up": (20, 3600), "panel_volunteer": (20, 3600),
    "account": (10, 3600),  # sign-ups, password resets, deletions
}
# The request.META key holding the client address. Behind a reverse proxy set it to the header
# that proxy writes (for example HTTP_X_FORWARDED_FOR, of which the last entry is used: the one
# the proxy itself added); any other header can be forged by the client.
COPROCURE_CLIENT_ADDRESS_HEADER = os.environ.get("COPROCURE_CLIENT_ADDRESS_HEADER", "REMOTE_ADDR")

# Outside the demo, cookies are sent over HTTPS only and browsers are told to use HTTPS for a
# year, unless COPROCURE_SECURE_COOKIES=0 turns it off explicitly.
_SECURE = _env_bool("COPROCURE_SECURE_COOKIES", not DEMO)
SECURE_HSTS_SECONDS = 31_536_000 if _SECURE else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_SSL_REDIRECT = _env_bool("COPROCURE_SSL_REDIRECT", False)

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = _SECURE
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
# Uploads (core/uploads.py): at most this size, of these types recognised by their first bytes;
# a request larger than COPROCURE_REQUEST_MAX_BYTES is refused with 413 before it is read.
COPROCURE_UPLOAD_MAX_BYTES = 2_000_000
COPROCURE_UPLOAD_TYPES = ("csv", "xlsx")
COPROCURE_REQUEST_MAX_BYTES = 3_000_000

# JSON lines with a request id, nothing personal, no line for the anonymous answering flow (ops.logs).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "coprocure.ops.logs.JsonFormatter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "json"}},
    "root": {"handlers": ["console"], "level": os.environ.get("COPROCURE_LOG_LEVEL", "WARNING")},
    "loggers": {"coprocure.request": {"level": os.environ.get("COPROCURE_REQUEST_LOG_LEVEL", "INFO")}},
}
# /metrics answers only a scraper sending "Authorization: Bearer <this>"; unset, it is 404.
COPROCURE_METRICS_TOKEN = os.environ.get("COPROCURE_METRICS_TOKEN", "")
# /readyz fails when the oldest job that could run has waited longer than this.
COPROCURE_READY_QUEUE_LAG_SECONDS = int(os.environ.get("COPROCURE_READY_QUEUE_LAG_SECONDS", "300"))
# Long work's results are kept this many hours (ops.work); larger surveys export their results as a job.
COPROCURE_JOB_RESULT_HOURS = int(os.environ.get("COPROCURE_JOB_RESULT_HOURS", "24"))
# A running job with no progress report (its heartbeat) for this long lost its worker and is queued again.
COPROCURE_JOB_STALLED_SECONDS = int(os.environ.get("COPROCURE_JOB_STALLED_SECONDS", "900"))
COPROCURE_EXPORT_IN_REQUEST_MAX = int(os.environ.get("COPROCURE_EXPORT_IN_REQUEST_MAX", "2000"))

COPROCURE_SITE_NAME = _("CoProcure")

# API pages: bounded so that no request asks the database for an absurd slice.
NINJA_PAGINATION_MAX_LIMIT = 500
NINJA_PAGINATION_MAX_OFFSET = 1_000_000
NINJA_PAGINATION_CLASS = "coprocure.api.pagination.BoundedPagination"

# Provider information older than this is marked stale and its owners are reminded.
COPROCURE_PROFILE_FRESHNESS_DAYS = int(os.environ.get("COPROCURE_PROFILE_FRESHNESS_DAYS", "180"))

# Retention of personal data in days (docs/privacy.md's register), enforced daily by
# `coprocure enforce-retention`. Contributions are payroll vouchers: the Accounting Act keeps
# them six years after the end of the year, so seven years covers any date in the year.
# Anonymous answers and follow-up contacts are re-inserted in shuffled batches of this many, so
# that neither row order nor transaction ids match them to the people who sent them
# (participation/mixing.py); `coprocure mix-answers` from cron mixes what is left.
COPROCURE_MIX_BATCH = int(os.environ.get("COPROCURE_MIX_BATCH", "10"))
# How long a survey's signed answer token (issued without a database write) stays valid.
COPROCURE_ANSWER_TOKEN_HOURS = int(os.environ.get("COPROCURE_ANSWER_TOKEN_HOURS", "24"))

COPROCURE_RETENTION_DAYS = {
    "failed_sign_ins": 30,            # after the attempt
    "sessions": 0,                    # after the session expired
    "registration_needs": 30,         # after the activity
    "contributions": 7 * 365,         # after the activity
    "identified_answers": 2 * 365,    # after the procurement closed: the answers stay, the name goes
    "sent_messages": 30,              # after sending: who was sent what cause (the text is blanked at once)
}

# OCDS open data (docs/ocds.md). The prefix must be the publisher's own, registered with the Open
# Contracting Partnership; the default is deliberately one nobody registered, not a real prefix.
COPROCURE_OCID_PREFIX = os.environ.get("COPROCURE_OCID_PREFIX", "ocds-coprocure")
COPROCURE_OCDS_PUBLISHER = os.environ.get("COPROCURE_OCDS_PUBLISHER", "CoProcure")
# Where the deployment is reached, for the package URI the command line export writes.
COPROCURE_PUBLIC_URL = os.environ.get("COPROCURE_PUBLIC_URL", "http://localhost:8000").rstrip("/")

# Outgoing e-mail: printed to the console unless an SMTP server is configured.
EMAIL_BACKEND = os.environ.get("COPROCURE_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("COPROCURE_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("COPROCURE_EMAIL_PORT", "25"))
DEFAULT_FROM_EMAIL = os.environ.get("COPROCURE_FROM_EMAIL", "CoProcure <noreply@localhost>")
# Background work (docs/architecture.md): a queue in the app's own database served by `coprocure
# worker`; the outbox retries with doubling waits, gives up after max_attempts (shown to staff) and
# takes up a message or fan-out whose worker gave no sign of life for claim_seconds.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
COPROCURE_OUTBOX = {"batch": 50, "fanout_batch": 500, "max_backoff_seconds": 3600, **{
    key: float(os.environ.get(f"COPROCURE_OUTBOX_{key.upper()}", default))
    for key, default in (("max_attempts", 8), ("backoff_seconds", 30), ("claim_seconds", 120))}}
COPROCURE_SMS_BACKEND = os.environ.get("COPROCURE_SMS_BACKEND", "coprocure.outbox.sms.FileBackend")
# The eForms notice service (docs/notices.md): endpoint, HTTP Basic credentials, time-out and retries
# (attempts, the first wait in seconds doubling up to max_backoff).
COPROCURE_NOTICE_SERVICE = {key: os.environ.get(f"COPROCURE_NOTICE_SERVICE_{key.upper()}", default) for key, default in (
    ("url", ""), ("user", ""), ("password", ""), ("timeout", "30"), ("attempts", "8"), ("backoff", "30"),
    ("max_backoff", "3600"))}
