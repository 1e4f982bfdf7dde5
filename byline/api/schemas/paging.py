"""What the lists and paths of the account, moderation and newsroom operations take: row ids a
database integer can hold, a page size, and the ``after`` cursor (``byline.api.keyset``)."""

from __future__ import annotations

from typing import Annotated, Any

from ninja import Query
from pydantic import Field

from byline.api.keyset import MAX_ID

RowId = Annotated[int, Field(ge=1, le=MAX_ID, description="A row's id.")]


# Query parameters as module-level defaults (ninja reads them from the signature).
AFTER: Any = Query(
    None,
    max_length=200,
    description="The `next` cursor of the previous page; omit it for the first page.",
)
LIMIT: Any = Query(20, ge=1, le=50, description="How many items a page holds (1 to 50).")
