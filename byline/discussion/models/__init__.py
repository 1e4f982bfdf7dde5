from byline.discussion.models.bans import Ban, BanQuerySet
from byline.discussion.models.comments import Comment, CommentQuerySet, Sort, position_step
from byline.discussion.models.moderation import ModerationDigest, SpamToken
from byline.discussion.models.reports import Report
from byline.discussion.models.threads import Thread, ThreadQuerySet
from byline.discussion.models.votes import Vote

__all__ = [
    "Ban",
    "BanQuerySet",
    "Comment",
    "CommentQuerySet",
    "ModerationDigest",
    "Report",
    "Sort",
    "SpamToken",
    "Thread",
    "ThreadQuerySet",
    "Vote",
    "position_step",
]
