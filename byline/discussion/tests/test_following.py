"""Following topics, people and stories, and the corrections that reach the readers who cared:
every reader told once per happening, through the outbox and the worker."""

from __future__ import annotations

import datetime as dt
import re
from unittest import mock

import pytest
from django.core import mail
from django.core.cache import cache
from django.utils import timezone

from byline.accounts.tests.factories import UserFactory
from byline.discussion.models import (
    FollowEvent,
    FollowNotice,
    Subscriber,
    Subscription,
)
from byline.discussion.notify import following, subscriptions
from byline.discussion.tests.factories import follower, post
from byline.mail.models import OutgoingEmail
from byline.newsroom.models import Correction, StoryPage, StoryStatusEntry
from byline.newsroom.tests.factories import (
    ArticlePageFactory,
    PersonFactory,
    TopicFactory,
    publish,
    story_page,
)

pytestmark = [pytest.mark.django_db]


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


def follows(target, address: str, *, frequency: str = "immediate", confirmed: bool = True):
    """A follow as it is once its guest confirmed it (or before, with ``confirmed=False``)."""
    now = timezone.now() if confirmed else None
    subscriber, _ = Subscriber.objects.get_or_create(address=address)
    if confirmed and subscriber.confirmed_at is None:
        subscriber.confirmed_at = now
        subscriber.save(update_fields=["confirmed_at"])
    kind = subscriptions.follow_kind(target)
    return Subscription.objects.create(
        subscriber=subscriber, kind=kind, frequency=frequency, confirmed_at=now, **{kind: target}
    )


def unpublished_article(**fields):
    """An article an editor is writing: never published yet."""
    return ArticlePageFactory(live=False, first_published_at=None, **fields)


def sent_to(address: str) -> list:
    return [message for message in mail.outbox if message.to == [address]]


class TestNewArticles:
    def test_a_topic_follower_hears_of_a_new_article_once(self, deliver):
        topic = TopicFactory(name="Award season")
        follows(topic, "ada@example.org")
        article = unpublished_article(title="Who wins the night?")
        article.topics.add(topic)

        deliver(publish, article)
        deliver(publish, article)  # published again: nothing new

        [message] = sent_to("ada@example.org")
        assert message.subject == "New: “Who wins the night?”"
        assert "Read the article: http://127.0.0.1:8000/" in message.body
        assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert FollowNotice.objects.count() == 1

    def test_a_reader_following_the_topic_and_the_person_gets_one_email(self, deliver):
        topic, person = TopicFactory(), PersonFactory(name="Lena Marsh")
        follows(topic, "ada@example.org")
        follows(person, "ada@example.org")
        follows(person, "bo@example.org")
        article = unpublished_article()
        article.topics.add(topic)
        article.people.add(person)

        deliver(publish, article)

        assert len(sent_to("ada@example.org")) == 1
        assert len(sent_to("bo@example.org")) == 1

    def test_an_article_published_before_tells_no_one_when_edited(self, deliver):
        topic = TopicFactory()
        follows(topic, "ada@example.org")
        article = ArticlePageFactory()  # first published an hour ago
        article.topics.add(topic)

        deliver(publish, article)

        assert sent_to("ada@example.org") == []

    def test_an_unconfirmed_follow_hears_nothing(self, deliver):
        topic = TopicFactory()
        follows(topic, "ada@example.org", confirmed=False)
        article = unpublished_article()
        article.topics.add(topic)

        deliver(publish, article)

        assert mail.outbox == []
        assert FollowNotice.objects.count() == 0

    def test_a_daily_follower_gets_one_line_in_the_digest(self, deliver, settings):
        topic, person = TopicFactory(), PersonFactory()
        follows(topic, "ada@example.org", frequency="daily")
        follows(person, "ada@example.org", frequency="daily")
        for field in ("topics", "people"):
            article = unpublished_article()
            getattr(article, field).add(topic if field == "topics" else person)
            deliver(publish, article)
        assert mail.outbox == []

        later = timezone.now() + dt.timedelta(days=1, hours=1)
        assert deliver(following.send_digests, clock=lambda: later) == 1
        assert deliver(following.send_digests, clock=lambda: later) == 0

        [digest] = sent_to("ada@example.org")
        assert digest.subject == "What you follow: 2 updates"
        assert FollowNotice.objects.filter(posted_at__isnull=True).count() == 0


