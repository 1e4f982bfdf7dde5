"""Assemble what a reader sees of a thread: one page of root comments with their first replies.

Every page is a fixed number of indexed queries (the thread with its pinned comment, roots,
their first replies, the commenters' roles, the reader's votes and mutes), whatever the size of
the thread.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from urllib.parse import urlencode

from django.conf import settings
from django.db.models import Q

from byline.discussion.anchoring import State
from byline.discussion.anchoring.display import attach_questions
from byline.discussion.identity import Reader
from byline.discussion.models import Comment, Sort, Thread, Vote
from byline.discussion.threads import corrections, muting, roles

if TYPE_CHECKING:
    from wagtail.models import Page

# A character offset in a query string: digits that fit the anchor's integer columns.
OFFSET = re.compile(r"[0-9]{1,9}")
# How many replies a permalinked comment is shown with (its conversation, see focused_conversation).
FOCUS_CONTEXT_LIMIT = 200
# How many of a reader's comments that only they see ``yours_among`` places on one page at most.
MAX_UNSEEN_OWN = 50


@dataclass
class ThreadView:
    page: object
    thread: Thread | None
    reader: Reader
    sort: str = Sort.NEWEST
    roots: list[Comment] = field(default_factory=list)
    next_cursor: str | None = None
    focus_id: int | None = None
    # Which inline feedback the thread is narrowed to (see ``parse_inline``), or None for all.
    inline: dict | None = None
    # Whether the thread is narrowed to the editor's picks.
    picks: bool = False
    # The comment an editor pinned, shown above the first page of the whole thread.
    pinned: Comment | None = None
    # Whether some comment is folded away because the reader muted its author.
    muting: bool = False
    # The article's corrections after the last comment of the page (see ``threads.corrections``;
    # those between comments hang on the comment they precede, as ``corrections_before``).
    corrections_after: list = field(default_factory=list)

    @property
    def inline_query(self) -> str:
        """The query string that keeps the filter (inline feedback or picks) on the next page's link."""
        query = {
            "inline" if key == "all" else key: value for key, value in (self.inline or {}).items()
        }
        if self.picks:
            query["picks"] = "1"
        return urlencode(query)

    @property
    def comment_count(self) -> int:
        return self.thread.comment_count if self.thread else 0

    @property
    def is_open(self) -> bool:
        return self.thread.is_open() if self.thread else True

    @property
    def enabled(self) -> bool:
        return self.thread.comments_enabled if self.thread else True

    @property
    def closed_reason(self) -> str:
        return self.thread.closed_reason() if self.thread else ""


def parse_inline(params) -> dict | None:
    """The inline-feedback filter a query string asks for: every anchored comment
    (``inline=all``), the answers to one prompt (``prompt=<block id>``), or the comments on one
    passage (``block``, ``start``, ``end``); None for the whole thread. Malformed input reads
    as no filter."""
    prompt, block = params.get("prompt", ""), params.get("block", "")
    if prompt and len(prompt) <= 64:
        return {"prompt": prompt}
    start, end = params.get("start", ""), params.get("end", "")
    if block and len(block) <= 64 and OFFSET.fullmatch(start) and OFFSET.fullmatch(end):
        return {"block": block, "start": start, "end": end}
    if params.get("inline") == "all":
        return {"all": "all"}
    return None


def parse_picks(params) -> bool:
    """Whether a query string asks for the editor's picks alone (``picks=1``)."""
    return params.get("picks") == "1"


def anchored(comments, inline: dict) -> object:
    if "prompt" in inline:
        return comments.filter(anchor__prompt_id=inline["prompt"])
    if "block" in inline:
        return comments.filter(
            anchor__block_id=inline["block"], anchor__start=int(inline["start"]),
            anchor__end=int(inline["end"]), anchor__prompt_id="",
        ).exclude(anchor__state=State.ORPHANED)  # fmt: skip
    return comments.filter(anchor__isnull=False)


def parse_sort(value: str | None) -> str:
    return value if value in Sort.values else Sort.NEWEST


def encode_cursor(comment: Comment, sort: str) -> str:
    return f"{comment.score}.{comment.pk}" if sort == Sort.MOST_VOTED else str(comment.pk)


def decode_cursor(value: str | None, sort: str) -> tuple[int, ...] | None:
    """The sort key a cursor names; anything malformed reads as "from the start"."""
    if not value:
        return None
    parts = value.split(".")
    expected = 2 if sort == Sort.MOST_VOTED else 1
    if len(parts) != expected:
        return None
    try:
        numbers = tuple(int(part) for part in parts)
    except ValueError:
        return None
    return numbers if 0 < numbers[-1] < 2**63 and abs(numbers[0]) < 2**63 else None


