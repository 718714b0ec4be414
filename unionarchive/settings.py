"""Settings for the Union Archive (工报档案).

Everything that differs between a laptop, CI and a production host comes from the environment, with
defaults that are safe for local use:

- ``UNIONARCHIVE_DATA_DIR``: the one folder that holds generated state (SQLite database, Whoosh index,
  the generated secret key). Defaults to ``var/`` in the checkout, which git ignores.
- ``DATABASE_URL``: any URL dj-database-url understands; SQLite in the data folder by default,
  ``postgres://…`` for a larger deployment; ``DATABASE_REPLICA_URLS``, ``CONN_MAX_AGE``,
  ``CONN_HEALTH_CHECKS``, ``READ_YOUR_WRITES_SECONDS``: see the databases block and docs/DEPLOY.md.
- ``SEARCH_INDEX_PATH``: the Whoosh index folder; ``<data dir>/whoosh_index`` by default.
- ``MEDIA_ROOT``: page images copied in by the importer; ``<data dir>/media`` by default.
  ``SERVE_MEDIA`` (on by default): Django serves them; off where nginx does (deploy/README.md).
- ``SECRET_KEY``: if unset, one is generated once and kept in the data folder (never committed).
- ``DEBUG`` (off unless "1"/"true"), ``ALLOWED_HOSTS`` (comma separated, loopback by default),
  ``CSRF_TRUSTED_ORIGINS`` (comma separated).
"""

import os
import secrets
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent


def env_flag(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DATA_DIR = Path(os.environ.get("UNIONARCHIVE_DATA_DIR", BASE_DIR / "var")).resolve()
DATA_DIR.mkdir(parents=True, exist_ok=True)


def _secret_key() -> str:
    """Use SECRET_KEY from the environment, or a random key generated once per data folder."""
    if os.environ.get("SECRET_KEY"):
        return os.environ["SECRET_KEY"]
    key_file = DATA_DIR / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(50), encoding="ascii")
        key_file.chmod(0o600)
    return key_file.read_text(encoding="ascii").strip()


SECRET_KEY = _secret_key()
DEBUG = env_flag("DEBUG")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "csp",
    "haystack",
    "articles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Both see the response after the session and CSRF middleware have set their cookies and Vary
    # (see unionarchive/middleware.py: public pages cacheable, no compression of secrets).
    "unionarchive.middleware.BreachSafeGZipMiddleware",
    "unionarchive.middleware.PublicCacheMiddleware",
    "csp.middleware.CSPMiddleware",
    # databases (postgres helper): picks primary or replica before anything reads (sessions included);
    # inside the caching middleware above, so the read-your-writes cookie it sets is seen there.
    "unionarchive.db_router.ReadYourWritesMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "unionarchive.language.AdminLocaleMiddleware",  # Chinese pages; the admin follows the browser
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "unionarchive.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = "unionarchive.wsgi.application"

# --- databases (postgres helper): primary, replicas, persistent connections -------------------------
# CONN_MAX_AGE: seconds a worker keeps its database connection (0: one per request, right for SQLite;
# 60 or so on PostgreSQL saves a connection set-up on every request: 26 ms median measured on a
# loaded 2-core machine, a few ms on a quiet one, more over TLS; docs/DEPLOY.md).
# CONN_HEALTH_CHECKS: check a kept connection before reusing it, so a restarted or failed-over server
# costs one reconnect instead of one error page (on by default whenever connections are kept).
# DATABASE_REPLICA_URLS: comma-separated URLs of PostgreSQL streaming replicas; reads of ordinary page
# views go there, writes and the admin to DATABASE_URL (unionarchive/db_router.py).
# READ_YOUR_WRITES_SECONDS: how long a browser that wrote keeps reading from the primary (default 10).
CONN_MAX_AGE = int(os.environ.get("CONN_MAX_AGE", "0"))
CONN_HEALTH_CHECKS = env_flag("CONN_HEALTH_CHECKS", default=CONN_MAX_AGE != 0)
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{DATA_DIR / 'db.sqlite3'}",
        conn_max_age=CONN_MAX_AGE,
        conn_health_checks=CONN_HEALTH_CHECKS,
    )
}
for number, replica_url in enumerate(env_list("DATABASE_REPLICA_URLS", ""), start=1):
    DATABASES[f"replica{number}"] = {
        **dj_database_url.parse(replica_url, conn_max_age=CONN_MAX_AGE, conn_health_checks=CONN_HEALTH_CHECKS),
        "TEST": {"MIRROR": "default"},  # tests read the primary's test database through it
    }