def with_entry(story, status: str, note: str):
    """A fresh copy of ``story`` with one more timeline entry, as the editor's form leaves it."""
    story = StoryPage.objects.get(pk=story.pk)
    moment = timezone.now()
    story.timeline.add(StoryStatusEntry(happened_on=moment, status=status, note=note))
    return story


class TestStories:
    def test_a_new_article_in_the_story_is_told_once_even_to_a_topic_follower(self, deliver):
        story = deliver(story_page, ("rumoured", "A source talks."), title="The split")
        topic = TopicFactory()
        follows(story, "story@example.org")
        follows(story, "both@example.org")
        follows(topic, "both@example.org")
        article = unpublished_article(title="Friends say it is over", story=story)
        article.topics.add(topic)

        deliver(publish, article)
        deliver(publish, article)

        [message] = sent_to("story@example.org")
        assert message.subject == "“Friends say it is over” joins the story “The split”"
        assert len(sent_to("both@example.org")) == 1

    def test_an_older_article_joining_the_story_is_told_to_its_followers(self, deliver):
        story = deliver(story_page, title="The split")
        follows(story, "story@example.org")
        article = ArticlePageFactory()  # published an hour ago, in no story

        article.story = story
        deliver(publish, article)
        deliver(publish, article)

        assert len(sent_to("story@example.org")) == 1

    def test_a_change_of_status_is_told_once_with_its_note(self, deliver):
        story = deliver(story_page, ("rumoured", "A source talks."), title="The split")
        follows(story, "story@example.org")
        follows(story, "late@example.org", confirmed=False)

        deliver(publish, with_entry(story, "confirmed", "Both confirm it in a statement."))
        deliver(publish, StoryPage.objects.get(pk=story.pk))  # republished: no change

        [message] = mail.outbox
        assert message.to == ["story@example.org"]
        assert message.subject == "“The split” is now confirmed"
        assert "Both confirm it in a statement." in message.body

    def test_an_announced_entry_whose_status_is_changed_in_place_is_told_again(self, deliver):
        story = deliver(story_page, ("rumoured", "A source talks."), title="The split")
        follows(story, "story@example.org")
        deliver(publish, with_entry(story, "confirmed", "Both confirm it."))

        story = StoryPage.objects.get(pk=story.pk)
        entries = list(story.timeline.all())
        latest = max(entries, key=StoryStatusEntry.sort_key)
        latest.status = "denied"  # the editor corrects the entry itself
        story.timeline = entries
        deliver(publish, story)

        assert [m.subject for m in sent_to("story@example.org")] == [
            "“The split” is now confirmed",
            "“The split” is now denied",
        ]

    def test_a_development_without_a_new_status_tells_no_one(self, deliver):
        story = deliver(story_page, ("rumoured", "A source talks."))
        follows(story, "story@example.org")

        deliver(publish, with_entry(story, "rumoured", "Another source talks."))

        assert mail.outbox == []

    def test_a_correction_the_editor_sends_to_the_story_reaches_its_followers_once(self, deliver):
        """The rule: the correction's "Tell the story's followers too" box, read when it first
        goes live."""
        story = deliver(story_page, ("rumoured", "A source talks."), title="The split")
        article = deliver(publish, unpublished_article(story=story))
        follows(story, "story@example.org")
        follows(story, "both@example.org")
        follower(article, "both@example.org")
        follower(article, "subscriber@example.org")

        Correction.objects.create(
            article=article, note="They never said it.", tell_story_followers=True
        )
        article.refresh_from_db()
        deliver(publish, article)
        deliver(publish, article)

        assert [m.subject for m in sent_to("story@example.org")] == [
            f"Correction to “{article.title}”"
        ]
        assert len(sent_to("both@example.org")) == 1
        assert len(sent_to("subscriber@example.org")) == 1

    def test_a_correction_left_unticked_stays_with_the_article_even_on_a_status_day(self, deliver):
        story = deliver(story_page, ("rumoured", "A source talks."))
        article = deliver(publish, unpublished_article(story=story))
        follows(story, "story@example.org")
        deliver(publish, with_entry(story, "denied", "Both deny it."))
        mail.outbox.clear()

        Correction.objects.create(article=article, note="A typo in a name.")
        article.refresh_from_db()
        deliver(publish, article)
        # Ticking the box after the correction went live sends nothing more.
        Correction.objects.update(tell_story_followers=True)
        article.refresh_from_db()
        deliver(publish, article)

        assert sent_to("story@example.org") == []

    def test_the_story_page_and_the_story_box_offer_the_form(self, client, deliver):
        story = deliver(story_page, title="The split")
        article = deliver(publish, unpublished_article(story=story))

        for url in (story.url, article.url):
            html = client.get(url).content.decode()
            assert f'action="/notify/follow/story/{story.pk}/"' in html, url

    def test_a_reader_follows_the_story_from_its_page_at_once(self, client, deliver):
        story = deliver(story_page, title="The split")
        client.force_login(UserFactory(email="ada@example.org"))

        response = client.post(f"/notify/follow/story/{story.pk}/", {"frequency": "immediate"})

        assert response.status_code == 200
        assert Subscription.objects.get().story_id == story.pk

    def test_a_story_not_live_cannot_be_followed(self, client):
        story = story_page(live=False)

        response = client.post(
            f"/notify/follow/story/{story.pk}/",
            {"email": "a@example.org", "frequency": "immediate"},
        )

        assert response.status_code == 404