def thread_view(
    *,
    page,
    reader: Reader,
    sort: str = Sort.NEWEST,
    cursor: str | None = None,
    focus: Comment | None = None,
    inline: dict | None = None,
    picks: bool = False,
    size: int | None = None,
) -> ThreadView:
    """One page of ``size`` root comments (``DISCUSSION_PAGE_SIZE`` unless told)."""
    thread = (
        Thread.objects.filter(page_id=page.pk)
        .select_related("pinned_comment__author", "pinned_comment__anchor")
        .first()
    )
    view = ThreadView(
        page=page, thread=thread, reader=reader, sort=sort, inline=inline, picks=picks
    )
    if thread is None or not thread.comments_enabled:
        return view
    size = size or settings.DISCUSSION_PAGE_SIZE
    roots = Comment.objects.visible_to(reader).roots_of(thread).for_display().in_order(sort)
    if inline is not None:
        roots = anchored(roots, inline)
    if picks:
        roots = roots.picked()
    focused = focus is not None and focus.thread_id == thread.pk
    thread_pin = pinned_of(thread)
    pinned_id = thread_pin.pk if thread_pin is not None else None
    # The pin leads the whole thread only: a filter or a permalink shows it in its place.
    pinned = thread_pin if inline is None and not picks and not focused else None
    if pinned is not None:
        # Above the first page, and on no page below it.
        roots = roots.exclude(pk=pinned.pk)
    if focused:
        view.focus_id = focus.pk
        roots = roots.from_root(sort, focus.root or focus)
    else:
        after = decode_cursor(cursor, sort)
        roots = roots.after(sort, after)
        view.pinned = pinned if after is None else None
    batch = list(roots[: size + 1])
    view.roots = batch[:size]
    if len(batch) > size:
        view.next_cursor = encode_cursor(view.roots[-1], sort)
    if inline is None and not picks and not focused:
        place_corrections(view, page.pk, previous=after)
    shown = [view.pinned, *view.roots] if view.pinned else view.roots
    attach_questions(shown, page)
    comments = attach_replies(shown, focus=focus, reader=reader)
    attach_reader_state(comments, reader)
    roles.attach_roles(comments, page.pk)
    for comment in comments:
        comment.is_pinned = comment.pk == pinned_id
    view.muting = any(comment.muted for comment in comments)
    return view


def place_corrections(view: ThreadView, page_id: int, *, previous: tuple[int, ...] | None) -> None:
    """Hang the article's corrections between this page's comments (``threads.corrections``)."""
    found = corrections.corrections_of(page_id)
    if not found:
        return
    previous_at = None
    if previous is not None:
        previous_at = (
            Comment.objects.filter(pk=previous[-1]).values_list("created_at", flat=True).first()
        )
        if previous_at is None:
            return
    before, view.corrections_after = corrections.place(
        found,
        view.roots,
        sort=view.sort,
        previous=previous_at,
        last_page=view.next_cursor is None,
    )
    for root in view.roots:
        root.corrections_before = before.get(root.pk, [])


def pinned_of(thread: Thread) -> Comment | None:
    """The thread's pinned comment while it is a published root of the thread; a pin whose
    comment was taken down shows nothing."""
    pinned = thread.pinned_comment
    if pinned is None or pinned.status != Comment.Status.PUBLISHED:
        return None
    if pinned.parent_id is not None or pinned.thread_id != thread.pk:
        return None
    return pinned


def attach_replies(
    roots: list[Comment], *, focus: Comment | None = None, reader: Reader | None = None
) -> list[Comment]:
    """Give each root its first replies in conversation order (``.replies``, flat, each with its
    depth) and the number not shown (``.more_replies``); return every comment shown.

    ``reader`` also sees their own comments that wait for a moderator or are shadow-banned."""
    shown = settings.DISCUSSION_REPLIES_SHOWN
    replies = list(
        Comment.objects.for_display().first_replies([root.pk for root in roots], shown, reader)
    )
    focus_root_id = (focus.root_id or focus.pk) if focus is not None else None
    if focus_root_id in {root.pk for root in roots}:
        replies = [reply for reply in replies if reply.root_id != focus_root_id]
        replies += list(focused_conversation(focus, reader)[:FOCUS_CONTEXT_LIMIT])
    by_root: dict[int, list[Comment]] = defaultdict(list)
    for reply in replies:
        by_root[reply.root_id].append(reply)
    for root in roots:
        root.replies = by_root[root.pk]
        root.more_replies = max(0, root.reply_count - len(root.replies))
        root.last_shown_position = root.replies[-1].position if root.replies else root.position
    return [*roots, *replies]


