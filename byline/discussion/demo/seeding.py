"""Post the demo conversations under the demo articles through the discussion's own services.

Comments, replies, edits, deletions and votes go through ``services`` as readers' clicks would,
so every count, position and score is what real use produces. Everything is posted in the
order of the dates it will carry, so ids keep that order too; then, as the newsroom's seeding
does for its pages, the rows are moved back in time: each comment after its article's
publication and before now, each reply after what it answers, each deletion and edit within
the edit window. One transaction: a failure leaves no half-written discussion.
"""

from __future__ import annotations

import datetime as dt
import random
import time
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.db.models import Max, OuterRef, Subquery
from django.utils import timezone

from byline.accounts import verification
from byline.discussion.anchoring import Selector
from byline.discussion.anchoring.passages import block_texts, prompts
from byline.discussion.anchoring.workflows import Passage
from byline.discussion.demo.conversations import CONVERSATIONS
from byline.discussion.demo.readers import CAST
from byline.discussion.demo.specs import PROMPT, Commenter, Conversation, Say
from byline.discussion.identity import Reader
from byline.discussion.models import Comment, Thread, Vote
from byline.discussion.moderation.pipeline import bypassed
from byline.discussion.threads import services
from byline.newsroom.demo.seeding import DEMO_PASSWORD
from byline.newsroom.models import ArticlePage

# Interest peaks just after publication: comments spread over the first days, front-loaded.
ACTIVE_PERIOD = dt.timedelta(days=3)
FRONT_LOADING = 1.6
FIRST_COMMENT_AFTER = dt.timedelta(minutes=4)
LAST_COMMENT_BEFORE_NOW = dt.timedelta(minutes=2)
LONGEST_REPLY_GAP = dt.timedelta(hours=6)
# Readers who vote without ever commenting.
LURKERS = 60
ACCOUNTS_JOINED_BEFORE_FIRST_STORY = dt.timedelta(days=40)


@dataclass(eq=False)
class Planned:
    """One comment to post: what, by whom, in reply to what, and the moment it will carry."""

    say: Say
    page: ArticlePage
    parent: Planned | None
    at: dt.datetime
    comment: Comment | None = None
    replies: list[Planned] = field(default_factory=list)


@dataclass
class DiscussionSummary:
    threads: int = 0
    comments: int = 0
    replies: int = 0
    commenters: int = 0
    votes: int = 0
    deleted: int = 0
    accounts: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def describe(self) -> str:
        if not self.comments:
            return "No open demo article to discuss; the demo discussion added none."
        return (
            f"Seeded the demo discussion in {self.seconds:.1f} s: {self.comments} comments"
            f" ({self.replies} replies, {self.deleted} deleted) by {self.commenters} readers on"
            f" {self.threads} articles, and {self.votes} votes. Reader accounts:"
            f" {', '.join(self.accounts)} (password {DEMO_PASSWORD!r})."
        )


def seed_demo_discussion(*, now: dt.datetime | None = None) -> str:
    """Seed the demo conversations once; return a one-line summary of what was done."""
    if Comment.objects.exists():
        return "The site already has reader comments; the demo discussion added none."
    started = time.perf_counter()
    # The demo writes a discussion that already happened, months of it in a second: the
    # moderation pipeline (rate limits above all) would refuse it, so it is bypassed here.
    with transaction.atomic(), bypassed():
        summary = build_discussion(now or timezone.now())
    summary.seconds = time.perf_counter() - started
    return summary.describe()


def build_discussion(now: dt.datetime) -> DiscussionSummary:
    pages = demo_pages()
    conversations = [c for c in CONVERSATIONS if c.article in pages and is_open(pages[c.article])]
    if not conversations:
        return DiscussionSummary()
    first_story = min(page.first_published_at for page in pages.values())
    accounts = reader_accounts(joined=first_story - ACCOUNTS_JOINED_BEFORE_FIRST_STORY)
    threads = {
        conversation.article: plan_conversation(
            conversation, pages[conversation.article], now, random.Random(conversation.article)
        )
        for conversation in conversations
    }
    planned = sorted((item for items in threads.values() for item in items), key=by_moment)
    votes = write_discussion(planned, threads, commenter_readers(accounts))
    backdate(planned, now)
    backdate_threads([pages[c.article] for c in conversations])
    return DiscussionSummary(
        threads=len(conversations),
        comments=len(planned),
        replies=sum(item.parent is not None for item in planned),
        commenters=len({item.say.who for item in planned}),
        votes=votes,
        deleted=sum(item.say.deleted for item in planned),
        accounts=[user.username for user in accounts.values()],
    )