class TestFollowing:
    def test_a_guest_confirms_by_the_emailed_link_then_hears(self, client, deliver):
        topic = TopicFactory(name="Award season", slug="award-season")
        response = deliver(
            client.post, "/notify/follow/topic/award-season/",
            {"email": "g@example.org", "frequency": "immediate"},
        )  # fmt: skip

        assert response.status_code == 200
        assert "Check your inbox" in response.content.decode()
        [confirmation] = mail.outbox
        assert confirmation.subject == "Confirm your subscription to new articles on Award season"
        path = re.search(r"http://127\.0\.0\.1:8000(/notify/confirm/\S+/)", confirmation.body)[1]
        assert Subscription.objects.get().confirmed_at is None

        client.post(path)

        assert Subscription.objects.get().is_confirmed
        mail.outbox.clear()
        article = unpublished_article()
        article.topics.add(topic)
        deliver(publish, article)
        assert len(sent_to("g@example.org")) == 1

    def test_a_member_with_a_proven_address_follows_at_once(self, client):
        user = UserFactory(email="ada@example.org")
        client.force_login(user)
        person = PersonFactory(slug="lena-marsh")

        response = client.post("/notify/follow/person/lena-marsh/", {"frequency": "daily"})

        assert response.status_code == 200
        assert "Done. We’ll email ada@example.org" in response.content.decode()
        subscription = Subscription.objects.get()
        assert subscription.is_confirmed and subscription.frequency == "daily"
        assert subscription.person == person
        assert mail.outbox == []

    def test_the_one_click_link_of_a_follow_email_stops_it(self, client, deliver):
        topic = TopicFactory()
        follows(topic, "ada@example.org")
        article = unpublished_article()
        article.topics.add(topic)
        deliver(publish, article)
        [message] = mail.outbox
        url = (
            message.extra_headers["List-Unsubscribe"]
            .strip("<>")
            .removeprefix("http://127.0.0.1:8000")
        )

        from django.test import Client

        response = Client(enforce_csrf_checks=True).post(
            url, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
        )

        assert response.status_code == 200
        assert Subscription.objects.count() == 0

    @pytest.mark.parametrize(
        "data",
        [
            {"email": "nope", "frequency": "immediate"},
            {"email": "a@example.org", "frequency": "hourly"},
            {"email": "a" * 5000 + "@example.org", "frequency": "immediate"},
            {"email": "<script>alert(1)</script>@example.org", "frequency": "immediate"},
            {"email": "a@example.org\r\nBcc: b@example.org", "frequency": "immediate"},
            {"frequency": "immediate"},
        ],
    )
    def test_hostile_input_gets_a_clear_400_and_stores_nothing(self, client, data):
        TopicFactory(slug="award-season")

        response = client.post("/notify/follow/topic/award-season/", data)

        assert response.status_code == 400
        assert b"<script>alert" not in response.content
        assert Subscription.objects.count() == 0 and mail.outbox == []

    @pytest.mark.parametrize(
        "url",
        [
            "/notify/follow/topic/no-such-topic/",
            "/notify/follow/everything/award-season/",
            "/notify/follow/story/99999999/",
            "/notify/follow/story/" + "9" * 40 + "/",
            "/notify/follow/story/award-season/",
        ],
    )
    def test_nothing_followable_is_not_found(self, client, url):
        TopicFactory(slug="award-season")

        response = client.post(url, {"email": "a@example.org", "frequency": "immediate"})

        assert response.status_code == 404
        assert Subscription.objects.count() == 0

    def test_an_article_cannot_be_followed_as_a_story(self, client):
        article = ArticlePageFactory()

        response = client.post(
            f"/notify/follow/story/{article.pk}/",
            {"email": "a@example.org", "frequency": "immediate"},
        )

        assert response.status_code == 404

    def test_a_post_from_another_site_is_refused(self):
        from django.test import Client

        TopicFactory(slug="award-season")
        browser = Client(enforce_csrf_checks=True, HTTP_SEC_FETCH_SITE="cross-site")

        response = browser.post(
            "/notify/follow/topic/award-season/",
            {"email": "a@example.org", "frequency": "immediate"},
        )

        assert response.status_code == 403
        assert Subscription.objects.count() == 0

    def test_a_guest_without_cookies_posting_from_the_site_is_answered(self, deliver):
        """The form sits on cached pages without a CSRF token: the browser's Sec-Fetch-Site
        stands for it, and no cookie is needed."""
        from django.test import Client

        TopicFactory(slug="award-season")
        browser = Client(enforce_csrf_checks=True, HTTP_SEC_FETCH_SITE="same-origin")

        response = deliver(
            browser.post, "/notify/follow/topic/award-season/",
            {"email": "a@example.org", "frequency": "immediate"},
        )  # fmt: skip

        assert response.status_code == 200
        assert Subscription.objects.get().confirmed_at is None
        assert len(mail.outbox) == 1

    def test_an_account_with_an_unproven_address_waits_for_the_link(self, client, deliver):
        """Signing up with someone else's address opens none of their follows: the follow
        waits for the link that goes to that address."""
        client.force_login(UserFactory(email="victim@example.org", verified_email=""))
        TopicFactory(slug="award-season")

        response = deliver(
            client.post, "/notify/follow/topic/award-season/", {"frequency": "immediate"}
        )

        assert response.status_code == 200
        assert Subscription.objects.get().confirmed_at is None
        assert [m.to for m in mail.outbox] == [["victim@example.org"]]

    @pytest.mark.parametrize("kind", ["story", "topic", "person"])
    def test_the_notify_of_control_takes_no_follow_kind(self, client, kind):
        article = ArticlePageFactory()

        response = client.post(
            f"/notify/on/{article.pk}/",
            {"email": "a@example.org", "kind": kind, "frequency": "immediate"},
        )

        assert response.status_code == 400
        assert Subscription.objects.count() == 0

    def test_get_is_refused(self, client):
        TopicFactory(slug="award-season")

        assert client.get("/notify/follow/topic/award-season/").status_code == 405

    def test_too_many_requests_from_one_client_are_refused_openly(self, client, settings):
        settings.NOTIFICATIONS_REQUESTS_PER_HOUR = 2
        TopicFactory(slug="award-season")
        data = {"email": "a@example.org", "frequency": "immediate"}
        statuses = [
            client.post("/notify/follow/topic/award-season/", data).status_code for _ in range(3)
        ]

        assert statuses == [200, 200, 429]

    def test_a_guest_asking_again_gets_one_confirmation_per_hour_limit(
        self, client, settings, deliver
    ):
        settings.NOTIFICATIONS_CONFIRMATIONS_PER_HOUR = 2
        TopicFactory(slug="award-season")
        data = {"email": "a@example.org", "frequency": "immediate"}
        url = "/notify/follow/topic/award-season/"
        answers = {deliver(client.post, url, data).status_code for _ in range(3)}

        assert answers == {200}
        assert len(mail.outbox) == 2
        assert Subscription.objects.count() == 1

    def test_the_topic_page_offers_the_form(self, client):
        TopicFactory(name="Award season", slug="award-season")

        response = client.get("/topic/award-season/")

        assert response.status_code == 200
        html = response.content.decode()
        assert 'action="/notify/follow/topic/award-season/"' in html
        assert "Follow Award season" in html

    def test_the_person_page_offers_the_form_to_a_member_without_an_address_field(self, client):
        client.force_login(UserFactory())
        PersonFactory(name="Lena Marsh", slug="lena-marsh")

        html = client.get("/person/lena-marsh/").content.decode()

        assert 'action="/notify/follow/person/lena-marsh/"' in html
        assert 'name="email"' not in html


