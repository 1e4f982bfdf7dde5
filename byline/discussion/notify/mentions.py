"""@mentions: find the earlier commenters of a thread that a comment names.

A mention is ``@`` followed by a commenter's name as shown beside their comments, which may have
several words ("@Maya Reader"); the longest name that matches wins. Only people who commented
earlier in the same thread can be mentioned, and only a few per comment, so a comment cannot be
used to email arbitrary people.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.db.models import Q
from django.db.models.functions import Lower

from byline.discussion import markup
from byline.discussion.models import Comment, normalise_address

# Names are shown with at most 80 characters; four words cover "Mary Ann de Vries".
MAX_NAME_WORDS = 4
MAX_NAME_LENGTH = 80
# An "@" inside a word or an address ("maya@example.org") or a path ("/@user") is no mention.
AT_SIGN = re.compile(r"(?<![\w@/.])@(?=\w)")
WORD = re.compile(r"[\w'’.\-]+")
TRAILING = ".,;:!?'’-"


def mention_candidates(text: str, limit: int = 20) -> list[list[str]]:
    """For each of the first ``limit`` mentions in ``text``, the names it could be, longest first.

    "Thanks @Maya Reader, agreed" gives ``[["maya reader", "maya"]]`` (case folded, trailing
    punctuation dropped); the caller keeps the longest one that belongs to a commenter.
    """
    found: list[list[str]] = []
    for at in AT_SIGN.finditer(text):
        if len(found) >= limit:
            break
        words: list[str] = []
        position = at.end()
        while len(words) < MAX_NAME_WORDS:
            word = WORD.match(text, position)
            if word is None:
                break
            words.append(word.group())
            position = word.end()
            # Names continue over single spaces only, never over a line break.
            if text[position : position + 1] != " ":
                break
            position += 1
        names: list[str] = []
        for count in range(len(words), 0, -1):
            name = " ".join(words[:count]).rstrip(TRAILING).casefold()
            if name and len(name) <= MAX_NAME_LENGTH and name not in names:
                names.append(name)
        if names:
            found.append(names)
    return found


@dataclass(frozen=True)
class Mentioned:
    name: str
    address: str


def mentioned_commenters(comment: Comment, limit: int) -> list[Mentioned]:
    """The earlier commenters of ``comment``'s thread that it @mentions, at most ``limit``.

    A name shared by several commenters means the most recent of them. The comment's own author
    is left out, as is anyone without an email address.
    """
    mentions = mention_candidates(markup.plain_text(comment.body_html))
    names = {name for candidates in mentions for name in candidates}
    if not names:
        return []
    earlier = Comment.objects.filter(
        thread_id=comment.thread_id, pk__lt=comment.pk, status=Comment.Status.PUBLISHED
    )
    # Most recent first, so the first address seen for a name is the latest commenter's.
    addresses: dict[str, str] = {}
    rows = (
        earlier.filter(author__isnull=True)
        .annotate(folded=Lower("guest_name"))
        .filter(folded__in=names)
        .order_by("-pk")
        .values_list("folded", "guest_email")[:200]
    )
    for name, address in rows:
        addresses.setdefault(name, normalise_address(address))
    users = (
        earlier.filter(author__isnull=False)
        .annotate(display=Lower("author__display_name"), username=Lower("author__username"))
        .filter(Q(display__in=names) | Q(username__in=names))
        .order_by("-pk")
        .values_list("display", "username", "author__email", "author__verified_email")[:200]
    )
    for display, username, address, verified in users:
        # An address its account never proved gets no mention (an empty one is skipped below).
        proven = normalise_address(address) == normalise_address(verified)
        for name in (display, username):
            if name:
                addresses.setdefault(name, normalise_address(address) if proven else "")

    author = author_address(comment)
    chosen: list[Mentioned] = []
    for candidates in mentions:
        name = next((name for name in candidates if name in addresses), None)
        if name is None:
            continue
        address = addresses[name]
        if address and address != author and address not in {m.address for m in chosen}:
            chosen.append(Mentioned(name=name, address=address))
        if len(chosen) >= limit:
            break
    return chosen


def author_address(comment: Comment) -> str:
    """The address of whoever wrote ``comment``: their account's once its owner proved it, or
    the one a guest gave (which reaches nobody until a link sent to it is confirmed)."""
    if comment.author_id:
        return comment.author.verified_address if comment.author else ""
    return normalise_address(comment.guest_email)
