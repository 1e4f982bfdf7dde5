from django.urls import path, register_converter

from byline.discussion import views


class RowIdConverter:
    """A positive id that fits the database's integer columns, so no id in a URL overflows them."""

    regex = "[1-9][0-9]{0,8}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return str(value)


register_converter(RowIdConverter, "row_id")

app_name = "discussion"

urlpatterns = [
    path("comments/on/<row_id:page_id>/", views.thread_comments, name="thread"),
    path("comments/on/<row_id:page_id>/post/", views.post_comment, name="post"),
    path("comments/<row_id:comment_id>/", views.permalink, name="permalink"),
    path("comments/<row_id:comment_id>/replies/", views.more_replies, name="replies"),
    path("comments/<row_id:comment_id>/vote/", views.vote, name="vote"),
    path("comments/<row_id:comment_id>/edit/", views.edit_comment, name="edit"),
    path("comments/<row_id:comment_id>/delete/", views.delete_comment, name="delete"),
    path("comments/<row_id:comment_id>/report/", views.report_comment, name="report"),
]
