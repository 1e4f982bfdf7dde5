"""Settings shared by every environment. Everything external comes from the environment.

Embedded defaults (SQLite in WAL mode, a cache table in that database, the database task
queue, console email) let Byline run with no services; the variables below switch to
production parts.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.utils.csp import CSP

from byline.settings.environment import Environment, mailer_from_url
from byline.settings.social import social_providers

env = Environment()

BASE_DIR = Path(__file__).resolve().parent.parent.parent
DATA_DIR = Path(env.str("BYLINE_DATA_DIR", str(BASE_DIR / "var")))

SECRET_KEY = env.str("SECRET_KEY", "byline-insecure-development-key-change-me")
DEBUG = env.bool("DEBUG", False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", [])

# The public address of the site, used in emails, feeds and absolute links from the worker.
BYLINE_BASE_URL = env.str("BYLINE_BASE_URL", "http://127.0.0.1:8000").rstrip("/")
WAGTAILADMIN_BASE_URL = BYLINE_BASE_URL
WAGTAIL_SITE_NAME = env.str("BYLINE_SITE_NAME", "The Byline Review")

INSTALLED_APPS = [
    "byline.theme",
    "byline.api",
    "byline.embedding",
    "byline.accounts",
    "byline.newsroom",
    "byline.discussion",
    "byline.discovery",
    "byline.pagecache",
    "byline.mail",
    "byline.worker",
    "byline.migration",
    "byline.webhooks",
    # After byline's apps, so that the theme's account pages replace allauth's own.
    "allauth",
    "allauth.account",
    # Social sign-in: installed always (its tables exist), on only for the providers the
    # environment configures (byline/settings/social.py).
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "allauth.socialaccount.providers.google",
    "allauth.socialaccount.providers.github",
    "allauth.socialaccount.providers.microsoft",
    "allauth.socialaccount.providers.apple",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks_db",
    "corsheaders",
    # Its API docs then come with their scripts from static files, as the CSP requires,
    # instead of inline script and a CDN.
    "ninja",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "byline.logs.RequestLogMiddleware",
    # First: a stored page is answered without the session, the user or the database, and
    # keeps every header the middleware below added to it (byline/pagecache/early.py answers
    # the same hits in front of Django).
    "byline.pagecache.middleware.PageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # First after security: it answers the API's preflights and adds CORS headers to every
    # answer below it, the page cache's and the CSRF refusal's included (see CORS_* below).
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "byline.csp.AdminContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before anything reads a query or form value: an unreadable one gets a 400 here.
    "byline.unreadable_input.UnreadableInputMiddleware",
    # Old WordPress addresses such as /?p=123, before the page cache serves the home page.
    "byline.migration.middleware.OldQueryAddressMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "byline.csrf.FetchMetadataCsrfMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # The embed's sign-in pop-up keeps its opener (byline/api/embed_opener.py).
    "byline.api.embed_opener.EmbedSignInOpenerMiddleware",
]

# Content Security Policy on every response: scripts and styles only from this origin, no inline
# script anywhere (JSON-LD and json_script blocks are data, which CSP does not execute).
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:", "blob:"],
    "font-src": [CSP.SELF, "data:"],
    "connect-src": [CSP.SELF],
    "media-src": [CSP.SELF],
    # Embedded players (oEmbed) come from their providers, over HTTPS only.
    "frame-src": [CSP.SELF, "https:"],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.SELF],
}
# Wagtail 8's editing screens still need inline script and style (see byline/csp.py): allowed
# under /admin/ only, and not on the moderation queue, which shows what readers wrote.
BYLINE_ADMIN_CSP = {
    **SECURE_CSP,
    "script-src": [CSP.SELF, CSP.UNSAFE_INLINE],
    "style-src": [CSP.SELF, CSP.UNSAFE_INLINE],
}
BYLINE_ADMIN_CSP_PREFIX = "/admin/"
# Strict anyway: the sign-in pages anyone can reach, and the screens that show what readers wrote.
BYLINE_ADMIN_CSP_STRICT_PATHS = [
    "/admin/login/",
    "/admin/password_reset/",
    "/admin/moderation/",
    "/admin/inline-feedback/",
    "/admin/undelivered/",
    # Import reports quote what another system's export says (titles, addresses).
    "/admin/imports/",
]

# CORS (django-cors-headers): the API only, for the origins editors allow in the admin
# (byline.embedding reads them from its table through the library's check_request_enabled
# signal), never with credentials: cookies are never needed across sites, callers send a token
# or a guest key. Retry-After is readable by the embed after a 429.
CORS_URLS_REGEX = r"^/api/v1/"
CORS_ALLOWED_ORIGINS: list[str] = []
CORS_ALLOW_CREDENTIALS = False
CORS_ALLOW_HEADERS = ["authorization", "content-type", "x-byline-guest"]
CORS_EXPOSE_HEADERS = ["Retry-After"]
CORS_PREFLIGHT_MAX_AGE = 600
# New external pages (threads for addresses on allowed sites) one client address may make.
EMBEDDING_NEW_PAGES_RATE = env.str("EMBEDDING_NEW_PAGES_RATE", "60/h")
# Inline feedback on external pages: the worker reads a page's text again when its thread is
# read and the last reading is older than this many minutes, within a timeout and a size cap.
EMBEDDING_PAGE_TEXT_MAX_AGE = env.int("EMBEDDING_PAGE_TEXT_MAX_AGE", 60)
EMBEDDING_PAGE_TEXT_TIMEOUT = float(env.int("EMBEDDING_PAGE_TEXT_TIMEOUT", 5))
EMBEDDING_PAGE_TEXT_MAX_BYTES = env.int("EMBEDDING_PAGE_TEXT_MAX_BYTES", 2_000_000)

ROOT_URLCONF = "byline.urls"
WSGI_APPLICATION = "byline.wsgi.application"

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
                "wagtail.contrib.settings.context_processors.settings",
                "byline.newsroom.context_processors.newsroom",
            ],
        },
    },
]

# Database: SQLite in WAL mode by default, anything dj-database-url understands otherwise.
DATABASE_URL = env.str("DATABASE_URL", f"sqlite:///{DATA_DIR / 'byline.sqlite3'}")
DATABASES = {
    "default": dj_database_url.parse(DATABASE_URL, conn_max_age=600, conn_health_checks=True)
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    DATABASES["default"]["OPTIONS"] = {
        # IMMEDIATE takes the write lock at the start of a transaction, so concurrent writers wait
        # for each other (busy_timeout) instead of failing with "database is locked".
        "transaction_mode": "IMMEDIATE",
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;"
            " PRAGMA foreign_keys=ON;"
        ),
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Wagtail's PostgreSQL full-text search needs the contrib app.
    INSTALLED_APPS.append("django.contrib.postgres")

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"

# Cache: Redis when REDIS_URL is set, a table in the database otherwise. Either way every
# process (web servers, task workers) shares it: a purge made by the worker reaches the web
# processes, and rate limits count across them (see byline/pagecache/dbcache.py). `migrate`
# creates the table.
REDIS_URL = env.str("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "byline",
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "byline.pagecache.dbcache.SharedDatabaseCache",
            "LOCATION": "byline_cache",
            "KEY_PREFIX": "byline",
            # Pages, fragments, rate-limit windows: more than Django's default of 300.
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    }
# Processes that would each keep their own cache refuse to start (production sets it).
BYLINE_REQUIRE_SHARED_CACHE = False

# Live updates (byline/discussion/live): the address the browser opens a thread's event stream
# under (`/live` behind the documented nginx; the live server's own address in the demo), and how
# long events are kept for readers who reconnect. Events go through Redis Streams when REDIS_URL
# is set, through a table in the database otherwise.
LIVE_EVENTS_URL = env.str("LIVE_EVENTS_URL", "/live").rstrip("/")
if urlsplit(LIVE_EVENTS_URL).netloc:
    # A live server on an origin of its own (the demo's next port): the page's script may connect.
    _live = urlsplit(LIVE_EVENTS_URL)
    SECURE_CSP["connect-src"].append(f"{_live.scheme}://{_live.netloc}")
LIVE_EVENTS_KEEP_HOURS = env.int("LIVE_EVENTS_KEEP_HOURS", 24)
LIVE_EVENTS_KEEP_COUNT = env.int("LIVE_EVENTS_KEEP_COUNT", 20000)
# Where the events are in Redis (several sites, or a test and its live servers, may share one).
LIVE_EVENTS_KEY_PREFIX = env.str("LIVE_EVENTS_KEY_PREFIX", "byline:live")
# Which other sites' pages may open the streams from a browser (the embed): a dotted path to a
# callable taking an origin, answering whether it is allowed; the live server asks it in a thread
# and keeps each answer for half a minute. Empty: Byline's own pages only.
LIVE_EVENTS_ORIGIN_CHECK = env.str(
    "LIVE_EVENTS_ORIGIN_CHECK", "byline.embedding.origins.is_allowed"
)

# Page cache: whole pages for anonymous readers (see byline/pagecache). Seconds Byline keeps a
# page; seconds the reverse proxy may keep it (told by X-Accel-Expires); both are purged on
# every change, so these bound only how long an unchanged page lives.
PAGE_CACHE_ENABLED = env.bool("PAGE_CACHE_ENABLED", True)
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", 600)
PROXY_CACHE_SECONDS = env.int("PROXY_CACHE_SECONDS", 600)
# Cookies besides the session that make a request personal, so it bypasses the cache: the
# discussion's guest identity and profile, and flash messages.
PAGE_CACHE_PERSONAL_COOKIES = ["byline_reader", "byline_guest", "messages"]
# Of those, the ones whose owner may get a stored page that the page's script patches with
# what is theirs (pagecache.shared.is_patchable_request): a guest's. The site sets the patch
# cookie beside them, and the script marks it once it runs.
PAGE_CACHE_PATCHABLE_COOKIES = ["byline_reader", "byline_guest"]
PAGE_CACHE_PATCH_COOKIE = "byline_patch"
# The reverse proxy's purge address (deploy/nginx/byline-purge.conf), e.g. http://127.0.0.1:8080.
FRONTEND_CACHE_URL = env.str("FRONTEND_CACHE_URL", "")
WAGTAILFRONTENDCACHE = (
    {
        "nginx": {
            "BACKEND": "byline.pagecache.backends.NginxPurgeBackend",
            "LOCATION": FRONTEND_CACHE_URL,
        }
    }
    if FRONTEND_CACHE_URL
    else {}
)
CSRF_FAILURE_VIEW = "byline.csrf.csrf_failure"

# Tasks: a durable queue in the database, run by `manage.py db_worker`. Wagtail's own tasks
# (through the django-tasks backport) read the same setting.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# Email: Django's mail API posts to the outbox (byline/mail/), and the worker sends it through
# "outgoing": the console by default, smtp://user:password@host:port in production.
MAILERS = {
    "default": {"BACKEND": "byline.mail.backend.OutboxBackend"},
    "outgoing": mailer_from_url(env.str("EMAIL_URL", "console:")),
}
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", "Byline <newsroom@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = env.str("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", str(DATA_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Wagtail
WAGTAILIMAGES_IMAGE_MODEL = "newsroom.BylineImage"
WAGTAILIMAGES_EXTENSIONS = ["avif", "gif", "jpg", "jpeg", "png", "webp"]
WAGTAILSEARCH_BACKENDS = {
    # The database backend uses PostgreSQL full-text search on PostgreSQL, FTS5 on SQLite.
    "default": {"BACKEND": "wagtail.search.backends.database", "SEARCH_CONFIG": "english"},
}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "txt", "xlsx"]
WAGTAIL_ENABLE_UPDATE_CHECK = False
# No Gravatar: avatars would tell a third party who uses the admin, and the CSP allows only
# this origin's images.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_WORKFLOW_ENABLED = True
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
TAGGIT_CASE_INSENSITIVE = True

# Discussion
# Root comments per page; replies shown under each before "show more"; levels of nesting, the
# root included; characters per comment; minutes an author may edit; days until a thread
# closes by itself (0: never).
DISCUSSION_PAGE_SIZE = env.int("DISCUSSION_PAGE_SIZE", 10)
DISCUSSION_REPLIES_SHOWN = env.int("DISCUSSION_REPLIES_SHOWN", 3)
DISCUSSION_MAX_DEPTH = env.int("DISCUSSION_MAX_DEPTH", 3)
DISCUSSION_MAX_LENGTH = env.int("DISCUSSION_MAX_LENGTH", 5000)
DISCUSSION_EDIT_WINDOW_MINUTES = env.int("DISCUSSION_EDIT_WINDOW_MINUTES", 15)
DISCUSSION_AUTO_CLOSE_DAYS = env.int("DISCUSSION_AUTO_CLOSE_DAYS", 30)
# A public page per commenter (/people/<id>/) that names in threads link to; off: 404.
DISCUSSION_PUBLIC_PROFILES = env.bool("DISCUSSION_PUBLIC_PROFILES", True)

# Notifications ("Notify of"), delivered by the task worker through MAILERS["default"].
# Emails per claimed batch (one SMTP connection each); seconds a worker holds a batch before
# another may take it over; seconds one worker run keeps claiming before handing over; sending
# attempts before a delivery is reported failed, and the first retry's delay (it doubles);
# immediate emails per recipient per hour before the rest wait for the digest; the local hour
# of the daily digest; @mentions honoured per comment; days a confirmation link stays valid;
# days a link to the management page stays valid (every email carries a fresh one);
# subscribe requests per client address per hour, and confirmation emails per address per hour.
NOTIFICATIONS_BATCH_SIZE = env.int("NOTIFICATIONS_BATCH_SIZE", 200)
NOTIFICATIONS_LEASE_SECONDS = env.int("NOTIFICATIONS_LEASE_SECONDS", 120)
NOTIFICATIONS_RUN_SECONDS = env.int("NOTIFICATIONS_RUN_SECONDS", 60)
NOTIFICATIONS_MAX_ATTEMPTS = env.int("NOTIFICATIONS_MAX_ATTEMPTS", 6)
NOTIFICATIONS_RETRY_SECONDS = env.int("NOTIFICATIONS_RETRY_SECONDS", 60)
NOTIFICATIONS_HOURLY_CAP = env.int("NOTIFICATIONS_HOURLY_CAP", 12)
NOTIFICATIONS_DIGEST_HOUR = env.int("NOTIFICATIONS_DIGEST_HOUR", 7)
NOTIFICATIONS_MENTION_LIMIT = env.int("NOTIFICATIONS_MENTION_LIMIT", 5)
NOTIFICATIONS_CONFIRM_DAYS = env.int("NOTIFICATIONS_CONFIRM_DAYS", 7)
NOTIFICATIONS_MANAGE_LINK_DAYS = env.int("NOTIFICATIONS_MANAGE_LINK_DAYS", 14)
NOTIFICATIONS_REQUESTS_PER_HOUR = env.int("NOTIFICATIONS_REQUESTS_PER_HOUR", 30)
NOTIFICATIONS_CONFIRMATIONS_PER_HOUR = env.int("NOTIFICATIONS_CONFIRMATIONS_PER_HOUR", 3)

# Webhooks (docs/webhooks.md): attempts before a delivery is marked failed and the first
# retry's delay (it doubles, at most 6 hours); seconds to connect and, again, to read an
# answer; http:// endpoints and endpoints on loopback or private networks (SSRF: both only for
# development and tests, on with DEBUG).
WEBHOOKS_MAX_ATTEMPTS = env.int("WEBHOOKS_MAX_ATTEMPTS", 8)
WEBHOOKS_RETRY_SECONDS = env.int("WEBHOOKS_RETRY_SECONDS", 30)
WEBHOOKS_TIMEOUT_SECONDS = env.int("WEBHOOKS_TIMEOUT_SECONDS", 5)
# Days delivered and failed deliveries (and their payloads) stay in the delivery log.
WEBHOOKS_LOG_DAYS = env.int("WEBHOOKS_LOG_DAYS", 30)
WEBHOOKS_ALLOW_HTTP = env.bool("WEBHOOKS_ALLOW_HTTP", DEBUG)
WEBHOOKS_ALLOW_PRIVATE_ADDRESSES = env.bool("WEBHOOKS_ALLOW_PRIVATE_ADDRESSES", DEBUG)

# Moderation (see the README). Every new or edited comment passes these rules in order; each
# entry is a dotted path, or a (path, options) pair. An empty list publishes everything.
DISCUSSION_BANNED_WORDS_FILE = env.str("DISCUSSION_BANNED_WORDS_FILE", "")
DISCUSSION_SUSPECT_WORDS_FILE = env.str(
    "DISCUSSION_SUSPECT_WORDS_FILE",
    str(BASE_DIR / "byline" / "discussion" / "moderation" / "suspect_words.txt"),
)
DISCUSSION_BLOCKED_DOMAINS = env.list("DISCUSSION_BLOCKED_DOMAINS", [])
# Published comments an author needs before their comments skip the queue (0: no first-post hold).
DISCUSSION_FIRST_POST_HOLD = env.int("DISCUSSION_FIRST_POST_HOLD", 0)
# Hold every comment on the site for a moderator (articles can also be pre-moderated one by one).
DISCUSSION_PREMODERATE_ALL = env.bool("DISCUSSION_PREMODERATE_ALL", False)
# Reports from different readers that hide a comment until a moderator reviews it.
DISCUSSION_REPORT_THRESHOLD = env.int("DISCUSSION_REPORT_THRESHOLD", 3)
# Reports accepted per IP range, so one person clearing cookies cannot hide comments alone.
DISCUSSION_REPORT_RATE = env.str("DISCUSSION_REPORT_RATE", "10/h")
# Votes accepted per IP range (a guest's vote is also their range's: see discussion.models.votes).
DISCUSSION_VOTE_RATE = env.str("DISCUSSION_VOTE_RATE", "60/10m")
# Hours between digests of the queue emailed to moderators (0: no digest).
DISCUSSION_DIGEST_HOURS = env.int("DISCUSSION_DIGEST_HOURS", 24)
# Reverse proxies in front of Byline that append the client's address to X-Forwarded-For
# (0: trust REMOTE_ADDR only). Set it to the exact number, or clients can forge their address.
DISCUSSION_TRUSTED_PROXIES = env.int("DISCUSSION_TRUSTED_PROXIES", 0)
# Seconds a person needs at least to write a comment (the form's time trap).
DISCUSSION_MIN_FILL_SECONDS = env.int("DISCUSSION_MIN_FILL_SECONDS", 3)
# Comments allowed per IP range (a /24 or a /56), per email address and per account.
DISCUSSION_RATE_LIMITS = {
    "ip_range": env.str("DISCUSSION_RATE_PER_IP_RANGE", "20/10m"),
    "email": env.str("DISCUSSION_RATE_PER_EMAIL", "6/10m"),
    "account": env.str("DISCUSSION_RATE_PER_ACCOUNT", "10/10m"),
}
# Guests posting through the API (no form, so no honeypot or time trap): per client address and
# per guest key, besides the limits above (byline/api/posting.py).
API_GUEST_POST_RATES = {
    "address": env.str("API_GUEST_POST_RATE_PER_ADDRESS", "5/10m"),
    "guest_key": env.str("API_GUEST_POST_RATE_PER_KEY", "5/10m"),
}
# Minutes during which the same text from the same author is refused as a repeat (0: off).
DISCUSSION_REPEAT_MINUTES = env.int("DISCUSSION_REPEAT_MINUTES", 60)
# Links a comment may carry before a moderator reads it.
DISCUSSION_MAX_LINKS = env.int("DISCUSSION_MAX_LINKS", 2)
_RULES = "byline.discussion.moderation.rules"
DISCUSSION_MODERATION_RULES = [
    f"{_RULES}.ClosedThread",
    f"{_RULES}.Banned",
    f"{_RULES}.Honeypot",
    f"{_RULES}.TimeTrap",
    f"{_RULES}.RateLimit",
    f"{_RULES}.Length",
    f"{_RULES}.RepeatPost",
    (f"{_RULES}.BannedWords", {"file": DISCUSSION_BANNED_WORDS_FILE}),
    f"{_RULES}.Links",
    (f"{_RULES}.SuspectWords", {"file": DISCUSSION_SUSPECT_WORDS_FILE}),
    f"{_RULES}.Premoderation",
    f"{_RULES}.FirstPosts",
    f"{_RULES}.SpamScore",
]

# Accounts. Sign-in attempts allowed per client address and per account name, counted before
# the password is checked, on the readers' and the admins' sign-in pages; sign-ups per client
# address; days a link that verifies an account's email address stays valid.
ACCOUNTS_SIGN_IN_RATES = {
    "ip": env.str("ACCOUNTS_SIGN_IN_RATE_PER_IP", "30/10m"),
    "account": env.str("ACCOUNTS_SIGN_IN_RATE_PER_ACCOUNT", "10/10m"),
}
ACCOUNTS_SIGN_UP_RATE = env.str("ACCOUNTS_SIGN_UP_RATE_PER_IP", "10/h")
ACCOUNTS_VERIFY_DAYS = env.int("ACCOUNTS_VERIFY_DAYS", 3)
# Every other account form (password reset, sign-in codes, email changes, ...) per client address.
ACCOUNTS_FORM_RATE = env.str("ACCOUNTS_FORM_RATE_PER_IP", "20/10m")
# Readers' pictures: the largest upload accepted, in bytes and in pixels (a bigger image is
# refused before it is decoded). Gravatar, off unless turned on: it tells gravatar.com the hash
# of every verified reader's address whose avatar a page shows, and so who reads what.
ACCOUNTS_AVATAR_MAX_BYTES = env.int("ACCOUNTS_AVATAR_MAX_BYTES", 5_000_000)
ACCOUNTS_AVATAR_MAX_PIXELS = env.int("ACCOUNTS_AVATAR_MAX_PIXELS", 25_000_000)
ACCOUNTS_GRAVATAR = env.bool("ACCOUNTS_GRAVATAR", False)
if ACCOUNTS_GRAVATAR:
    SECURE_CSP["img-src"] = [*SECURE_CSP["img-src"], "https://www.gravatar.com"]

# Readers' data (byline/discussion/privacy/): days client addresses (comments' IPs, reports'
# IPs, guest votes' networks) are kept before the worker drops them; days a "download my data"
# link and its archive last; hours a guest's emailed link to export or erase an address lasts;
# requests per client address and per email address; where archives are kept (never under
# MEDIA_ROOT: they are served only through their signed link).
PRIVACY_IP_RETENTION_DAYS = env.int("PRIVACY_IP_RETENTION_DAYS", 90)
PRIVACY_EXPORT_DAYS = env.int("PRIVACY_EXPORT_DAYS", 7)
PRIVACY_GUEST_LINK_HOURS = env.int("PRIVACY_GUEST_LINK_HOURS", 24)
PRIVACY_REQUEST_RATE = env.str("PRIVACY_REQUEST_RATE", "5/h")
PRIVACY_EXPORTS_ROOT = Path(env.str("PRIVACY_EXPORTS_ROOT", str(DATA_DIR / "private" / "exports")))

# Readers' accounts are django-allauth's: sign-up verifies the address before anyone is signed
# in; sign-in by password (username or address) or by a code emailed; "Remember me" is asked.
# Its own limiter is off: byline.accounts.throttling counts every account form with the site's.
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
ACCOUNT_ADAPTER = "byline.accounts.adapter.AccountAdapter"
ACCOUNT_SIGNUP_FORM_CLASS = "byline.accounts.forms.SignUpDetails"
ACCOUNT_FORMS = {"login": "byline.accounts.sign_in.SignInForm"}
ACCOUNT_LOGIN_METHODS = {"username", "email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "username*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_EMAIL_CONFIRMATION_EXPIRE_DAYS = ACCOUNTS_VERIFY_DAYS
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGIN_BY_CODE_ENABLED = True
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_RATE_LIMITS = False
WAGTAILADMIN_USER_LOGIN_FORM = "byline.accounts.forms.AdminSignInForm"

# Social sign-in (README, "Social sign-in"): off unless the environment configures a provider.
SOCIALACCOUNT_PROVIDERS = social_providers(env)
SOCIALACCOUNT_ADAPTER = "byline.accounts.social.SocialAccountAdapter"
# A provider's address counts as verified only when the provider says it verified it (allauth
# reads its "email_verified" claim, or GitHub's "verified" flag; Microsoft's never is): any
# other address is verified by email first, as at sign-up.
SOCIALACCOUNT_EMAIL_VERIFICATION = "mandatory"
SOCIALACCOUNT_EMAIL_REQUIRED = True
SOCIALACCOUNT_QUERY_EMAIL = True
# Never sign in to, or connect, an existing account because a provider names its address:
# anyone who controls a provider account (or a careless provider) could claim any reader's
# address and take the account over. A reader connects a provider from their connections page,
# signed in; a provider naming a taken address gets the sign-up form, which says so.
SOCIALACCOUNT_EMAIL_AUTHENTICATION = False
SOCIALACCOUNT_EMAIL_AUTHENTICATION_AUTO_CONNECT = False
# A new reader whose provider gave a usable, free address and username is signed up at once.
SOCIALACCOUNT_AUTO_SIGNUP = True
# Signing in starts with a POST from the site's own button (a GET could be forged by any page).
SOCIALACCOUNT_LOGIN_ON_GET = False
# Byline calls no provider API after sign-in: it keeps no access tokens.
SOCIALACCOUNT_STORE_TOKENS = False

LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"

LOG_FORMAT = env.str("LOG_FORMAT", "text")
LOG_LEVEL = env.str("LOG_LEVEL", "INFO")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {"()": "byline.logs.JsonFormatter"},
        "text": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT},
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        "django.request": {"level": "ERROR"},
        # One line per request comes from byline.requests instead.
        "django.server": {"level": "WARNING"},
    },
}
