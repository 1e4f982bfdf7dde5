"""Write another system's comments into a Byline thread, as posting them one by one would have.

Importers hand over a list of ``IncomingComment`` for one article. The tree is checked first:
a reply whose parent is not in the file becomes a top-level comment (reported), and comments
caught in a loop of parents are skipped (reported), so a broken export never crashes the run.
Rows are written in bulk with ids reserved up front (``discussion.bulk``), positions built from
those ids, oldest first, and the counters (reply counts, the thread's count and last comment)
recomputed from the rows. Nothing passes the moderation pipeline or the notification outbox:
these comments were moderated on the old site, and their authors must not be emailed now.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
from collections import defaultdict
from dataclasses import dataclass, field
from itertools import batched

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db.models import Max

from byline.discussion import markup
from byline.discussion.anchoring import SelectorError
from byline.discussion.anchoring.workflows import Passage, create_anchor, place
from byline.discussion.models import Anchor, Comment, Thread, Vote, position_step
from byline.discussion.models.comments import POSITION_STEP
from byline.discussion.threads.bulk import reserve_comment_ids
from byline.migration import origins
from byline.migration.report import Report

# A position holds this many ancestors' steps; a deeper reply hangs from the deepest that fits.
MAX_STORED_DEPTH = Comment._meta.get_field("position").max_length // POSITION_STEP - 1
BATCH_SIZE = 2000
UPDATED_FIELDS = [
    "status", "body", "body_html", "author_id", "guest_name", "guest_email", "ip_address",
    "created_at", "edited_at", "removed_at", "upvotes", "downvotes", "score",
]  # fmt: skip


@dataclass
class IncomingComment:
    """One comment as the importer read it; ``key`` and ``parent_key`` link the tree."""

    key: str
    parent_key: str | None
    status: str
    created: dt.datetime
    name: str
    email: str = ""
    user: object | None = None
    body: str = ""
    ip: str | None = None
    up: int = 0
    down: int = 0
    prompt_id: str = ""
    anchor: dict | None = None
    edited: dt.datetime | None = None
    removed: dt.datetime | None = None
    origin: tuple[str, str] | None = None
    voters: list[tuple[str, int]] = field(default_factory=list)


def clean_email(address: str) -> str:
    address = (address or "").strip()
    try:
        validate_email(address)
    except ValidationError:
        return ""
    return address


def clean_ip(address: str | None) -> str | None:
    try:
        return str(ipaddress.ip_address((address or "").strip()))
    except ValueError:
        return None


def ordered_tree(
    incoming: list[IncomingComment], report: Report, *, keep_order: bool = False
) -> list[IncomingComment]:
    """The comments in the order their ids are given: oldest first (or as given, with
    ``keep_order``), parents always before their replies; orphans re-rooted, loops dropped."""
    by_key = {comment.key: comment for comment in incoming}
    children: dict[str | None, list[IncomingComment]] = defaultdict(list)
    for comment in incoming:
        parent = comment.parent_key
        if parent is not None and (parent not in by_key or parent == comment.key):
            report.note(
                f"comment {comment.key}: its parent {parent} is not in the file;"
                " imported as a top-level comment"
            )
            comment.parent_key = parent = None
        children[parent].append(comment)
    # Walk down from the top-level comments: whatever is never reached hangs in a loop.
    depths: dict[str, int] = {}
    stack = [(comment, 0) for comment in children[None]]
    while stack:
        comment, depth = stack.pop()
        depths[comment.key] = depth
        stack += [(child, depth + 1) for child in children[comment.key]]
    for comment in incoming:
        if comment.key not in depths:
            report.skip("comment", comment.key, "its parents form a loop")
    kept = [comment for comment in incoming if comment.key in depths]
    candidates = kept if keep_order else sorted(kept, key=_age)
    if _parents_first(candidates):
        return candidates
    return sorted(kept, key=lambda comment: (depths[comment.key], _age(comment)))


def _age(comment: IncomingComment) -> tuple:
    return (comment.created, comment.key)


def _parents_first(ordered: list[IncomingComment]) -> bool:
    """Whether oldest-first order also puts every parent before its replies (nearly always)."""
    by_age = sorted(ordered, key=_age)
    seen: set[str] = set()
    for comment in by_age:
        if comment.parent_key is not None and comment.parent_key not in seen:
            return False
        seen.add(comment.key)
    return True


def write_comments(
    *, page, incoming: list[IncomingComment], report: Report, keep_order: bool = False
) -> dict[str, int]:
    """Write or update ``incoming`` on ``page``'s thread; return key -> comment id."""
    thread = Thread.objects.for_page(page)
    ordered = ordered_tree(incoming, report, keep_order=keep_order)
    known = _already_imported(ordered)
    existing = {comment.pk: comment for comment in _rows(known.values())}
    new = [comment for comment in ordered if comment.key not in known]
    fresh_ids = iter(reserve_comment_ids(len(new))) if new else iter(())
    ids: dict[str, int] = {key: pk for key, pk in known.items() if pk in existing}
    rows: dict[str, Comment] = {}
    to_create: list[Comment] = []
    to_update: list[Comment] = []
    unchanged = 0
    rendered: dict[str, str] = {}
    for comment in ordered:
        if comment.key in ids:
            row = existing[ids[comment.key]]
            before = [getattr(row, name) for name in UPDATED_FIELDS]
            _fill(row, comment, rendered)
            rows[comment.key] = row
            if before != [getattr(row, name) for name in UPDATED_FIELDS]:
                to_update.append(row)
            else:
                unchanged += 1
            continue
        row = Comment(pk=next(fresh_ids), thread=thread)
        _place(row, comment, rows, report)
        _fill(row, comment, rendered)
        ids[comment.key] = row.pk
        rows[comment.key] = row
        to_create.append(row)
    for batch in batched(to_create, BATCH_SIZE):
        Comment.objects.bulk_create(batch)
    for row in to_update:
        # One plain UPDATE per changed row: bulk_update's CASE expressions cost far more once
        # batches grow, and a re-run usually changes few rows.
        Comment.objects.filter(pk=row.pk).update(
            **{name: getattr(row, name) for name in UPDATED_FIELDS}
        )
    _remember_origins(new, ids)
    report.add("comment", created=True, count=len(to_create))
    report.add("comment", created=False, count=len(to_update))
    report.add("unchanged comment", created=False, count=unchanged)
    _write_votes(ordered, ids)
    _write_anchors(page, ordered, ids, report)
    recount(thread)
    return ids