DATABASE_ROUTERS = ["unionarchive.db_router.PrimaryReplicaRouter"] if len(DATABASES) > 1 else []
READ_YOUR_WRITES_SECONDS = int(os.environ.get("READ_YOUR_WRITES_SECONDS", "10"))
# --- end databases ---------------------------------------------------------------------------------
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Several gunicorn workers, the index worker and an import may write at once: wait for the
    # lock instead of failing, and let readers run beside a writer (WAL).
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": 30,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Chinese first; the admin is also available in English (unionarchive.language: Accept-Language there only).
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True
LOCALE_PATHS = [BASE_DIR / "locale"]

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = DATA_DIR / "staticfiles"
STATIC_ROOT.mkdir(exist_ok=True)  # whitenoise warns on every request while it is missing
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True  # serve straight from static/ even before collectstatic

# Page images (Page.image): copied in by the importer, named by their sha256, never changed in place.
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", DATA_DIR / "media")).resolve()
MEDIA_URL = "/media/"
# Django answers /media/ itself (scripts/serve.sh, small sites); set SERVE_MEDIA=0 where the web
# server in front serves MEDIA_ROOT directly (deploy/README.md has the nginx block).
SERVE_MEDIA = env_flag("SERVE_MEDIA", True)
# The importer refuses a page image larger than this (a 300 dpi scan of a broadsheet is 5–30 MB).
IMPORT_MAX_IMAGE_MB = int(os.environ.get("IMPORT_MAX_IMAGE_MB", "64"))

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False  # the admin's JavaScript-free forms do not need it; keep Django's default
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

# Search: a Whoosh index on disk by default (see articles/search/).
# The importer refuses a page file larger than this (a real page is 10–40 KB); raise it for an
# unusual file with IMPORT_MAX_PAGE_KB or ``import_pages --max-page-kb``.
IMPORT_MAX_PAGE_KB = int(os.environ.get("IMPORT_MAX_PAGE_KB", "2048"))

SEARCH_INDEX_PATH = Path(os.environ.get("SEARCH_INDEX_PATH", DATA_DIR / "whoosh_index")).resolve()
# SEARCH_ENGINE: "whoosh" (the index folder above, written by the index worker) or "postgresql"
# (search documents in the PostgreSQL database itself, written in each change's own transaction;
# for several web hosts: docs/DEPLOY.md). articles/search/engines.py; check articles.search.E004.
SEARCH_ENGINE = os.environ.get("SEARCH_ENGINE", "whoosh").strip().lower() or "whoosh"
HAYSTACK_CONNECTIONS = {
    "default": {
        # haystack's Whoosh backend with jieba words, typed facet columns and CJK highlighting.
        "ENGINE": "articles.search.backend.ChineseWhooshEngine",
        "PATH": str(SEARCH_INDEX_PATH),
    },
}
if SEARCH_ENGINE == "postgresql":
    HAYSTACK_CONNECTIONS["default"] = {"ENGINE": "articles.search.pg.backend.PostgresSearchEngine"}