def write_discussion(
    planned: list[Planned], threads: dict[str, list[Planned]], readers: dict[str, Reader]
) -> int:
    """Do what the readers did, in their order: post every comment by date, vote, and delete
    the comments their authors regretted once answered. Return how many votes were cast."""
    for item in planned:
        post(item, readers)
    votes = sum(
        cast_votes(items, readers, random.Random(f"votes:{slug}"))
        for slug, items in threads.items()
    )
    for item in planned:
        if item.say.deleted:
            services.delete_comment(comment_id=item.comment.pk, reader=readers[item.say.who])
    return votes


def demo_pages() -> dict[str, ArticlePage]:
    slugs = [conversation.article for conversation in CONVERSATIONS]
    return {page.slug: page for page in ArticlePage.objects.live().filter(slug__in=slugs)}


def is_open(page: ArticlePage) -> bool:
    # A site configured to close threads early would refuse these comments from real readers too.
    return Thread.objects.for_page(page).is_open()


def reader_accounts(*, joined: dt.datetime) -> dict[str, object]:
    """The signed-in commenters' accounts, created with the demo password where missing."""
    users = get_user_model()._default_manager
    # One slow hash shared by the accounts keeps seeding fast; they are demo accounts.
    password = make_password(DEMO_PASSWORD)
    accounts = {}
    for commenter in CAST.values():
        if commenter.signed_in:
            accounts[commenter.key], _ = users.get_or_create(
                username=commenter.username,
                defaults={
                    "email": commenter.email,
                    # Demo readers proved their addresses long ago.
                    "verified_email": commenter.email,
                    "display_name": commenter.name,
                    "password": password,
                    "date_joined": joined,
                },
            )
            # So they sign in by address or by an emailed code as well as by name.
            verification.record_address(accounts[commenter.key])
    return accounts


def commenter_readers(accounts: dict[str, object]) -> dict[str, Reader]:
    """A reader per commenter: the account if signed in, otherwise a browser of their own."""
    return {
        key: Reader(user=accounts[key]) if commenter.signed_in else guest_reader(key)
        for key, commenter in CAST.items()
    }


def guest_reader(name: str) -> Reader:
    return Reader(guest_token=f"byline-demo-reader-{name}")


def plan_conversation(
    conversation: Conversation, page: ArticlePage, now: dt.datetime, rng: random.Random
) -> list[Planned]:
    """Give every comment of the conversation its moment: roots front-loaded over the active
    period, in the order written; replies after the comment they answer."""
    start = page.first_published_at + FIRST_COMMENT_AFTER
    end = now - LAST_COMMENT_BEFORE_NOW
    span = min(end - start, ACTIVE_PERIOD)
    count = len(conversation.comments)
    planned: list[Planned] = []
    for index, root in enumerate(conversation.comments):
        share = ((index + rng.uniform(0.1, 0.9)) / count) ** FRONT_LOADING
        planned += plan_comment(root, page, None, start + span * share, end, rng)
    return planned


def plan_comment(
    say: Say,
    page: ArticlePage,
    parent: Planned | None,
    at: dt.datetime,
    end: dt.datetime,
    rng: random.Random,
) -> list[Planned]:
    item = Planned(say=say, page=page, parent=parent, at=at)
    if parent is not None:
        parent.replies.append(item)
    # A comment its author deletes can only be deleted within the edit window, so the replies
    # that keep it as a placeholder came quickly.
    longest = edit_window() / (len(say.replies) + 2) if say.deleted else LONGEST_REPLY_GAP
    planned, moment = [item], at
    for reply in say.replies:
        moment += min(longest, (end - moment) * rng.uniform(0.05, 0.3))
        planned += plan_comment(reply, page, item, moment, end, rng)
    return planned


