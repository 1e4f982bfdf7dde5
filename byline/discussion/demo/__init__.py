"""The demo newsroom's reader discussions: original, fictional conversations under every demo
article, posted through the discussion's services (``seeding``) from data (``conversations``,
``readers``), so that a newcomer sees threads, replies, votes and placeholders at once."""

from __future__ import annotations

from byline.discussion.demo.seeding import seed_demo_discussion

__all__ = ["seed_demo_discussion"]
