"""Reading threads and comments through the API: pages in every sort, replies, the inline
filter, one comment; nobody else's held, shadowed or hidden comment, no address of anyone."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.utils import timezone

from byline.api.tests.conftest import MAYA_KEY, OMAR_KEY, error_of
from byline.discussion.identity import Reader
from byline.discussion.models import Ban, Comment, Thread
from byline.discussion.moderation import actions
from byline.discussion.tests.factories import inline_article, post, post_on
from byline.discussion.threads import services

pytestmark = pytest.mark.django_db


def ids(items) -> list[int]:
    return [item["id"] for item in items]


def every_page(api, article, **params) -> list[list[int]]:
    pages, after = [], None
    while True:
        query = {**params, **({"after": after} if after else {})}
        response = api.get(f"/threads/{article.pk}/comments", **query)
        assert response.status_code == 200, response.content
        body = response.json()
        pages.append(ids(body["items"]))
        after = body["next"]
        if after is None:
            return pages


class TestThread:
    def test_a_thread_tells_its_count_state_and_prompts(self, api):
        article = inline_article()
        post(article)

        body = api.get(f"/threads/{article.pk}").json()

        assert body["page_id"] == article.pk and body["title"] == article.title
        assert body["url"].endswith(article.url) and body["url"].startswith("http")
        assert body["comment_count"] == 1
        assert body["open"] is True and body["closed_reason"] is None
        assert body["sorts"] == ["newest", "oldest", "votes"]
        assert body["prompts"] == [
            {"id": "q-source", "question": "Do you believe the representative?"}
        ]

    def test_a_closed_thread_says_why(self, api, article):
        Thread.objects.filter(pk=Thread.objects.for_page(article).pk).update(
            closed_at="2026-01-01T00:00Z"
        )

        body = api.get(f"/threads/{article.pk}").json()

        assert body["open"] is False
        assert body["closed_reason"] == "This discussion is closed to new comments."

    def test_the_live_stream_is_named_where_the_site_runs_one(self, api, article, settings):
        settings.LIVE_EVENTS_URL = "https://live.example.org"
        thread = Thread.objects.for_page(article)

        body = api.get(f"/threads/{article.pk}").json()

        assert body["live_events_url"] == f"https://live.example.org/threads/{thread.pk}/events"

    @pytest.mark.parametrize("page_id", ["0", "-3", "99999999", "2147483648", "x"])
    def test_no_page_or_a_malformed_id_is_not_found_or_invalid(self, api, page_id):
        response = api.get(f"/threads/{page_id}")

        assert response.status_code in (404, 422)
        error_of(response)

    def test_a_page_without_a_discussion_is_not_found(self, api, article):
        response = api.get(f"/threads/{article.get_parent().pk}")

        assert response.status_code == 404
        assert error_of(response)["code"] == "not_found"


class TestCommentPages:
    @pytest.fixture
    def thread(self, article, settings):
        comments = [post(article, f"Comment number {n}.", token=f"t-{n}") for n in range(7)]
        for comment, score in zip(comments, [2, 0, 5, 2, -1, 0, 3], strict=True):
            Comment.objects.filter(pk=comment.pk).update(score=score)
        return [Comment.objects.get(pk=comment.pk) for comment in comments]

    @pytest.mark.parametrize(
        "sort, key",
        [
            ("newest", lambda c: -c.pk),
            ("oldest", lambda c: c.pk),
            ("votes", lambda c: (-c.score, -c.pk)),
        ],
    )
    def test_keyset_pages_walk_every_sort_once_in_order(self, api, article, thread, sort, key):
        pages = every_page(api, article, sort=sort, limit=3)

        assert [len(page) for page in pages] == [3, 3, 1]
        assert [pk for page in pages for pk in page] == [
            comment.pk for comment in sorted(thread, key=key)
        ]

    def test_the_total_counts_the_thread(self, api, article, thread):
        body = api.get(f"/threads/{article.pk}/comments", limit=2).json()

        assert body["total"] == 7 and len(body["items"]) == 2

    @pytest.mark.parametrize("after", ["abc", "1.2", "-5", "0", "9" * 30])
    def test_a_cursor_not_of_the_sort_is_invalid(self, api, article, thread, after):
        response = api.get(f"/threads/{article.pk}/comments", sort="newest", after=after)

        assert response.status_code == 422
        assert error_of(response)["field"] == "after"

    @pytest.mark.parametrize("limit", ["0", "51", "-1", "ten"])
    def test_a_limit_outside_1_to_50_is_invalid(self, api, article, limit):
        response = api.get(f"/threads/{article.pk}/comments", limit=limit)

        assert response.status_code == 422
        assert error_of(response)["code"] == "invalid"

    def test_roots_bring_their_first_replies_and_a_cursor_for_the_rest(
        self, api, article, settings
    ):
        settings.DISCUSSION_REPLIES_SHOWN = 2
        root = post(article, "The root.")
        replies = [post(article, f"Reply {n}.", parent=root, token=f"r-{n}") for n in range(5)]

        item = api.get(f"/threads/{article.pk}/comments").json()["items"][0]

        assert ids(item["replies"]) == [reply.pk for reply in replies[:2]]
        assert item["reply_count"] == 5 and item["replies_next"]
        rest = api.get(f"/comments/{root.pk}/replies", after=item["replies_next"], limit=2)
        assert ids(rest.json()["items"]) == [reply.pk for reply in replies[2:4]]
        last = api.get(f"/comments/{root.pk}/replies", after=rest.json()["next"]).json()
        assert ids(last["items"]) == [replies[4].pk] and last["next"] is None

    @pytest.mark.parametrize("after", ["zz", "ABCDEFGH", "00000001/", "1" * 129])
    def test_a_replies_cursor_not_a_position_is_invalid(self, api, article, after):
        root = post(article)

        response = api.get(f"/comments/{root.pk}/replies", after=after)

        assert response.status_code == 422

    def test_replies_of_a_reply_are_not_found(self, api, article):
        reply = post(article, "A reply.", parent=post(article))

        assert api.get(f"/comments/{reply.pk}/replies").status_code == 404


class TestInlineFilter:
    @pytest.fixture
    def article(self):
        article = inline_article()
        self.passage = post_on(article, token="t-passage")
        self.answer = services.post_comment(
            page=article, body="Not for a second.", reader=Reader(guest_token="t-answer"),
            guest=services.Guest("Omar", "omar@example.org"),
            passage=services.Passage(prompt_id="q-source"),
        )  # fmt: skip
        self.plain = post(article, "On the whole story.")
        return article

    def test_inline_all_shows_every_anchored_comment(self, api, article):
        body = api.get(f"/threads/{article.pk}/comments", inline="all").json()

        assert set(ids(body["items"])) == {self.passage.pk, self.answer.pk}

    def test_a_prompt_shows_its_answers(self, api, article):
        body = api.get(f"/threads/{article.pk}/comments", prompt="q-source").json()

        assert ids(body["items"]) == [self.answer.pk]
        assert body["items"][0]["passage"]["prompt"] == "q-source"

    def test_a_passage_shows_its_comments_with_the_quote(self, api, article):
        anchor = self.passage.anchor
        body = api.get(
            f"/threads/{article.pk}/comments", block=anchor.block_id, start=anchor.start,
            end=anchor.end,
        ).json()  # fmt: skip

        assert ids(body["items"]) == [self.passage.pk]
        assert body["items"][0]["passage"] == {
            "block": "p-intro", "start": anchor.start, "end": anchor.end,
            "quote": anchor.exact, "prompt": None,
        }  # fmt: skip

    def test_a_block_without_its_offsets_is_invalid(self, api, article):
        response = api.get(f"/threads/{article.pk}/comments", block="p-intro")

        assert response.status_code == 422
        assert error_of(response)["field"] == "block"


class TestWhatOthersNeverSee:
    @pytest.fixture
    def unseen(self, article, settings):
        """Maya's held comment, her shadowed one, and one a moderator rejected."""
        settings.DISCUSSION_PREMODERATE_ALL = True
        held = post(article, "Held for a moderator.", token=MAYA_KEY)
        settings.DISCUSSION_PREMODERATE_ALL = False
        Ban.objects.create(kind=Ban.Kind.EMAIL, email=f"{MAYA_KEY}@example.org", shadow=True)
        shadowed = post(article, "Shadowed.", token=MAYA_KEY)
        Ban.objects.all().delete()
        rejected = post(article, "Rejected.", token=MAYA_KEY)
        moderator = _moderator()
        actions.decide(comment_ids=[rejected.pk], decision="reject", moderator=moderator)
        assert [c.status for c in (held, shadowed)] == ["pending", "shadowed"]
        return {"held": held, "shadowed": shadowed, "rejected": rejected}

    def test_another_reader_sees_none_of_them(self, api, article, unseen):
        for caller in (api, api.guest(OMAR_KEY)):
            body = caller.get(f"/threads/{article.pk}/comments").json()
            assert body["items"] == []
            for comment in unseen.values():
                assert caller.get(f"/comments/{comment.pk}").status_code == 404

    def test_their_author_sees_held_as_held_and_shadowed_as_published(self, api, article, unseen):
        maya = api.guest(MAYA_KEY)

        body = maya.get(f"/threads/{article.pk}/comments").json()

        statuses = {item["id"]: item["status"] for item in body["items"]}
        assert statuses == {unseen["held"].pk: "held", unseen["shadowed"].pk: "published"}
        assert maya.get(f"/comments/{unseen['rejected'].pk}").status_code == 404

    def test_no_address_key_or_moderation_note_leaves(self, api, article, member):
        post(article, "A member's words.", as_user=member)
        comment = post(article, "A guest's words.", token=MAYA_KEY)
        Comment.objects.filter(pk=comment.pk).update(ip_address="203.0.113.9")

        text = json.dumps(
            [
                api.get(f"/threads/{article.pk}/comments").json(),
                api.get(f"/comments/{comment.pk}").json(),
            ]
        )

        for secret in (member.email, f"{MAYA_KEY}@example.org", "203.0.113.9", MAYA_KEY,
                       Reader(guest_token=MAYA_KEY).guest_key, member.username):  # fmt: skip
            assert secret not in text

    def test_a_deleted_comment_with_replies_is_a_placeholder_without_author(self, api, article):
        root = post(article, "Soon gone.", token=MAYA_KEY)
        post(article, "A reply.", parent=root, token=OMAR_KEY)
        services.delete_comment(comment_id=root.pk, reader=Reader(guest_token=MAYA_KEY))

        item = api.get(f"/comments/{root.pk}").json()

        assert item["status"] == "removed"
        assert item["author"]["name"] == "" and "Soon gone" not in item["body_html"]


