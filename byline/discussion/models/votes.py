"""One vote per reader per comment; the comment's counters follow it atomically."""

from __future__ import annotations

from django.db import models


class Vote(models.Model):
    UP = 1
    DOWN = -1

    comment = models.ForeignKey(
        "discussion.Comment", on_delete=models.CASCADE, related_name="votes"
    )
    # "u:<user id>" for a signed-in reader, "g:<token hash>" for a guest's browser.
    voter_key = models.CharField(max_length=80)
    value = models.SmallIntegerField(choices=[(UP, "Up"), (DOWN, "Down")])
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["comment", "voter_key"], name="one_vote_per_reader"),
            models.CheckConstraint(
                condition=models.Q(value__in=[1, -1]), name="vote_is_up_or_down"
            ),
        ]
        indexes = [models.Index(fields=["voter_key", "comment"], name="votes_of_a_reader")]

    def __str__(self) -> str:
        return f"{'+' if self.value > 0 else '-'}1 on comment {self.comment_id}"
