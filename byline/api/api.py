"""The API's one instance: version 1 under ``/api/v1/``, its schema at ``/api/v1/openapi.json``
and browsable at ``/api/v1/docs``. Each router lives in ``byline/api/routers/``, one per concern."""

from __future__ import annotations

from ninja import NinjaAPI

from byline.api import errors, openapi, writes

api = NinjaAPI(
    title="Byline API",
    version="1",
    description=(
        "Threads, comments, votes, reports, Notify of subscriptions, readers' own data, the "
        "moderation queues, and the newsroom's articles, sections and topics. Errors are "
        '`{"error": {"code", "message", "field"}}`. Authenticate with a bearer API token, the '
        "site's session (with the CSRF header on writes), or a guest key (`X-Byline-Guest`)."
    ),
    urls_namespace="api-v1",
    docs_url="/docs",
)
errors.install(api)
openapi.install(api)
# Writes: JSON only, and from Byline's pages or an allowed site (see writes).
writes.install(api)

# Routers are added here, one line each (see byline/api/routers/).
# /threads/by-url first: ninja makes /threads/{page_id} a catch-all <page_id> that would take it.
api.add_router("/", "byline.api.routers.by_url.router")
api.add_router("/", "byline.api.routers.threads.router")
api.add_router("/", "byline.api.routers.comments.router")
api.add_router("/", "byline.api.routers.passages.router")
api.add_router("/", "byline.api.routers.subscriptions.router")
api.add_router("/", "byline.api.routers.me.router")
api.add_router("/", "byline.api.routers.moderation.router")
api.add_router("/", "byline.api.routers.newsroom.router")
api.add_router("/", "byline.api.routers.tokens.router")