class TestCorrections:
    def correct(self, deliver, article, note="An earlier version named the wrong restaurant."):
        Correction.objects.create(article=article, note=note)
        article.refresh_from_db()
        return deliver(publish, article)

    def test_subscribers_and_commenters_who_asked_for_replies_hear_once(self, deliver):
        article = ArticlePageFactory(title="Who wrote the hit?")
        follower(article, "subscriber@example.org")
        # A commenter who asked for replies, and one who did not.
        deliver(post, article, token="asked")
        follower(article, "asked@example.org", kind="replies")
        deliver(post, article, body="Another view entirely.", token="silent")
        # Both a subscriber and a commenter who asked for replies: one email.
        deliver(post, article, body="A third view, as it happens.", token="both")
        follower(article, "both@example.org")
        follower(article, "both@example.org", kind="replies")
        # Asked for replies without commenting: not one who discussed it.
        follower(article, "lurker@example.org", kind="replies")
        mail.outbox.clear()

        self.correct(deliver, article)
        deliver(publish, article)  # the same content published again
        article.standfirst = "A new standfirst."
        deliver(publish, article)  # a later edit of another field

        told = sorted(message.to[0] for message in mail.outbox)
        assert told == ["asked@example.org", "both@example.org", "subscriber@example.org"]
        message = sent_to("subscriber@example.org")[0]
        assert message.subject == "Correction to “Who wrote the hit?”"
        assert "An earlier version named the wrong restaurant." in message.body
        assert FollowNotice.objects.count() == 3

    def test_a_second_correction_is_told_once_more(self, deliver):
        article = ArticlePageFactory()
        follower(article, "subscriber@example.org")
        self.correct(deliver, article, "First fix.")
        self.correct(deliver, article, "Second fix.")

        bodies = [m.body for m in sent_to("subscriber@example.org")]
        assert len(bodies) == 2
        assert "First fix." in bodies[0] and "Second fix." in bodies[1]

    def test_the_moment_a_correction_went_live_survives_later_revisions(self, deliver):
        article = ArticlePageFactory()
        Correction.objects.create(article=article, note="A fix.")
        article.refresh_from_db()
        stale = article.save_revision()  # an editor's copy taken before the first publish
        deliver(publish, article)
        first = Correction.objects.get().published_at
        assert first is not None

        deliver(stale.publish)

        assert Correction.objects.get().published_at == first

    def test_a_worker_that_retries_tells_no_one_twice(
        self, deliver, django_capture_on_commit_callbacks
    ):
        article = ArticlePageFactory()
        follower(article, "subscriber@example.org")
        Correction.objects.create(article=article, note="A fix.")
        article.refresh_from_db()
        with django_capture_on_commit_callbacks(execute=False):
            publish(article)  # recorded; the worker has not run yet
        event = FollowEvent.objects.get(kind="correction")

        # The first run dies after posting the email: its transaction takes both back.
        killed = mock.patch.object(following, "_post_immediate", side_effect=RuntimeError("killed"))
        with killed, pytest.raises(RuntimeError):
            following.expand(event.pk)
        assert FollowNotice.objects.count() == 0 and OutgoingEmail.objects.count() == 0

        assert deliver(following.expand, event.pk) == 1
        assert deliver(following.expand, event.pk) == 0
        FollowEvent.objects.filter(pk=event.pk).update(expanded_at=None)
        assert deliver(following.expand, event.pk) == 0  # the notices say who was told

        assert len(sent_to("subscriber@example.org")) == 1

    def test_a_correction_withdrawn_by_an_older_revision_and_back_is_told_once(self, deliver):
        article = ArticlePageFactory()
        follower(article, "subscriber@example.org")
        older = article.save_revision()  # the article before the correction
        self.correct(deliver, article)
        with_correction = article.get_latest_revision()

        deliver(older.publish)  # the correction's row is deleted
        assert not Correction.objects.exists()
        deliver(with_correction.publish)  # and back, under the same id

        assert len(sent_to("subscriber@example.org")) == 1
        assert FollowEvent.objects.filter(kind="correction").count() == 1

    def test_corrections_live_before_this_feature_are_never_announced(self, deliver):
        """The migration marks them told; this stands for it with an event already there."""
        article = ArticlePageFactory()
        follower(article, "subscriber@example.org")
        correction = Correction.objects.create(article=article, note="Old.")
        FollowEvent.objects.create(
            kind="correction", key=f"correction:{correction.pk}", correction=correction,
            expanded_at=timezone.now(),
        )  # fmt: skip

        deliver(publish, article)

        assert mail.outbox == []


