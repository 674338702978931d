"""Settings for Gaoxin, read from the environment in one place.

With no environment at all the platform runs for development on SQLite. Production sets
``GAOXIN_PRODUCTION=1`` and must then give ``SECRET_KEY``, ``ALLOWED_HOSTS`` and
``DATABASE_URL`` (see README, "Production").
"""

from pathlib import Path

import django_stubs_ext
import environ
from django.utils.translation import gettext_lazy as _

django_stubs_ext.monkeypatch()

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

PRODUCTION = env.bool("GAOXIN_PRODUCTION", default=False)
DEBUG = env.bool("DEBUG", default=not PRODUCTION)

if PRODUCTION:
    SECRET_KEY = env.str("SECRET_KEY")
    ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")
else:
    SECRET_KEY = env.str(
        "SECRET_KEY", default="dev-only-not-secret-gaoxin-0123456789-abcdefghijklmnop"
    )
    ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "gaoxin.core",
    "gaoxin.catalog",
    "gaoxin.cases",
    "gaoxin.stats",
    "gaoxin.evaluations",
    "gaoxin.exchange",
    "gaoxin.inspections",
    "gaoxin.hall",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "gaoxin.core.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "gaoxin.core.middleware.RequestContextMiddleware",
    # Last, so a locked-out sign-in is answered before any view runs.
    "axes.middleware.AxesMiddleware",
]

if PRODUCTION:
    # Static files straight from the application server, compressed and cache-busted; in
    # development runserver serves them from the source folders.
    MIDDLEWARE.insert(1, "whitenoise.middleware.WhiteNoiseMiddleware")

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "gaoxin.core.context_processors.shell",
            ],
        },
    },
]

# --- Database: SQLite (WAL) by default, PostgreSQL through DATABASE_URL -------------------
DATABASES = {
    "default": env.db_url(
        "DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'var' / 'gaoxin.sqlite3'}"
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        # WAL lets the web server read while the worker writes; IMMEDIATE avoids the
        # "database is locked" upgrade deadlock between two writers.
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;"
        ),
        "transaction_mode": "IMMEDIATE",
    }
else:
    # Under an ASGI server each request may run in a new thread, so persistent connections
    # would pile up until PostgreSQL refuses more; a pool shares a few instead.
    if env.bool("DB_POOL", default=True):
        DATABASES["default"]["CONN_MAX_AGE"] = 0
        DATABASES["default"].setdefault("OPTIONS", {})["pool"] = {
            "min_size": env.int("DB_POOL_MIN", default=2),
            "max_size": env.int("DB_POOL_MAX", default=10),
        }
    else:
        DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
        DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Accounts and sign-in -------------------------------------------------------------
AUTH_USER_MODEL = "core.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "start"
LOGOUT_REDIRECT_URL = "login"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Idle sessions end after 30 minutes: every request pushes the expiry forward.
SESSION_COOKIE_AGE = env.int("SESSION_IDLE_SECONDS", default=30 * 60)
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_MINUTES", default=15) / 60  # hours
# Lock the account, not the address: the whole service hall reaches the server through one
# NAT address, and locking it would lock every window at once.
AXES_LOCKOUT_PARAMETERS = ["username"]
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
AXES_IPWARE_PROXY_COUNT = env.int("PROXY_COUNT", default=0)

# --- Production hardening (manage.py check --deploy is clean with these) --------------------
if PRODUCTION:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    # The browsers' preload list is for public domains; a zone's intranet host cannot join it.
    SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=False)
    if not SECURE_HSTS_PRELOAD:
        SILENCED_SYSTEM_CHECKS.append("security.W021")
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# --- Language, time -------------------------------------------------------------------
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", _("Simplified Chinese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "Asia/Shanghai"
USE_TZ = True

