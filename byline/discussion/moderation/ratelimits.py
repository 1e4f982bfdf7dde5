"""The moderation rules' rate limits: the site's one limiter, which lives in ``byline.ratelimits``
so that accounts (sign-in, sign-up) use it too without importing the discussion."""

from byline.ratelimits import Rate, hit, network_of

__all__ = ["Rate", "hit", "network_of"]
