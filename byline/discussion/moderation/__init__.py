"""Moderation of reader comments: the pipeline of rules, and the tools its rules use.

``pipeline`` defines what a rule is and runs them; ``rules`` holds the rules Byline ships;
``words``, ``links``, ``ratelimits`` and ``classifier`` are what they are built from;
``actions`` holds the moderators' decisions (approve, reject, spam, hide) and reader reports.
"""

from byline.discussion.moderation.pipeline import (
    Decision,
    FormEvidence,
    Pipeline,
    Rule,
    Submission,
    Verdict,
    moderate,
)

__all__ = ["Decision", "FormEvidence", "Pipeline", "Rule", "Submission", "Verdict", "moderate"]
