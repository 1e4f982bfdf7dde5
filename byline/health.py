"""The health endpoint that load balancers and uptime checks poll.

It reports each part on its own: the database, the cache, and when a task worker was last seen
(its heartbeat, byline/worker/heartbeat.py). Only an unreachable database makes it 503, since
this process cannot serve then; a missing worker or cache is reported as "degraded" with 200,
so a load balancer keeps serving readers while an operator is told.
"""

from __future__ import annotations

import logging
import secrets

from django.core.cache import cache as shared_cache
from django.db import DatabaseError, connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache

from byline.worker.heartbeat import last_seen

logger = logging.getLogger(__name__)

PROBE_KEY = "health:probe"
UNKNOWN_WORKER = {"state": "unknown", "seen_seconds_ago": None}


@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    database = database_state()
    cache = cache_state()
    worker = worker_state() if cache == "ok" else UNKNOWN_WORKER
    if database != "ok":
        status = "unavailable"
    elif cache != "ok" or worker["state"] != "ok":
        status = "degraded"
    else:
        status = "ok"
    body = {"status": status, "database": database, "cache": cache, "worker": worker}
    return JsonResponse(body, status=503 if database != "ok" else 200)


def database_state() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        logger.error("health check failed: database unreachable", extra={"error": str(error)})
        return "unreachable"
    return "ok"


def cache_state() -> str:
    """Whether a value written to the cache reads back."""
    token = secrets.token_hex(8)
    try:
        shared_cache.set(PROBE_KEY, token, timeout=30)
        answered = shared_cache.get(PROBE_KEY) == token
    except Exception as error:
        logger.error("health check failed: cache unreachable", extra={"error": str(error)})
        return "unreachable"
    return "ok" if answered else "unreachable"


def worker_state() -> dict:
    try:
        sighting = last_seen()
    except Exception:  # the cache failed after answering the probe
        return UNKNOWN_WORKER
    return {"state": sighting.state, "seen_seconds_ago": sighting.seconds_ago}