def _already_imported(ordered: list[IncomingComment]) -> dict[str, int]:
    by_system: dict[str, list[IncomingComment]] = defaultdict(list)
    for comment in ordered:
        if comment.origin:
            by_system[comment.origin[0]].append(comment)
    known: dict[str, int] = {}
    for system, comments in by_system.items():
        found = origins.find_many(system, "comment", [c.origin[1] for c in comments])
        for comment in comments:
            if comment.origin[1] in found:
                known[comment.key] = int(found[comment.origin[1]])
    return known


def _rows(pks) -> list[Comment]:
    pks = list(pks)
    found: list[Comment] = []
    for start in range(0, len(pks), 900):
        found += Comment.objects.filter(pk__in=pks[start : start + 900])
    return found


def _place(row: Comment, comment: IncomingComment, rows: dict[str, Comment], report) -> None:
    parent = rows.get(comment.parent_key) if comment.parent_key else None
    while parent is not None and parent.depth >= MAX_STORED_DEPTH:
        parent = parent.parent
    if parent is not None and comment.parent_key and parent is not rows[comment.parent_key]:
        report.note(f"comment {comment.key}: deeper than Byline stores; attached higher up")
    row.parent = parent
    row.root_id = (parent.root_id or parent.pk) if parent else None
    row.depth = parent.depth + 1 if parent else 0
    row.position = (parent.position if parent else "") + position_step(row.pk)