class TestReaderState:
    def test_a_readers_own_comment_and_vote_are_marked(self, api, article):
        mine = post(article, "Mine.", token=MAYA_KEY)
        theirs = post(article, "Theirs.", token=OMAR_KEY)
        services.cast_vote(comment_id=theirs.pk, reader=Reader(guest_token=MAYA_KEY), value=1)

        items = {
            item["id"]: item
            for item in api.guest(MAYA_KEY).get(f"/threads/{article.pk}/comments").json()["items"]
        }

        assert items[mine.pk]["own"] and items[mine.pk]["can_edit"] and items[mine.pk]["can_delete"]
        assert not items[theirs.pk]["own"] and not items[theirs.pk]["can_edit"]
        assert items[theirs.pk]["my_vote"] == 1 and items[theirs.pk]["score"] == 1

    def test_a_members_comment_names_their_public_page(self, api, article, member):
        comment = post(article, "Signed.", as_user=member)

        author = api.get(f"/comments/{comment.pk}").json()["author"]

        assert author["name"] == "Ines Member" and author["member"] is True
        assert author["url"].endswith(f"/people/{member.pk}/")
        assert author["initials"] == "IM"


def _moderator():
    from django.contrib.auth.models import Permission

    from byline.accounts.tests.factories import UserFactory

    user = UserFactory()
    user.user_permissions.add(
        Permission.objects.get(content_type__app_label="discussion", codename="moderate_comment")
    )
    return user


class TestAThreadWithoutARow:
    """A page nobody has commented on has no thread row; it still closes after the set days."""

    def test_an_old_page_reads_as_closed(self, api, article, settings):
        settings.DISCUSSION_AUTO_CLOSE_DAYS = 30
        type(article).objects.filter(pk=article.pk).update(
            first_published_at=timezone.now() - dt.timedelta(days=90)
        )

        body = api.get(f"/threads/{article.pk}").json()

        assert not Thread.objects.filter(page_id=article.pk).exists()
        assert body["open"] is False
        assert body["closed_reason"] == "This discussion is closed to new comments."

    def test_a_new_page_reads_as_open(self, api, article, settings):
        settings.DISCUSSION_AUTO_CLOSE_DAYS = 30

        body = api.get(f"/threads/{article.pk}").json()

        assert body["open"] is True and body["closed_reason"] is None