class TestCorrectionInTheThread:
    def test_it_sits_between_the_comments_before_and_after_it(self, client, deliver):
        article = ArticlePageFactory()
        before = deliver(post, article, body="Written before the fix.", token="t-1")
        Correction.objects.create(article=article, note="The fix itself.")
        article.refresh_from_db()
        deliver(publish, article)
        after = deliver(post, article, body="Written after the fix.", token="t-2")

        for sort, expected in (
            ("oldest", [f"comment-{before.pk}", "correction", f"comment-{after.pk}"]),
            ("newest", [f"comment-{after.pk}", "correction", f"comment-{before.pk}"]),
        ):
            html = client.get(f"{article.url}?sort={sort}").content.decode()
            order = re.findall(
                r'<li class="(?:comment[^"]*"\s+id="(comment-\d+)"|thread-correction)', html
            )
            shown = [found or "correction" for found in order]
            assert shown == expected, sort

    def test_in_most_voted_it_heads_the_thread(self, client, deliver):
        article = ArticlePageFactory()
        deliver(post, article, body="Written before the fix.", token="t-1")
        Correction.objects.create(article=article, note="The fix itself.")
        article.refresh_from_db()
        deliver(publish, article)

        html = client.get(f"{article.url}?sort=votes").content.decode()

        assert html.index("thread-correction") < html.index('id="comment-')

    def test_a_thread_without_comments_still_shows_it_dated(self, client, deliver):
        article = ArticlePageFactory()
        Correction.objects.create(article=article, note="The fix <b>itself</b>.")
        article.refresh_from_db()
        deliver(publish, article)

        html = client.get(article.url).content.decode()

        assert "The fix &lt;b&gt;itself&lt;/b&gt;." in html
        assert re.search(r'<time datetime="[^"]+">\d+ \w+ \d{4}</time>', html)


