"""Keyset pages for the API's lists: ``after`` is an opaque cursor naming the last row's sort
key, so a deep page costs what the first does and rows written meanwhile neither repeat nor
vanish between pages (an offset would shift under a busy queue).

A cursor is base64url of ``[kind, value, pk]``; a hostile or stale one is a clear 422, never a
server error. Cursors are not signed: one only says where to resume a list the caller may read
anyway.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
from dataclasses import dataclass
from typing import Any, Literal

from django.db.models import Q, QuerySet

from byline.api.errors import ApiError

# The largest id a database integer holds: anything above it cannot name a row.
MAX_ID = 2**63 - 1
# Longer than any cursor this module writes; a longer one is refused before it is decoded.
_LONGEST = 200
_BAD_CURSOR = "This cursor is not one the API gave out: start again without 'after'."


@dataclass(frozen=True)
class Keyset:
    """Pages of a queryset ordered by ``field`` (then by primary key, which breaks ties)."""

    field: str
    kind: Literal["time", "int"] = "time"
    descending: bool = True

    @classmethod
    def for_ordering(cls, ordering: str, kind: Literal["time", "int"] = "time") -> Keyset:
        """The keyset of a Django ordering such as ``"-created_at"``."""
        return cls(field=ordering.lstrip("-"), kind=kind, descending=ordering.startswith("-"))

    def page(self, rows: QuerySet, after: str | None, limit: int) -> tuple[list[Any], str | None]:
        """One page of ``rows`` after the cursor ``after``, and the cursor of the next (or None)."""
        sign = "-" if self.descending else ""
        rows = rows.filter(**{f"{self.field}__isnull": False}).order_by(
            f"{sign}{self.field}", f"{sign}pk"
        )
        if after:
            rows = rows.filter(self._beyond(*self.decode(after)))
        found = list(rows[: limit + 1])
        more = len(found) > limit
        found = found[:limit]
        return found, (self.encode(found[-1]) if more else None)

    def _beyond(self, value: Any, pk: int) -> Q:
        later = "lt" if self.descending else "gt"
        return Q(**{f"{self.field}__{later}": value}) | Q(**{self.field: value, f"pk__{later}": pk})

    def encode(self, row: Any) -> str:
        value = getattr(row, self.field)
        stored = value.isoformat() if self.kind == "time" else int(value)
        raw = json.dumps([self.kind, stored, row.pk], separators=(",", ":")).encode()
        return base64.urlsafe_b64encode(raw).decode().rstrip("=")

    def decode(self, cursor: str) -> tuple[Any, int]:
        try:
            if len(cursor) > _LONGEST or not cursor.isascii():
                raise ValueError(cursor)
            raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
            kind, value, pk = json.loads(raw)
            if kind != self.kind or type(pk) is not int or not 0 < pk <= MAX_ID:
                raise ValueError(cursor)
            return self._value(value), pk
        except (ValueError, TypeError, binascii.Error, UnicodeDecodeError, OverflowError):
            raise ApiError(422, "invalid", _BAD_CURSOR, field="after") from None

    def _value(self, value: Any) -> Any:
        if self.kind == "int":
            if type(value) is not int or abs(value) > MAX_ID:
                raise ValueError(value)
            return value
        moment = dt.datetime.fromisoformat(value)
        if moment.tzinfo is None:
            raise ValueError(value)
        return moment
