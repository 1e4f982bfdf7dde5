"""The newsroom's own signals, for the apps above it that react to developing stories.

Both are sent once per event, inside the transaction that publishes the change (never for a
draft, a preview, a scheduled revision not yet live, or a republish that changes nothing), from
``byline/newsroom/story_events.py``, each in a savepoint: what a receiver writes (an event row)
commits with the publication or not at all, so a receiver must leave effects outside the
database (a task, an email) to ``transaction.on_commit``. A receiver that raises undoes the
savepoint (for an arrival, the next publication announces it again) and is logged; it does not
undo the publication.

``article_joined_story``, sent with ``sender=StoryPage`` and the keyword arguments:

- ``story``: the live and public ``StoryPage`` the article is now part of;
- ``article``: the live ``ArticlePage`` (specific), as published.

It is sent when a published article is first published in a story, or a published article is
newly linked to a story; once per article and story ever (``StoryArrival`` remembers it), so
republishing, withdrawing and republishing, or moving the article out of a story and back,
sends nothing more. Only an article live and open to every reader joins: one scheduled for
later joins when it goes live, one behind a view restriction never is announced. An article published in a story that is not live yet is remembered but not
announced: nobody can follow an unpublished story.

``story_status_changed``, sent with ``sender=StoryPage`` and the keyword arguments:

- ``story``: the live and public ``StoryPage``, as published (a restricted story sends nothing);
- ``entry``: its ``StoryStatusEntry`` now latest (``entry.status``, ``entry.note``,
  ``entry.happened_on``; ``entry.status_label`` reads "Confirmed");
- ``previous_status``: the status (a ``StoryStatus`` value, e.g. "rumoured") it had before.

It is sent when a revision of a story that was already live is published and the story's
status (its latest timeline entry's) differs from the status of the version live before. A new
entry with the same status (a development, not a change) sends nothing; nor does a story's first
publication (nobody followed it yet).
"""

from __future__ import annotations

from django.dispatch import Signal

article_joined_story = Signal()
story_status_changed = Signal()
