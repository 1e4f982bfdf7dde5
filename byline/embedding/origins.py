"""Which origins are allowed, read on every cross-origin API request: from the shared cache,
filled from the table on a miss, and dropped whenever an allowed origin is saved or deleted
(``signal_handlers``), so an editor's change holds in every process at once."""

from __future__ import annotations

from django.core.cache import cache

from byline.embedding.models import AllowedOrigin

CACHE_KEY = "embedding:allowed-origins"
# Only a bound on a missed invalidation (a row changed with .update()): saves clear it at once.
CACHE_SECONDS = 300


def allowed_origins() -> frozenset[str]:
    origins = cache.get(CACHE_KEY)
    if origins is None:
        origins = frozenset(
            AllowedOrigin.objects.filter(enabled=True).values_list("origin", flat=True)
        )
        cache.set(CACHE_KEY, origins, CACHE_SECONDS)
    return origins


def forget() -> None:
    cache.delete(CACHE_KEY)


def is_allowed(origin: str) -> bool:
    """Whether ``origin`` is enabled, spelt exactly as stored: canonical, as browsers send it in
    their Origin header (an origin spelt otherwise is echoed back by no CORS answer)."""
    return origin in allowed_origins()
