from byline.discussion.models.anchors import Anchor, AnchorQuerySet
from byline.discussion.models.bans import Ban, BanQuerySet
from byline.discussion.models.comments import Comment, CommentQuerySet, Sort, position_step
from byline.discussion.models.live import LiveEvent
from byline.discussion.models.moderation import ModerationDigest, SpamToken
from byline.discussion.models.mutes import Mute
from byline.discussion.models.notifications import Delivery, DeliveryQuerySet, NotificationEvent
from byline.discussion.models.privacy import DataExport, DataExportQuerySet
from byline.discussion.models.reports import Report
from byline.discussion.models.subscriptions import (
    Subscriber,
    Subscription,
    SubscriptionQuerySet,
    normalise_address,
)
from byline.discussion.models.threads import Thread, ThreadQuerySet
from byline.discussion.models.votes import Vote

__all__ = [
    "Anchor",
    "AnchorQuerySet",
    "Ban",
    "BanQuerySet",
    "Comment",
    "CommentQuerySet",
    "DataExport",
    "DataExportQuerySet",
    "Delivery",
    "DeliveryQuerySet",
    "LiveEvent",
    "ModerationDigest",
    "Mute",
    "NotificationEvent",
    "Report",
    "Sort",
    "SpamToken",
    "Subscriber",
    "Subscription",
    "SubscriptionQuerySet",
    "Thread",
    "ThreadQuerySet",
    "Vote",
    "normalise_address",
    "position_step",
]