class TestTheReadersOwnData:
    def test_my_subscriptions_lists_a_follow_and_erasure_takes_it(self, client):
        user = UserFactory(email="ada@example.org")
        follows(TopicFactory(name="Award season"), "ada@example.org")
        client.force_login(user)

        html = client.get("/accounts/subscriptions/").content.decode()

        assert "New articles on Award season" in html

    def test_the_archive_holds_the_follow(self):
        from byline.discussion.privacy import archive, subjects

        user = UserFactory(email="ada@example.org")
        follows(PersonFactory(name="Lena Marsh"), "ada@example.org")

        data = archive.collect(subjects.DataSubject.of_user(user))

        [entry] = data["subscribers"][0]["subscriptions"]
        assert entry["follows"] == "New articles about this person"
        assert entry["what"] == "new articles about Lena Marsh"

    def test_erasing_the_reader_takes_their_follows_and_what_they_were_told(self, deliver):
        from byline.discussion.privacy import erasure
        from byline.discussion.privacy.subjects import DataSubject

        user = UserFactory(email="ada@example.org")
        topic = TopicFactory()
        follows(topic, "ada@example.org")
        follows(topic, "bo@example.org")
        article = unpublished_article()
        article.topics.add(topic)
        deliver(publish, article)
        assert FollowNotice.objects.count() == 2

        deliver(erasure.erase, DataSubject.of_user(user))

        assert list(Subscription.objects.values_list("subscriber__address", flat=True)) == [
            "bo@example.org"
        ]
        assert list(FollowNotice.objects.values_list("subscriber__address", flat=True)) == [
            "bo@example.org"
        ]


