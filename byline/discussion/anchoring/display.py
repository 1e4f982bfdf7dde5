"""What readers see of inline feedback: highlights with counts, prompt markers, quoted passages."""

from __future__ import annotations

from collections import Counter, defaultdict

from byline.discussion.anchoring.passages import prompts
from byline.discussion.models import Anchor, Comment


def page_anchors(page, reader=None):
    """Anchors of the comments on ``page`` that ``reader`` can see."""
    visible = Comment.objects.visible_to(reader).filter(thread__page_id=page.pk)
    return Anchor.objects.filter(comment__in=visible)


def highlights(page, reader=None) -> list[dict]:
    """One entry per commented passage of the current text, with how many comments it has.

    The script wraps these in highlights; positions are a hint it checks against the quote.
    """
    grouped: dict[tuple, list[int]] = defaultdict(list)
    rows = (
        page_anchors(page, reader)
        .placed()
        .values_list("block_id", "start", "end", "exact", "prompt_id", "comment_id")
        .order_by("block_id", "start", "comment_id")
    )
    for block_id, start, end, exact, prompt_id, comment_id in rows:
        grouped[(block_id, start, end, exact, prompt_id)].append(comment_id)
    return [
        {"block": block, "start": start, "end": end, "exact": exact, "prompt": prompt,
         "count": len(ids)}
        for (block, start, end, exact, prompt), ids in grouped.items()
    ]  # fmt: skip


def prompt_counts(page, reader=None) -> Counter[str]:
    return Counter(
        page_anchors(page, reader).exclude(prompt_id="").values_list("prompt_id", flat=True)
    )


def attach_questions(roots, page) -> None:
    """Give each comment answering an editor's prompt the question it answers (``.question``)."""
    body = getattr(page, "body", None)
    questions = prompts(body) if body is not None else {}
    for root in roots:
        anchor = anchor_of(root)
        root.question = questions.get(anchor.prompt_id, {}).get("question", "") if anchor else ""


def anchor_of(comment) -> Anchor | None:
    try:
        return comment.anchor
    except Anchor.DoesNotExist:
        return None