HAYSTACK_SEARCH_RESULTS_PER_PAGE = 20
# SEARCH_ENGINE=postgresql: searches remembered per process, keyed by the database snapshot (exact:
# any commit changes it); 0 switches that off. articles/search/pg/cache.py.
PG_SEARCH_CACHE_ENTRIES = int(os.environ.get("PG_SEARCH_CACHE_ENTRIES", "256"))
# Saves and deletes are queued for the one index worker, never written inside a request.
HAYSTACK_SIGNAL_PROCESSOR = "articles.search.signals.QueuedSignalProcessor"
# Only Article is indexed: skip haystack's extra "django_ct:…" filter query on every search.
HAYSTACK_LIMIT_TO_REGISTERED_MODELS = False

# Index writes: every change records a pending update in its own transaction (articles.search.queue)
# and the one index worker (`manage.py index_worker`) writes them to the index.

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {"jieba": {"level": "WARNING"}},
}


# --- Production hardening, from the environment (deploy/README.md lists a complete production set) -
# HTTPS=1: the site is reached over HTTPS only (itself or behind a TLS proxy). It switches on the
# redirect, secure cookies and HSTS (one year, subdomains, preload-ready); each can be set apart.
HTTPS = env_flag("HTTPS")
SECURE_SSL_REDIRECT = env_flag("SECURE_SSL_REDIRECT", HTTPS)
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]  # load balancers probe over plain HTTP
SESSION_COOKIE_SECURE = env_flag("SESSION_COOKIE_SECURE", HTTPS)
CSRF_COOKIE_SECURE = env_flag("CSRF_COOKIE_SECURE", HTTPS)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", 31536000 if HTTPS else 0))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_flag("SECURE_HSTS_INCLUDE_SUBDOMAINS", HTTPS)
SECURE_HSTS_PRELOAD = env_flag("SECURE_HSTS_PRELOAD", HTTPS)
# PROXY_SSL_HEADER=X-Forwarded-Proto: trust that header for "is this request HTTPS?". Only set it
# when the proxy in front always sets (overwrites) the header, never passes a client's own.
if os.environ.get("PROXY_SSL_HEADER"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_" + os.environ["PROXY_SSL_HEADER"].upper().replace("-", "_"), "https")
# TRUSTED_PROXIES=10.0.0.5,10.1.0.0/16: the proxies whose X-Forwarded-For names the client
# (unionarchive/proxies.py); the readers' report limit counts per client address.
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES", "")
# Persistent database connections: CONN_MAX_AGE seconds (read above with DATABASES; 0 = one per
# request), and CONN_HEALTH_CHECKS (on by default) so a connection the server dropped is replaced
# at the start of a request rather than failing it.
DATABASES["default"].setdefault("CONN_HEALTH_CHECKS", env_flag("CONN_HEALTH_CHECKS", True))

# Content-Security-Policy (django-csp): every script, style, image and font comes from this site;
# no inline script or style attribute anywhere (the templates are written for this; the browser
# tests fail on any violation). CSP_REPORT_URI sends violation reports somewhere.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        **({"report-uri": [os.environ["CSP_REPORT_URI"]]} if os.environ.get("CSP_REPORT_URI") else {}),
    },
}

# Shared caches (a CDN) may keep a public page (the same for every reader: no cookie, no session)
# this long (s-maxage); browsers revalidate every time (max-age=0), so editors see corrections at once.
PUBLIC_CACHE_SECONDS = int(os.environ.get("PUBLIC_CACHE_SECONDS", "300"))
SEARCH_CACHE_SECONDS = int(os.environ.get("SEARCH_CACHE_SECONDS", "30"))  # /search/, its feed, /search.json
# Decoded posting lists of recently searched terms kept in each process (articles/search/postings.py),
# at most this many MB per process (per gunicorn worker).
SEARCH_POSTING_CACHE_MB = int(os.environ.get("SEARCH_POSTING_CACHE_MB", "128"))
# Part of every article page's ETag: set RELEASE to the deployed commit so that a new release's
# templates are not answered with "304 Not Modified"; by default a digest of the templates.
RELEASE = os.environ.get("RELEASE", "")