def _fill(row: Comment, comment: IncomingComment, rendered: dict[str, str]) -> None:
    body = markup.clean_text(comment.body)
    if body not in rendered:
        rendered[body] = markup.render(body) if body else ""
    html = rendered[body]
    status = comment.status
    if not markup.plain_text(html) and status != Comment.Status.REMOVED:
        # Nothing readable survived sanitising: kept as a placeholder so its replies stay.
        status, body, html = Comment.Status.REMOVED, "", ""
    row.status, row.body, row.body_html = status, body, html
    row.author = comment.user
    row.guest_name = "" if comment.user else (comment.name.strip()[:80] or "Anonymous")
    row.guest_email = "" if comment.user else clean_email(comment.email)
    row.ip_address = clean_ip(comment.ip)
    row.created_at, row.edited_at = comment.created, comment.edited
    row.removed_at = comment.removed or (
        comment.created if status == Comment.Status.REMOVED else None
    )
    row.upvotes, row.downvotes = max(comment.up, 0), max(comment.down, 0)
    row.score = row.upvotes - row.downvotes


def _remember_origins(new: list[IncomingComment], ids: dict[str, int]) -> None:
    by_system: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for comment in new:
        if comment.origin:
            by_system[comment.origin[0]].append((comment.origin[1], ids[comment.key]))
    for system, pairs in by_system.items():
        origins.remember_many(system, "comment", pairs)


def _write_votes(ordered: list[IncomingComment], ids: dict[str, int]) -> None:
    """Per-voter rows where the old system kept them; a re-run replaces its own rows only."""
    voted = [comment for comment in ordered if comment.voters]
    if not voted:
        return
    keys = {key for comment in voted for key, _ in comment.voters}
    Vote.objects.filter(comment_id__in=[ids[c.key] for c in voted], voter_key__in=keys).delete()
    Vote.objects.bulk_create(
        [
            Vote(comment_id=ids[comment.key], voter_key=key, value=value)
            for comment in voted
            for key, value in dict(comment.voters).items()
            if value in (Vote.UP, Vote.DOWN)
        ],
        batch_size=BATCH_SIZE,
    )


def _write_anchors(page, ordered: list[IncomingComment], ids: dict[str, int], report) -> None:
    for comment in ordered:
        if comment.parent_key is not None or not (comment.prompt_id or comment.anchor):
            continue
        Anchor.objects.filter(comment_id=ids[comment.key]).delete()
        row = Comment(pk=ids[comment.key])
        if comment.anchor:
            Anchor.objects.create(comment=row, **comment.anchor)
            continue
        try:
            selector = place(page, Passage(prompt_id=comment.prompt_id))
        except SelectorError as error:
            report.note(f"comment {comment.key}: not tied to its question ({error})")
            continue
        create_anchor(row, page, selector, comment.prompt_id)


def recount(thread: Thread) -> None:
    """Reply counts, the thread's comment count and last comment time, from the rows."""
    rows = list(
        Comment.objects.filter(thread=thread).values_list("pk", "position", "status", "reply_count")
    )
    published = [row for row in rows if row[2] == Comment.Status.PUBLISHED]
    counts: dict[int, int] = defaultdict(int)
    for _, position, _, _ in published:
        for start in range(0, len(position) - POSITION_STEP, POSITION_STEP):
            counts[int(position[start : start + POSITION_STEP], 36)] += 1
    changed = [
        Comment(pk=pk, reply_count=counts[pk]) for pk, _, _, old in rows if old != counts[pk]
    ]
    Comment.objects.bulk_update(changed, ["reply_count"], batch_size=1000)
    last = Comment.objects.filter(thread=thread, status=Comment.Status.PUBLISHED).aggregate(
        last=Max("created_at")
    )["last"]
    Thread.objects.filter(pk=thread.pk).update(comment_count=len(published), last_comment_at=last)
