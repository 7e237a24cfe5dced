"""Django settings, read from the environment only (see README, "Configuration")."""

from pathlib import Path

import dj_database_url
import django_stubs_ext

from skillcluster.contexts import CONTEXTS
from skillcluster.env import ConfigError, env_bool, env_int, env_list, env_optional, env_str

# Lets generic Django classes be subscripted at run time (forms.ModelForm[Firm]), as their type hints are.
django_stubs_ext.monkeypatch()

PACKAGE_DIR = Path(__file__).resolve().parent
VAR_DIR = Path(env_str("SKILLCLUSTER_VAR_DIR", str(Path.cwd() / "var"))).resolve()

DEBUG = env_bool("DEBUG", default=False)
if DEBUG:
    SECRET_KEY = env_str("SECRET_KEY", "insecure-development-key-only-for-debug")
else:
    SECRET_KEY = env_str("SECRET_KEY")
    if len(SECRET_KEY) < 32:
        raise ConfigError("SECRET_KEY: expected at least 32 characters outside debug")

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "template_partials",
    "django_scopes",
    "ninja",
    "axes",
    "django_tasks",
    "django_tasks_db",
    *(f"skillcluster.{context}" for context in CONTEXTS),
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "skillcluster.tenancy.middleware.BodySizeMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "skillcluster.tenancy.middleware.ApiTokenMiddleware",
    "skillcluster.tenancy.middleware.PersonLanguageMiddleware",
    "skillcluster.tenancy.middleware.TenantScopeMiddleware",
    "axes.middleware.AxesMiddleware",
    "django_ratelimit.middleware.RatelimitMiddleware",  # a blocked page answers RATELIMIT_VIEW (429)
]

ROOT_URLCONF = "skillcluster.urls"
WSGI_APPLICATION = "skillcluster.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "skillcluster.tenancy.context_processors.navigation",
            ],
        },
    }
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'skillcluster.sqlite3'}"),
        # Reused connections: opening one per request costs PostgreSQL a process fork (half the throughput).
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A fresh clone has no var/ yet; SQLite creates the file but not its folder.
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    # WAL lets a second process (a command, a worker) write while the web process reads.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "tenancy.Person"
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "django.contrib.auth.backends.ModelBackend"]

# Login throttling (django-axes, attempts kept in the database, so every web process sees them): five wrong
# passwords for one account from one address lock that pair out for 15 minutes.
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_FORM_FIELD = "username"  # the login form's field (it holds the e-mail address)
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_VERBOSE = False
AXES_IPWARE_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)  # proxies in front whose X-Forwarded-For we trust
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "en"
# The product's languages. A page follows the person's choice (profile), then the language cookie, then the
# browser's preference; anything not offered falls back to English.
LANGUAGES = [("en", "English"), ("it", "Italiano"), ("de", "Deutsch"), ("fr", "Français"), ("es", "Español")]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]  # the kernel's templates; each context keeps its own catalogue
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
LANGUAGE_COOKIE_SECURE = not DEBUG
LANGUAGE_COOKIE_SAMESITE = "Lax"
TIME_ZONE = "Europe/Brussels"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
STATIC_ROOT = VAR_DIR / "static"
# Served by the web process itself (WhiteNoise): compressed, with content-hashed names cached for a year.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = DEBUG  # in development the files are served from the package, no collectstatic
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # collectstatic fills it; until then WhiteNoise finds it empty
MEDIA_ROOT = VAR_DIR / "media"
MEDIA_URL = "media/"

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Skillcluster <no-reply@skillcluster.localhost>")

INVITATION_MAX_AGE_DAYS = env_int("INVITATION_MAX_AGE_DAYS", 14)

# Verifiable credentials: issuer private keys are encrypted at rest with a key derived from this secret.
CREDENTIAL_KEY_SECRET = env_str(
    "CREDENTIAL_KEY_SECRET", "insecure-development-credential-key-only-for-debug" if DEBUG else None
)
CREDENTIAL_DID_WEB_DOMAIN = env_optional("CREDENTIAL_DID_WEB_DOMAIN")  # empty: each issuer key is a did:key
CREDENTIAL_VALIDITY_DAYS = env_int("CREDENTIAL_VALIDITY_DAYS", 3 * 365)  # 0: credentials never expire


SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", default=not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_SAMESITE = "Lax"
# Behind a TLS-terminating proxy (see docs/DEPLOY.md) that sets X-Forwarded-Proto.
if env_bool("BEHIND_TLS_PROXY", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Outside debug every request is HTTPS (the health check excepted, for the load balancer's plain probe) and
# browsers are told so for a year, subdomains included; an operator with plain-HTTP subdomains turns these off.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=not DEBUG)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", default=not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# No inline script anywhere (htmx comes from our static files); inline style attributes remain.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# Shared by every web process and worker through the database: rate limits hold across processes.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "skillcluster_cache"},
    # Each process's own memos of page parts, checked against a stamp in the database (tenancy/memo.py).
    "memo": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "OPTIONS": {"MAX_ENTRIES": 5000}},
}
# Background work (e-mail for now) through a queue in the database: `skillcluster db_worker` runs it. In
# development the queue runs each task at once, in the web process (TASKS_BACKEND=immediate).
_TASK_BACKENDS = {
    "database": "django_tasks_db.DatabaseBackend",
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
}
_task_backend = env_str("TASKS_BACKEND", "immediate" if DEBUG else "database")
if _task_backend not in _TASK_BACKENDS:
    raise ConfigError(f"TASKS_BACKEND: expected one of {', '.join(_TASK_BACKENDS)}, got {_task_backend!r}")
TASKS = {"default": {"BACKEND": _TASK_BACKENDS[_task_backend]}}

RATELIMIT_VIEW = "skillcluster.web.rate_limited"
BEHIND_TLS_PROXY = env_bool("BEHIND_TLS_PROXY", default=False)
# The skill linker: "shipped" (the dense model in taxonomy/linking/model), "lexical" (BM25 only: no model, no
# embedding cache to build; for small machines and for tests that run the seed), or a model folder.
TAXONOMY_LINKER_MODEL = env_str("TAXONOMY_LINKER_MODEL", "shipped")
RATELIMIT_IP_META_KEY = "skillcluster.web.client_address"
MAX_REQUEST_BYTES = env_int("MAX_REQUEST_BYTES", 8 * 1024 * 1024)  # larger bodies are refused unread
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

# django-scopes raises if a scoped model is queried outside a scope: the ORM's second line of defence.
SCOPES_DISABLED = False

# One JSON object per line on stderr (LOG_FORMAT=text for people reading a terminal).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {"()": "skillcluster.logs.JsonFormatter"},
        "text": {"format": "%(levelname)s %(name)s %(message)s"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": env_str("LOG_FORMAT", "text" if DEBUG else "json")}
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}
