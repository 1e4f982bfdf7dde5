from django.urls import path, register_converter

from byline.discussion.notify import views as subscription_views
from byline.discussion.people import views as people_views
from byline.discussion.threads import feature_views, mute_views, views


class RowIdConverter:
    """A positive id that fits the database's integer columns, so no id in a URL overflows them."""

    regex = "[1-9][0-9]{0,8}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return str(value)


class TokenConverter:
    """A signed link token: its own alphabet and a bounded length, so nothing else reaches a view."""

    regex = "[A-Za-z0-9_:-]{1,120}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(RowIdConverter, "row_id")
register_converter(TokenConverter, "token")

app_name = "discussion"

urlpatterns = [
    path("comments/started/", views.form_started, name="form_started"),
    path("comments/on/<row_id:page_id>/", views.thread_comments, name="thread"),
    path("comments/on/<row_id:page_id>/post/", views.post_comment, name="post"),
    path("comments/on/<row_id:page_id>/passage/", views.passage_comments, name="passage"),
    path("comments/on/<row_id:page_id>/yours/", views.yours, name="yours"),
    path("comments/<row_id:comment_id>/", views.permalink, name="permalink"),
    path("comments/<row_id:comment_id>/alone/", views.one_comment, name="comment"),
    path("comments/<row_id:comment_id>/replies/", views.more_replies, name="replies"),
    path("comments/<row_id:comment_id>/vote/", views.vote, name="vote"),
    path("comments/<row_id:comment_id>/edit/", views.edit_comment, name="edit"),
    path("comments/<row_id:comment_id>/delete/", views.delete_comment, name="delete"),
    path("notify/", subscription_views.manage_request, name="notify"),
    path("notify/on/<row_id:page_id>/", subscription_views.subscribe, name="subscribe"),
    path("notify/follow/<str:kind>/<slug:key>/", subscription_views.follow, name="follow"),
    path("notify/confirm/<token:token>/", subscription_views.confirm, name="notify_confirm"),
    path("notify/unsubscribe/<token:token>/", subscription_views.unsubscribe, name="unsubscribe"),
    path("notify/manage/<token:token>/", subscription_views.manage, name="notify_manage"),
    path("comments/<row_id:comment_id>/report/", views.report_comment, name="report"),
    # The account's id, never its username: that is for signing in (and may be an address).
    path("people/<row_id:user_id>/", people_views.person, name="person"),
    path("comments/<row_id:comment_id>/feature/", feature_views.feature_comment, name="feature"),
    path("comments/<row_id:comment_id>/mute/", mute_views.mute_author, name="mute"),
]