class TestTheWorker:
    def test_an_event_a_killed_run_left_is_told_by_the_sweep_once(
        self, deliver, django_capture_on_commit_callbacks
    ):
        from byline.discussion import tasks

        article = ArticlePageFactory()
        follower(article, "subscriber@example.org")
        Correction.objects.create(article=article, note="A fix.")
        article.refresh_from_db()
        with django_capture_on_commit_callbacks(execute=False):
            publish(article)  # recorded; its run never happened
        FollowEvent.objects.update(created_at=timezone.now() - dt.timedelta(minutes=6))

        assert deliver(tasks.tell_waiting_followers.call) == 1
        assert deliver(tasks.tell_waiting_followers.call) == 0
        assert len(sent_to("subscriber@example.org")) == 1

    def test_an_event_that_fails_does_not_stop_the_sweep(
        self, deliver, django_capture_on_commit_callbacks, caplog
    ):
        from byline.discussion import tasks

        first, second = ArticlePageFactory(), ArticlePageFactory()
        follower(second, "subscriber@example.org")
        for article in (first, second):
            Correction.objects.create(article=article, note="A fix.")
            article.refresh_from_db()
            with django_capture_on_commit_callbacks(execute=False):
                publish(article)
        FollowEvent.objects.update(created_at=timezone.now() - dt.timedelta(minutes=6))
        broken = FollowEvent.objects.get(article_id=first.pk).pk
        expand = following.expand

        def failing_first(event_id, **kwargs):
            if event_id == broken:
                raise RuntimeError("a broken event")
            return expand(event_id, **kwargs)

        with mock.patch.object(following, "expand", side_effect=failing_first):
            assert deliver(tasks.tell_waiting_followers.call) == 1
        assert len(sent_to("subscriber@example.org")) == 1
        assert f"Telling the followers of event {broken} failed" in caplog.text

    def test_a_fresh_event_is_left_to_its_own_run(self, django_capture_on_commit_callbacks):
        from byline.discussion import tasks

        article = ArticlePageFactory()
        follower(article, "subscriber@example.org")
        Correction.objects.create(article=article, note="A fix.")
        article.refresh_from_db()
        with django_capture_on_commit_callbacks(execute=False):
            publish(article)

        assert tasks.tell_waiting_followers.call() == 0
