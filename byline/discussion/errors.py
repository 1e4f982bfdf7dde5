"""The one way the discussion refuses a request: every workflow raises ``DiscussionError`` with a
message for the reader, and the views show it (beside ``field`` when it concerns one)."""

from __future__ import annotations


class DiscussionError(Exception):
    """A request the discussion refuses, with a message for the reader and the field it concerns."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class RateLimited(DiscussionError):
    """A request refused for coming too often from one reader or network; ``retry_after`` is
    how many seconds to wait, for clients that are told (the API's Retry-After)."""

    def __init__(self, message: str, retry_after: int, field: str | None = None) -> None:
        super().__init__(message, field)
        self.retry_after = retry_after