def edit_window() -> dt.timedelta:
    return dt.timedelta(minutes=settings.DISCUSSION_EDIT_WINDOW_MINUTES)


def post(item: Planned, readers: dict[str, Reader]) -> None:
    """Post the comment as its author would, and edit it at once if it had a first draft."""
    commenter: Commenter = CAST[item.say.who]
    reader = readers[commenter.key]
    item.comment = services.post_comment(
        page=item.page,
        body=item.say.draft or item.say.body,
        reader=reader,
        guest=None
        if commenter.signed_in
        else services.Guest(name=commenter.name, email=commenter.email),
        parent_id=item.parent.comment.pk if item.parent else None,
        ip_address=commenter.ip_address,
        passage=demo_passage(item.page, item.say.on),
    )
    if item.say.draft:
        services.edit_comment(comment_id=item.comment.pk, reader=reader, body=item.say.body)


def demo_passage(page: ArticlePage, on: str) -> Passage | None:
    """The passage a demo comment responds to: the article's prompt, or the words quoted."""
    if not on:
        return None
    if on == PROMPT:
        return Passage(prompt_id=next(iter(prompts(page.body))))
    block_id = next(block for block, text in block_texts(page.body).items() if on in text)
    return Passage(
        selector=Selector(block_id=block_id, exact=on, prefix="", suffix="", start=0, end=0)
    )


def by_moment(item: Planned) -> dt.datetime:
    return item.at


def cast_votes(items: list[Planned], readers: dict[str, Reader], rng: random.Random) -> int:
    """Cast each comment's up and down votes from other readers and from lurkers, drawn from
    ``rng`` in the conversation's order so that a re-seed votes the same way; return how many."""
    lurkers = [guest_reader(f"lurker-{n}") for n in range(LURKERS)]
    cast = 0
    for item in items:
        up, down = vote_counts(item, rng)
        voters = [reader for key, reader in readers.items() if key != item.say.who] + lurkers
        chosen = rng.sample(voters, min(len(voters), up + down))
        for index, voter in enumerate(chosen):
            value = Vote.UP if index < up else Vote.DOWN
            services.cast_vote(comment_id=item.comment.pk, reader=voter, value=value)
        cast += len(chosen)
    return cast


def vote_counts(item: Planned, rng: random.Random) -> tuple[int, int]:
    """The votes the data asks for, or a few drawn at random: replies draw fewer."""
    drawn_up = rng.choice((0, 1, 1, 2) if item.parent else (0, 1, 2, 2, 3, 4))
    drawn_down = rng.choice((0,) * 12 + (1, 2))
    return (
        drawn_up if item.say.up is None else item.say.up,
        drawn_down if item.say.down is None else item.say.down,
    )


def backdate(planned: list[Planned], now: dt.datetime) -> None:
    """Move every comment, its edit and its deletion to its planned moment."""
    comments = []
    for item in planned:
        comment = item.comment
        comment.created_at = item.at
        if item.say.draft:
            comment.edited_at = item.at + min(edit_window() / 4, (now - item.at) / 2)
        if item.say.deleted:
            last_reply = max((reply.at for reply in item.replies), default=item.at)
            comment.removed_at = min(
                item.at + edit_window() * 0.9, last_reply + (now - last_reply) / 2
            )
        comments.append(comment)
    Comment.objects.bulk_update(comments, ["created_at", "edited_at", "removed_at"], batch_size=200)
    # Votes came in while the discussion was live, not at the moment of seeding.
    moment_of_comment = Subquery(
        Comment.objects.filter(pk=OuterRef("comment_id")).values("created_at")[:1]
    )
    Vote.objects.filter(comment__in=comments).update(
        created_at=moment_of_comment, updated_at=moment_of_comment
    )


def backdate_threads(pages: list[ArticlePage]) -> None:
    """Date each thread from its article's publication, and its last comment from the rows."""
    for page in pages:
        last = Comment.objects.filter(thread__page=page).aggregate(last=Max("created_at"))["last"]
        Thread.objects.filter(page=page).update(
            created_at=page.first_published_at, last_comment_at=last
        )