# --- Static and uploaded files ----------------------------------------------------------
STATIC_URL = "static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "var" / "static")
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
# Uploads live outside STATIC and are only served through views that check permission.
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "var" / "media")
UPLOAD_MAX_BYTES = env.int("UPLOAD_MAX_BYTES", default=20 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# --- Cache (rate limits) ---------------------------------------------------------------
# One process needs nothing more; several processes should share a cache (e.g. Redis) so a
# limit counts across all of them: CACHE_URL=redis://127.0.0.1:6379/1 (needs the redis
# package) or dbcache://gaoxin_cache (after manage.py createcachetable).
CACHES = {"default": env.cache_url("CACHE_URL", default="locmemcache://gaoxin")}

# --- Background work ------------------------------------------------------------------
TASKS = {
    "default": {
        "BACKEND": env.str("TASKS_BACKEND", default="django_tasks_db.DatabaseBackend"),
        "QUEUES": ["default"],
    }
}
# /healthz calls the worker down when no worker has reported within this many seconds.
WORKER_HEARTBEAT_SECONDS = 10
WORKER_STALE_SECONDS = env.int("WORKER_STALE_SECONDS", default=60)
# How often each worker delivers the exchange's outbox to the partner zones (跨区通办).
GAOXIN_EXCHANGE_POLL_SECONDS = env.float("GAOXIN_EXCHANGE_POLL_SECONDS", default=2)

# --- REST API (/api/v1/) ---------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Gaoxin API",
    "DESCRIPTION": "The zone service platform: catalog and cases.",
    "VERSION": "1",
    # The documentation page's scripts come from the sidecar package, never from a CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "SERVE_INCLUDE_SCHEMA": False,
    # Swagger UI would otherwise fetch a validation badge from validator.swagger.io.
    "SWAGGER_UI_SETTINGS": {"deepLinking": True, "validatorUrl": None},
    # Several models have a field called "kind"; name each choice set after its meaning.
    "ENUM_NAME_OVERRIDES": {
        "ApplicantKindEnum": "gaoxin.cases.models.ApplicantKind",
        "ItemKindEnum": "gaoxin.catalog.models.ItemKind",
        "MaterialFormEnum": "gaoxin.catalog.models.Material.Kind",
        "MaterialNeedEnum": "gaoxin.catalog.models.Material.Need",
        "NoticeKindEnum": "gaoxin.cases.models.Notice.Kind",
        "WindowKindEnum": "gaoxin.core.models.Window.Kind",
        "SubmissionStateEnum": "gaoxin.cases.models.Submission.State",
        "CaseStatusEnum": "gaoxin.cases.workflow.Status",
    },
}

# --- Email (reminders and notices use the pluggable sender; console by default) ---------------
EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="gaoxin@localhost")
# An SMTP server in one variable: EMAIL_URL=smtp+tls://user:password@mail.example.gov.cn:587
if env.str("EMAIL_URL", default=""):
    globals().update(env.email_url("EMAIL_URL"))
# Messages to applicants (SMS or email), sent by the worker: a class with send(recipient, text).
# The default writes them to the worker's log; gaoxin.core.sending.EmailSender mails them (to
# GAOXIN_SENDER_EMAIL_TO, e.g. "{recipient}@sms.example.cn", for a phone number). See README.
# seed_demo writes a past year of finished cases behind the demo's live ones (off: faster).
GAOXIN_DEMO_HISTORY = env.bool("GAOXIN_DEMO_HISTORY", default=True)
GAOXIN_SENDER = env.str("GAOXIN_SENDER", default="gaoxin.core.sending.ConsoleSender")
GAOXIN_SENDER_EMAIL_TO = env.str("GAOXIN_SENDER_EMAIL_TO", default="")

# --- Live video of remote site inspections (远程踏勘; see README, "Live video") -----------
# Websockets (Django Channels) carry the signalling between the applicant's phone and the
# inspection room. In memory by default: enough for one server process. Several processes
# (uvicorn --workers, several machines) must share Redis:
# CHANNEL_REDIS_URL=redis://127.0.0.1:6379/2
CHANNEL_REDIS_URL = env.str("CHANNEL_REDIS_URL", default="")
if CHANNEL_REDIS_URL:
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {"hosts": [CHANNEL_REDIS_URL]},
        }
    }
else:
    CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}
# STUN/TURN servers the browsers use where the phone and the room are not on one network, as
# JSON in RTCPeerConnection's iceServers form, e.g.
# GAOXIN_ICE_SERVERS='[{"urls": "turn:turn.zwfw.example.gov.cn:3478", "username": "gaoxin",
# "credential": "..."}]'. None by default: nothing external is contacted.
GAOXIN_ICE_SERVERS = env.json("GAOXIN_ICE_SERVERS", default=[])
# How long recordings and stills are kept when the catalog item sets no period (days).
GAOXIN_INSPECTION_RETENTION_DAYS = env.int("GAOXIN_INSPECTION_RETENTION_DAYS", default=3 * 365)
# The room's recording arrives in chunks of two seconds; one chunk is at most this large (and
# within DATA_UPLOAD_MAX_MEMORY_SIZE).
GAOXIN_RECORDING_CHUNK_MAX_BYTES = env.int(
    "GAOXIN_RECORDING_CHUNK_MAX_BYTES", default=4 * 1024 * 1024
)
# A video or photo the applicant uploads from the phone page when the live video fails.
GAOXIN_INSPECTION_UPLOAD_MAX_BYTES = env.int(
    "GAOXIN_INSPECTION_UPLOAD_MAX_BYTES", default=200 * 1024 * 1024
)
GAOXIN_HALL_BOOKINGS_PER_ADDRESS_HOUR = env.int("GAOXIN_HALL_BOOKINGS_PER_ADDRESS_HOUR", default=5)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="WARNING")},
    "loggers": {"django_tasks_db": {"level": "INFO"}},
}
