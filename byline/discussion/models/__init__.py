from byline.discussion.models.comments import Comment, CommentQuerySet, Sort, position_step
from byline.discussion.models.threads import Thread, ThreadQuerySet
from byline.discussion.models.votes import Vote

__all__ = [
    "Comment",
    "CommentQuerySet",
    "Sort",
    "Thread",
    "ThreadQuerySet",
    "Vote",
    "position_step",
]
