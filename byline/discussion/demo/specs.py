"""The shapes of the demo discussion: who comments, and what they say under which article.

A conversation is a tuple of root comments written with ``say``; a reply is written inside the
comment it answers, so the data reads like the thread it becomes. Roots are listed in the order
they were posted; replies follow the comment they answer.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass


@dataclass(frozen=True)
class Commenter:
    """A reader: a guest (name and email) or, with ``username``, a signed-in account."""

    key: str
    name: str
    email: str
    ip_address: str
    username: str = ""

    @property
    def signed_in(self) -> bool:
        return bool(self.username)


@dataclass(frozen=True, eq=False)
class Say:
    """One comment and the replies to it.

    ``up`` and ``down`` are the votes it gets (None: a few, drawn from the thread's seeded
    generator). ``deleted``: its author deletes it once it has been answered. ``draft``: the
    first version, edited into ``body`` within the edit window. ``on``: inline feedback, either
    ``PROMPT`` (an answer to the article's editor prompt) or words of the article to select.
    """

    who: str
    body: str
    replies: tuple[Say, ...] = ()
    up: int | None = None
    down: int | None = None
    deleted: bool = False
    draft: str = ""
    on: str = ""


# ``Say.on`` for an answer to the editor's prompt in the article.
PROMPT = "prompt"


@dataclass(frozen=True)
class Conversation:
    """The discussion under the demo article whose slug is ``article``."""

    article: str
    comments: tuple[Say, ...]

    def walk(self) -> Iterator[tuple[Say, int]]:
        """Every comment with its depth, each before its replies."""

        def below(comments: tuple[Say, ...], depth: int) -> Iterator[tuple[Say, int]]:
            for comment in comments:
                yield comment, depth
                yield from below(comment.replies, depth + 1)

        return below(self.comments, 0)


def say(
    who: str,
    body: str,
    *replies: Say,
    up: int | None = None,
    down: int | None = None,
    deleted: bool = False,
    draft: str = "",
    on: str = "",
) -> Say:
    return Say(
        who=who, body=body, replies=replies, up=up, down=down, deleted=deleted, draft=draft, on=on
    )


def conversation(article: str, *comments: Say) -> Conversation:
    return Conversation(article=article, comments=comments)
