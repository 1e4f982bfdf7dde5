"""One vote per reader per comment; the comment's counters follow it atomically.

A guest is a browser with our cookie, and a browser that drops the cookie is a new guest; so a
guest's vote also records the guest's address range, and one range holds one guest vote per
comment. Accounts vote for themselves wherever they are.
"""

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
    # A guest's address range ("192.0.2.0/24"); blank for accounts and unknown addresses.
    network = models.CharField(max_length=64, blank=True, default="")
    value = models.SmallIntegerField(choices=[(UP, "Up"), (DOWN, "Down")])
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["comment", "voter_key"], name="one_vote_per_reader"),
            models.UniqueConstraint(
                fields=["comment", "network"],
                condition=~models.Q(network=""),
                name="one_guest_vote_per_network",
            ),
            models.CheckConstraint(
                condition=models.Q(value__in=[1, -1]), name="vote_is_up_or_down"
            ),
        ]
        indexes = [models.Index(fields=["voter_key", "comment"], name="votes_of_a_reader")]

    def __str__(self) -> str:
        return f"{'+' if self.value > 0 else '-'}1 on comment {self.comment_id}"
