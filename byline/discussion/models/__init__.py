from byline.discussion.models.comments import Comment, CommentQuerySet, Sort, position_step
from byline.discussion.models.notifications import Delivery, DeliveryQuerySet, NotificationEvent
from byline.discussion.models.subscriptions import (
    Subscriber,
    Subscription,
    SubscriptionQuerySet,
    normalise_address,
)
from byline.discussion.models.threads import Thread, ThreadQuerySet
from byline.discussion.models.votes import Vote

__all__ = [
    "Comment",
    "CommentQuerySet",
    "Delivery",
    "DeliveryQuerySet",
    "NotificationEvent",
    "Sort",
    "Subscriber",
    "Subscription",
    "SubscriptionQuerySet",
    "Thread",
    "ThreadQuerySet",
    "Vote",
    "normalise_address",
    "position_step",
]
