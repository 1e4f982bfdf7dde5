"""Inline feedback against the stored article: place a new anchor, re-anchor after a publish,
and the editor's review of orphans (re-attach or dismiss)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from wagtail.models import Page

from byline.discussion.anchoring.passages import block_texts, prompts
from byline.discussion.anchoring.selectors import (
    Placement,
    Selector,
    SelectorError,
    State,
    reanchor,
    validate,
)
from byline.discussion.live import publishing as live
from byline.discussion.models import Anchor, Thread
from byline.discussion.threads import purging

PLACEMENT_FIELDS = ["block_id", "exact", "prefix", "suffix", "start", "end", "state"]


@dataclass(frozen=True)
class Passage:
    """What a new comment responds to: a reader's selection, or an editor's prompt by its block id."""

    selector: Selector | None = None
    prompt_id: str = ""


def body_of(page) -> object | None:
    """The StreamField body of a specific page, or None for pages without one."""
    return getattr(page, "body", None)


def texts_of(page) -> dict[str, str] | None:
    """Block id -> plain text of every prose block of ``page``, or None for a page without
    passages: its StreamField body's blocks, or, for a page that keeps its text elsewhere (an
    external page, as the worker last read it), what its ``passage_texts()`` gives."""
    own = getattr(page, "passage_texts", None)
    if own is not None:
        return own()
    body = body_of(page)
    return block_texts(body) if body is not None else None


def questions_of(page) -> dict[str, dict[str, str]]:
    """The editor prompts of ``page`` by block id (only Byline's own articles have them)."""
    body = body_of(page)
    return prompts(body) if body is not None else {}


def place(page, passage: Passage) -> Selector:
    """The server's selector for ``passage`` on the live ``page``; SelectorError if it names none."""
    texts = texts_of(page)
    if texts is None:
        raise SelectorError("This article has no passages to comment on.")
    if passage.prompt_id:
        placement = _prompt_placement(passage.prompt_id, texts, questions_of(page))
        if placement.selector is None:
            raise SelectorError("That question is no longer in the article.")
        return placement.selector
    if passage.selector is None:
        raise SelectorError("Choose a passage to comment on.")
    return validate(passage.selector, texts)


def create_anchor(comment, page, selector: Selector, prompt_id: str) -> Anchor:
    anchor = Anchor(comment=comment, prompt_id=prompt_id, revision_id=page.live_revision_id)
    anchor.checked_revision_id = anchor.revision_id
    anchor.place(selector, State.ANCHORED)
    anchor.save()
    return anchor


def _prompt_placement(prompt_id: str, texts: dict[str, str], questions: dict) -> Placement:
    """An answer to a prompt follows the prompt's passage, wherever the editor moved it."""
    prompt = questions.get(prompt_id)
    if prompt is None:
        return Placement(State.ORPHANED, None)
    hint = Selector(
        block_id=prompt_id, exact=prompt["passage"], prefix="", suffix="", start=0, end=0
    )
    try:
        return Placement(State.ANCHORED, validate(hint, texts))
    except SelectorError:
        return Placement(State.ORPHANED, None)


def reanchor_page(page_id: int) -> Counter[str]:
    """Re-anchor every anchor of the page's live revision; return how many ended in each state.

    Dismissed orphans keep the editor's decision. Only rows whose placement changed are
    written (a typical edit moves a few of them); every row notes the revision checked.
    """
    page = Page.objects.live().filter(pk=page_id).specific().first()
    texts = texts_of(page) if page is not None else None
    if texts is None:
        return Counter()
    questions = questions_of(page)
    counts: Counter[str] = Counter()
    with transaction.atomic():
        anchors = Anchor.objects.select_for_update().filter(
            comment__thread__page_id=page_id, dismissed_at__isnull=True
        )
        placed = list(anchors.order_by("pk"))
        shown = {anchor.pk: _as_shown(anchor) for anchor in placed}
        changed = [a for a in placed if _reanchored(a, texts, questions, counts)]
        Anchor.objects.bulk_update(changed, PLACEMENT_FIELDS, batch_size=200)
        anchors.update(checked_revision=page.live_revision_id)
        thread = Thread.objects.filter(page_id=page_id).first()
        if changed and thread is not None:
            # The cached article carries its highlights; the publish purged it before this ran.
            purging.purge_thread(thread, count=False)
            # A comment whose quote or "earlier version" mark changed is drawn again on open pages
            # (its cached fragment purged first, so the page fetches the new drawing).
            redrawn = [a.comment_id for a in changed if _as_shown(a) != shown[a.pk]]
            purging.purge_comments(redrawn)
            live.redrawn(redrawn)
    counts["changed"] = len(changed)
    return counts


def _as_shown(anchor: Anchor) -> tuple[str, bool]:
    """What a comment shows of its anchor: the words it quotes, and whether they are gone."""
    return anchor.exact, anchor.is_orphaned


def _reanchored(anchor: Anchor, texts, questions, counts: Counter[str]) -> bool:
    if anchor.prompt_id:
        placement = _prompt_placement(anchor.prompt_id, texts, questions)
    else:
        placement = reanchor(anchor.selector, texts)
    counts[placement.state] += 1
    before = (anchor.selector, anchor.state)
    if placement.selector is None:
        anchor.state = State.ORPHANED
    else:
        anchor.place(placement.selector, placement.state)
    return before != (anchor.selector, anchor.state)


def reattach(*, anchor_id: int, block_id: str, exact: str) -> Anchor:
    """An editor's choice of the passage an orphan now belongs to; SelectorError if it is not
    in the live article."""
    with transaction.atomic():
        anchor = (
            Anchor.objects.select_for_update().select_related("comment__thread").get(pk=anchor_id)
        )
        page = Page.objects.live().filter(pk=anchor.comment.thread.page_id).specific().first()
        if page is None:
            raise SelectorError("The article is not live.")
        hint = Selector(block_id=block_id, exact=exact, prefix="", suffix="", start=0, end=0)
        anchor.place(place(page, Passage(selector=hint)), State.MOVED)
        anchor.prompt_id, anchor.dismissed_at = "", None
        anchor.checked_revision_id = page.live_revision_id
        anchor.save()
        # The article's highlights and the comment's quote changed: purged before the event.
        purging.purge_thread(anchor.comment.thread, comment=anchor.comment, count=False)
        live.redrawn([anchor.comment_id])
    return anchor


def dismiss(*, anchor_id: int) -> Anchor:
    """Take an orphan off the review list; its comment stays in the thread, quoting the old text."""
    anchor = Anchor.objects.get(pk=anchor_id)
    anchor.dismissed_at = timezone.now()
    anchor.save(update_fields=["dismissed_at"])
    return anchor