def focused_conversation(focus: Comment, reader: Reader | None):
    """The replies shown around a permalinked comment: for a reply, the conversation above it,
    however far down it is; for a root, all of its replies, which is where "Show more replies"
    leads a reader without JavaScript."""
    conversation = Comment.objects.visible_to(reader).for_display()
    if focus.root_id is None:
        conversation = conversation.filter(root_id=focus.pk)
    else:
        conversation = conversation.filter(root_id=focus.root_id, position__lte=focus.position)
    return conversation.order_by("position")


def replies_page(
    *, root: Comment, reader: Reader, after: str, limit: int = 50
) -> tuple[list[Comment], bool]:
    """The next replies of ``root`` in conversation order, and whether more follow them."""
    batch = list(
        Comment.objects.for_display().replies_after(root, after[:128], reader)[: limit + 1]
    )
    replies = batch[:limit]
    attach_reader_state(replies, reader)
    roles.attach_roles(replies, root.thread.page_id)
    return replies, len(batch) > limit


def one_comment(*, comment_id: int, reader: Reader, own: bool = False) -> Comment | None:
    """One comment of a public thread as the thread shows it to ``reader`` (their vote, their
    controls, their mutes), for the live script to insert or replace; None unless it is
    visible to every reader (published, or a placeholder kept for its replies), or, with
    ``own``, to this reader (their own held or shadowed comment, for the API). Shown alone:
    a root comes without its replies, which the thread places one by one."""
    comments = Comment.objects.visible_to(reader) if own else Comment.objects.visible()
    comment = (
        comments.on_public_pages()
        .for_display()
        .select_related("thread__page", "thread__pinned_comment")
        .filter(pk=comment_id, thread__comments_enabled=True)
        .first()
    )
    if comment is None:
        return None
    shown_alone([comment], thread=comment.thread, page=comment.thread.page.specific, reader=reader)
    return comment


def yours_among(
    *, thread: Thread, page: Page, reader: Reader, shown_ids: list[int], first_page: bool
) -> list[Comment]:
    """What of ``reader``'s own a page of the thread drawn for every reader lacks, for the
    page's script to put in place: of the comments it shows (``shown_ids``), those they wrote or
    voted on; and their comments nobody else sees (held, or shadowed) that reply to a shown one
    or, on the thread's first page, start a conversation. Each as ``one_comment`` draws it, in
    conversation order."""
    own = reader.ownership_filter()
    if own is None:
        return []
    voted = Vote.objects.filter(voter_key=reader.voter_key, comment_id__in=shown_ids)
    unseen_by_others = Q(status__in=[Comment.Status.PENDING, Comment.Status.SHADOWED]) & own
    placed = (
        Q(parent_id__in=shown_ids) | Q(parent__isnull=True)
        if first_page
        else Q(parent_id__in=shown_ids)
    )
    comments = list(
        Comment.objects.visible_to(reader)
        .for_display()
        .filter(thread=thread)
        .filter(
            (Q(pk__in=shown_ids) & (own | Q(pk__in=voted.values("comment_id"))))
            | (unseen_by_others & placed)
        )
        .order_by("position")[: len(shown_ids) + MAX_UNSEEN_OWN]
    )
    shown_alone(comments, thread=thread, page=page, reader=reader)
    return comments


def shown_alone(comments: list[Comment], *, thread: Thread, page: Page, reader: Reader) -> None:
    """Give comments drawn one by one, outside a page of the thread, what the thread gives them:
    no replies (placed one by one), the question a root answers, the reader's state, the
    author's roles and the pin."""
    for comment in comments:
        comment.replies, comment.more_replies = [], 0
    attach_questions([comment for comment in comments if comment.parent_id is None], page)
    attach_reader_state(comments, reader)
    roles.attach_roles(comments, page.pk)
    pinned = pinned_of(thread)
    for comment in comments:
        comment.is_pinned = pinned is not None and pinned.pk == comment.pk


def attach_reader_state(comments: list[Comment], reader: Reader) -> None:
    """Mark the reader's own votes (``.my_vote``), their own comments (``.is_own``: no Report
    link on them) and what they may edit (``.can_edit``), whose
    comments they muted (``.muted``, ``.can_mute``) and whether they may pin and pick
    (``.can_feature``)."""
    votes: dict[int, int] = {}
    if reader.voter_key and comments:
        votes = dict(
            Vote.objects.filter(
                voter_key=reader.voter_key, comment_id__in=[comment.pk for comment in comments]
            ).values_list("comment_id", "value")
        )
    muted = muting.muted_ids(reader.user) if comments else frozenset()
    features = bool(comments) and roles.can_feature(reader.user)
    for comment in comments:
        comment.my_vote = votes.get(comment.pk, 0)
        comment.is_own = reader.owns(comment)
        comment.can_edit = comment.is_changeable_by(reader)
        comment.muted = comment.author_id in muted
        comment.can_mute = bool(
            reader.user and comment.author_id and comment.author_id != reader.user.pk
        )
        comment.can_feature = features
