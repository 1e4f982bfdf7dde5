"""The live updates' event log when Redis is not configured (the embedded default).

One row per event, written in the transaction that made the change, so a rollback takes it back
and a commit publishes it. The id is the event id readers resume from: ids must therefore be
visible in the order they were given. SQLite has one writer at a time, so they are; PostgreSQL
hands out sequence values before commit, so ``live.stores`` takes a lock for the rest of the
writing transaction before it inserts (see ``DatabaseStore.append``).
"""

from __future__ import annotations

from django.db import models


class LiveEvent(models.Model):
    thread = models.ForeignKey(
        "discussion.Thread", on_delete=models.CASCADE, related_name="live_events", db_index=False
    )
    type = models.CharField(max_length=16)
    data = models.JSONField()
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        indexes = [models.Index(fields=["thread", "id"], name="live_event_thread_id")]

    def __str__(self) -> str:
        return f"{self.type} #{self.pk} on thread {self.thread_id}"
