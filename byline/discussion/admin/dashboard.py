"""The conversation on the Wagtail dashboard: what waits for this person, each figure linking to
the screen where they deal with it. Staff who may act on none of it see no panel."""

from __future__ import annotations

from wagtail.admin.ui.components import Component

from byline.discussion.admin.queues import pending_comments, reported_comments
from byline.discussion.admin.review import orphaned_feedback

FIGURES = (pending_comments, reported_comments, orphaned_feedback)


class ConversationPanel(Component):
    name = "conversation"
    template_name = "discussion/dashboard/conversation.html"
    order = 50  # above Wagtail's own panels: this is what needs doing today

    def get_context_data(self, parent_context):
        request = parent_context["request"]
        figures = [figure(request) for figure in FIGURES]
        return {"figures": [waiting for waiting in figures if waiting is not None]}
