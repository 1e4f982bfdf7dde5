"""The sourcing check in the article's edit form: computed from the draft as saved, so it
works without JavaScript; with it, ``check.js`` refreshes the list as the body is edited
(through ``views.check_draft``)."""

from __future__ import annotations

from wagtail.admin.panels import Panel

from byline.newsroom.sourcing.checker import check_body
from byline.newsroom.sourcing.kinds import SOURCE_KINDS


class SourcingCheckPanel(Panel):
    class BoundPanel(Panel.BoundPanel):
        template_name = "newsroom/sourcing/check_panel.html"

        class Media:
            js = ["newsroom/sourcing/check.js"]

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            body = getattr(self.instance, "body", None)
            findings = check_body(body) if body is not None else []
            context["findings"] = findings
            context["unmarked"] = sum(not finding.marked for finding in findings)
            # The editor's marks name their kind with these labels (editor.js reads them).
            context["source_kinds"] = [[kind.value, kind.label] for kind in SOURCE_KINDS]
            return context
