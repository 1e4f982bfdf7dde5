"""Background work of the embedding, run by the task worker.

The tasks stay in this module: the database queue stores each queued task by its path.
"""

from __future__ import annotations

from django.tasks import task

from byline.embedding import refreshing


@task()
def refresh_page_text(page_id: int) -> dict[str, int | str]:
    """Read an external page's text from its site and re-anchor its inline feedback."""
    return refreshing.refresh(page_id)
