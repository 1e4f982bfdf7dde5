"""The moderation pipeline: each rule alone, the pipeline as a whole, and how posting obeys it."""

from __future__ import annotations

import datetime as dt
import threading
import uuid
from types import SimpleNamespace

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.test import Client, RequestFactory
from django.utils import timezone

from byline import ratelimits
from byline.accounts.tests.factories import UserFactory
from byline.discussion.errors import DiscussionError
from byline.discussion.identity import Reader
from byline.discussion.models import Comment, Thread
from byline.discussion.moderation import FormEvidence, Verdict, links, pipeline
from byline.discussion.moderation import rules as r
from byline.discussion.moderation.words import compile_words, matcher, normalise
from byline.discussion.tests.factories import guest, post, submission, trap_fields
from byline.discussion.threads import forms as forms_module
from byline.discussion.threads import services
from byline.discussion.threads.forms import form_age, form_started_token
from byline.discussion.threads.services import Guest
from byline.ratelimits import client_ip


@pytest.fixture
def thread(article):
    return Thread.objects.for_page(article)


def unique_email() -> str:
    return f"{uuid.uuid4().hex[:12]}@example.org"


# Words --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("CAFÉ", "cafe"),
        ("Straße", "strasse"),
        ("ｆｕｌｌｗｉｄｔｈ", "fullwidth"),
        ("so\u00adft hy\u200bphen", "soft hyphen"),
        ("  many \n\t spaces ", "many spaces"),
    ],
)
def test_text_is_folded_for_matching(text, folded):
    assert normalise(text) == folded


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("What a SCAM.", "scam"),
        ("scampi for dinner", None),
        ("Scammers everywhere", "scammers"),
        ("Try the crème brûlée", "creme brulee"),
        ("work   from HOME today", "work from home"),
        ("homework from school", None),
        ("a réal Ｓｃａｍ", "scam"),
    ],
)
def test_words_match_whole_words_prefixes_and_phrases_whatever_the_case_and_accents(text, found):
    words = compile_words(["scam", "scammer*", "Crème Brûlée", "work from home", "# a comment"])

    assert words.search(normalise(text)) == found


def test_a_list_of_thousands_compiles_into_one_matcher_that_finds_each_word():
    listed = [f"w{n:04d}x" for n in range(5000)]
    words = compile_words(listed)

    assert words.size == 5000
    assert words.search(normalise("nothing here but w2500 and x4999w")) is None
    assert words.search(normalise("hidden W4999X word")) == "w4999x"
    assert words.find_all("w0000x w1234x") == ["w0000x", "w1234x"]


def test_a_word_file_is_read_again_when_it_changes(tmp_path):
    path = tmp_path / "words.txt"
    path.write_text("first\n")
    assert matcher(file=path).search("the first one") == "first"

    path.write_text("second\n")
    # A different modification time, as an editor saving the file gives it.
    import os

    os.utime(path, (1, 1))
    assert matcher(file=path).search("the first one") is None
    assert matcher(file=path).search("the second one") == "second"


def test_a_missing_word_file_matches_nothing(tmp_path):
    assert matcher(file=tmp_path / "absent.txt").search("anything") is None


# Links --------------------------------------------------------------------------------------


def test_links_are_found_in_markdown_and_in_plain_text(thread):
    found = submission(
        thread, "See [this](https://Evil.example.com/x) and www.spam.biz/offer or cheap-pills.ru."
    ).links

    assert [links.host_of(link) for link in found] == [
        "evil.example.com",
        "spam.biz",
        "cheap-pills.ru",
    ]


def test_ordinary_prose_has_no_links(thread):
    assert submission(thread, "Mr.Smith said it, e.g. on Tuesday. It costs 3.50 now.").links == []


@pytest.mark.parametrize(
    ("host", "domain", "inside"),
    [
        ("example.com", "example.com", True),
        ("shop.example.com", "example.com", True),
        ("notexample.com", "example.com", False),
        ("example.com.evil.org", "example.com", False),
    ],
)
def test_blocked_domains_cover_their_subdomains_only(host, domain, inside):
    assert links.is_within(host, domain) is inside


# Each rule alone ----------------------------------------------------------------------------


class TestRules:
    def test_a_closed_thread_refuses_new_comments(self, thread):
        thread.closed_at = timezone.now()

        verdict = r.ClosedThread().check(submission(thread))

        assert verdict.action == "reject" and "closed" in verdict.message
        assert r.ClosedThread().check(submission(Thread(page=thread.page))).action == "publish"

    def test_a_filled_honeypot_is_refused_and_forms_without_one_pass(self, thread):
        assert (
            r.Honeypot().check(submission(thread, form=FormEvidence("http://x", 30))).action
            == "reject"
        )
        assert r.Honeypot().check(submission(thread, form=FormEvidence("", 30))).action == "publish"
        assert r.Honeypot().check(submission(thread)).action == "publish"

    @pytest.mark.parametrize(
        ("age", "action"),
        [(None, "reject"), (0.5, "reject"), (4, "publish"), (3 * 86400, "reject")],
    )
    def test_the_time_trap_refuses_forged_hasty_and_stale_forms(self, thread, age, action):
        rule = r.TimeTrap(min_seconds=3)

        assert rule.check(submission(thread, form=FormEvidence("", age))).action == action

    def test_the_time_trap_ignores_submissions_without_a_form(self, thread):
        assert r.TimeTrap(min_seconds=3).check(submission(thread, form=None)).action == "publish"

    def test_the_form_timestamp_is_signed(self):
        token = form_started_token(1_000_000)

        assert form_age(token, now=1_000_010) == 10
        assert form_age(token.replace("1000000", "999000"), now=1_000_010) is None
        assert form_age("", now=1) is None

    def test_length_has_a_minimum_and_a_maximum(self, thread):
        rule = r.Length(min_length=5, max_length=20)

        assert rule.check(submission(thread, "Hi")).action == "reject"
        assert rule.check(submission(thread, "Hello there")).action == "publish"
        assert "at most 20" in rule.check(submission(thread, "x" * 21)).message

    def test_the_same_text_again_from_the_same_author_is_a_repeat(self, article, thread):
        post(article, "Encore!", token="repeat-me")
        rule = r.RepeatPost(minutes=60)

        assert rule.check(submission(thread, "Encore!", token="repeat-me")).action == "reject"
        assert (
            rule.check(submission(thread, "Something new", token="repeat-me")).action == "publish"
        )
        assert (
            rule.check(
                submission(
                    thread, "Encore!", token="someone-else", guest=Guest("Bo", "bo@example.org")
                )
            ).action
            == "publish"
        )

    def test_a_repeat_is_recognised_by_address_and_by_ip_too(self, article, thread):
        services.post_comment(
            page=article, body="Same again", reader=Reader(guest_token="first-browser"),
            guest=Guest("Sam", "sam@example.org"), ip_address="203.0.113.9",
        )  # fmt: skip
        rule = r.RepeatPost(minutes=60)
        new_browser = dict(token="second-browser")

        assert (
            rule.check(
                submission(
                    thread, "Same again", guest=Guest("Sam", "SAM@example.org"), **new_browser
                )
            ).action
            == "reject"
        )
        assert (
            rule.check(
                submission(
                    thread,
                    "Same again",
                    guest=Guest("Al", "al@example.org"),
                    ip_address="203.0.113.9",
                    **new_browser,
                )
            ).action
            == "reject"
        )

    def test_an_old_repeat_is_allowed(self, article, thread):
        old = post(article, "Encore!", token="repeat-me")
        Comment.objects.filter(pk=old.pk).update(created_at=timezone.now() - dt.timedelta(hours=2))

        assert (
            r.RepeatPost(minutes=60).check(submission(thread, "Encore!", token="repeat-me")).action
            == "publish"
        )

    def test_banned_words_are_refused_in_the_text_and_in_the_name(self, thread):
        rule = r.BannedWords(words=["grotnik", "slur*"])

        verdict = rule.check(submission(thread, "You absolute GRÖTNIK"))
        assert verdict.action == "reject" and "grotnik" in verdict.message
        assert (
            rule.check(submission(thread, "Fine", guest=Guest("Slurpy", "s@example.org"))).action
            == "reject"
        )
        assert rule.check(submission(thread, "A perfectly kind remark")).action == "publish"

    def test_suspect_words_hold_with_the_word_in_the_reason(self, thread):
        verdict = r.SuspectWords(words=["casino*"]).check(submission(thread, "Best Casinos here"))

        assert verdict.action == "hold" and "“casinos”" in verdict.message

    def test_the_shipped_suspect_list_holds_spam_phrases_only(self, thread, settings):
        rule = r.SuspectWords(file=settings.DISCUSSION_SUSPECT_WORDS_FILE)

        assert rule.check(submission(thread, "Crypto giveaway, click here")).action == "hold"
        assert rule.check(submission(thread, "I work from home on Fridays")).action == "hold"
        assert rule.check(submission(thread, "The tour is on, a source says.")).action == "publish"

    def test_links_to_blocked_domains_are_refused_and_many_links_are_held(self, thread):
        rule = r.Links(max_links=2, blocked_domains=["spam.example"])

        assert (
            rule.check(submission(thread, "go to https://www.shop.spam.example/now")).action
            == "reject"
        )
        held = rule.check(submission(thread, "a.com/1 b.com/2 and https://c.org"))
        assert held.action == "hold" and "3 links" in held.message
        assert rule.check(submission(thread, "just https://a.org and b.com")).action == "publish"

    def test_new_authors_are_held_until_enough_comments_were_published(self, article, thread):
        rule = r.FirstPosts(approved_needed=2)
        known = dict(token="regular", guest=Guest("Reg", "reg@example.org"))

        assert rule.check(submission(thread, **known)).action == "hold"
        for n in range(2):
            services.post_comment(
                page=article,
                body=f"Comment {n}",
                reader=Reader(guest_token="regular"),
                guest=Guest("Reg", "reg@example.org"),
            )
        assert rule.check(submission(thread, **known)).action == "publish"
        # Someone typing the regular's address from another browser gains nothing.
        assert (
            rule.check(
                submission(thread, token="impostor", guest=Guest("Reg", "reg@example.org"))
            ).action
            == "hold"
        )

    def test_moderators_are_never_held_as_new_authors(self, thread):
        moderator = UserFactory(is_superuser=True)

        assert (
            r.FirstPosts(approved_needed=5)
            .check(submission(thread, reader=Reader(user=moderator), guest=None))
            .action
            == "publish"
        )

    def test_premoderation_holds_everything_on_an_article_or_the_site(self, thread, settings):
        assert r.Premoderation().check(submission(thread)).action == "publish"
        thread.premoderated = True
        assert r.Premoderation().check(submission(thread)).action == "hold"
        thread.premoderated = False
        settings.DISCUSSION_PREMODERATE_ALL = True
        assert r.Premoderation().check(submission(thread)).action == "hold"

    def test_the_external_spam_hook_holds_spam_and_survives_a_failing_service(self, thread):
        spam = r.ExternalSpamService(checker="byline.discussion.tests.test_moderation.says_spam")
        broken = r.ExternalSpamService(checker="byline.discussion.tests.test_moderation.breaks")

        assert spam.check(submission(thread, "anything")).action == "hold"
        assert broken.check(submission(thread, "anything")).action == "publish"
        with pytest.raises(ImproperlyConfigured):
            r.ExternalSpamService()


def says_spam(submission) -> bool:
    return True


def breaks(submission) -> bool:
    raise TimeoutError("the service is down")


# Rate limits --------------------------------------------------------------------------------


class TestRateLimits:
    def test_rates_are_read_and_described(self):
        assert ratelimits.Rate.parse("5/10m") == ratelimits.Rate(5, 600)
        assert ratelimits.Rate.parse("30/h").describe() == "30 per hour"
        with pytest.raises(ValueError):
            ratelimits.Rate.parse("lots")

    def test_a_key_is_allowed_its_count_per_period_then_refused(self):
        rate, key = ratelimits.Rate(3, 60), uuid.uuid4().hex

        results = [ratelimits.hit("test", key, rate, now=1000.0) for _ in range(5)]

        assert results == [True, True, True, False, False]
        assert ratelimits.hit("test", uuid.uuid4().hex, rate, now=1000.0)

    def test_a_burst_across_a_window_boundary_does_not_double_the_allowance(self):
        rate, key = ratelimits.Rate(4, 60), uuid.uuid4().hex
        late = [ratelimits.hit("test", key, rate, now=60 * 100 + 59) for _ in range(4)]
        early = [ratelimits.hit("test", key, rate, now=60 * 101 + 1) for _ in range(4)]

        assert all(late) and not any(early)

    def test_a_concurrent_burst_lets_exactly_the_allowance_through(self):
        rate, key = ratelimits.Rate(10, 600), uuid.uuid4().hex
        allowed: list[bool] = []
        barrier = threading.Barrier(25)

        def attempt() -> None:
            barrier.wait()
            allowed.append(ratelimits.hit("burst", key, rate, now=5000.0))

        workers = [threading.Thread(target=attempt) for _ in range(25)]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join()

        assert allowed.count(True) == 10

    @pytest.mark.parametrize(
        ("address", "network"),
        [
            ("203.0.113.77", "203.0.113.0/24"),
            ("::ffff:203.0.113.77", "203.0.113.0/24"),
            ("2001:db8:aa:bb::1", "2001:db8:aa::/56"),
            ("not an address", ""),
            (None, ""),
        ],
    )
    def test_addresses_are_grouped_in_ranges(self, address, network):
        assert ratelimits.network_of(address) == network

    def test_the_rule_limits_ip_ranges_addresses_and_accounts(self, thread):
        rule = r.RateLimit(limits={"ip_range": "2/m", "email": "2/m", "account": "2/m"})
        prefix = f"10.{uuid.uuid4().int % 250}.{uuid.uuid4().int % 250}"
        email = unique_email()

        results = [
            rule.check(
                submission(thread, guest=Guest("A", unique_email()), ip_address=f"{prefix}.{n}")
            ).action
            for n in range(3)
        ]
        assert results == ["publish", "publish", "reject"]
        by_address = [
            rule.check(submission(thread, guest=Guest("A", email))).action for _ in range(3)
        ]
        assert by_address[-1] == "reject"
        user = UserFactory()
        by_account = [
            rule.check(submission(thread, reader=Reader(user=user), guest=None)).action
            for _ in range(3)
        ]
        assert by_account[-1] == "reject"

    def test_redis_keeps_the_same_limits(self):
        """The production cache: Redis db 4 on loopback, when it runs."""
        from django.core.cache.backends.redis import RedisCache

        redis_cache = RedisCache(
            "redis://127.0.0.1:6379/4", {"KEY_PREFIX": f"byline-test-{uuid.uuid4().hex}"}
        )
        try:
            redis_cache.get("ping")
        except Exception:
            pytest.skip("Redis is not running on 127.0.0.1:6379")
        from unittest import mock

        import byline.ratelimits

        with mock.patch.object(byline.ratelimits, "cache", redis_cache):
            key = uuid.uuid4().hex
            results = [
                ratelimits.hit("redis", key, ratelimits.Rate(3, 60), now=1000.0) for _ in range(5)
            ]
        assert results == [True, True, True, False, False]


def test_the_client_address_comes_from_trusted_proxies_only(settings):
    request = RequestFactory().get(
        "/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 198.51.100.7"
    )

    settings.DISCUSSION_TRUSTED_PROXIES = 0
    assert client_ip(request) == "10.0.0.1"
    settings.DISCUSSION_TRUSTED_PROXIES = 1
    assert client_ip(request) == "198.51.100.7"
    settings.DISCUSSION_TRUSTED_PROXIES = 2
    assert client_ip(request) == "6.6.6.6"
    settings.DISCUSSION_TRUSTED_PROXIES = 3
    assert client_ip(request) == "10.0.0.1"
    forged = RequestFactory().get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="<script>")
    settings.DISCUSSION_TRUSTED_PROXIES = 1
    assert client_ip(forged) == "10.0.0.1"


# The pipeline -------------------------------------------------------------------------------


class Always(pipeline.Rule):
    code = "always"
    answer: str = "publish"
    message: str = ""

    def check(self, submission):
        return Verdict(self.answer, self.message)


def test_the_first_rejection_ends_the_run_and_holds_are_collected(thread):
    calls = []

    class Spy(Always):
        def check(self, submission):
            calls.append(self.message)
            return super().check(submission)

    run = pipeline.Pipeline(
        [
            Spy(answer="hold", message="first hold"),
            Spy(answer="hold", message="second hold"),
            Spy(answer="reject", message="refused"),
            Spy(answer="hold", message="never asked"),
        ]
    ).run(submission(thread))

    assert (run.action, run.message) == ("reject", "refused")
    assert calls == ["first hold", "second hold", "refused"]


def test_holds_keep_every_reason_and_show_the_first(thread):
    decision = pipeline.Pipeline(
        [Always(answer="hold", message="One."), Always(answer="hold", message="Two.")]
    ).run(submission(thread))

    assert (decision.action, decision.message, decision.reason) == ("hold", "One.", "One. Two.")
    assert decision.rule == "always"


def test_a_shadow_ban_wins_over_holds_and_hides_them_from_the_author(thread):
    decision = pipeline.Pipeline(
        [Always(answer="hold", message="Held."), Always(answer="shadow")]
    ).run(submission(thread))

    assert decision.action == "shadow"


def test_edits_skip_the_rules_that_only_concern_new_comments(article, thread):
    original = post(article, "Original", token="editor")
    rules = pipeline.Pipeline([r.ClosedThread(), r.RepeatPost(minutes=60)])
    thread.closed_at = timezone.now()

    decision = rules.run(submission(thread, "Original", token="editor", comment=original))

    assert decision.action == "publish"


def test_the_pipeline_is_built_from_settings_with_options(settings):
    settings.DISCUSSION_MODERATION_RULES = [
        "byline.discussion.moderation.rules.Honeypot",
        ("byline.discussion.moderation.rules.Links", {"max_links": 7}),
        ("byline.discussion.tests.test_moderation.Always", {"answer": "hold"}),
    ]

    built = pipeline.current()

    assert [type(rule).__name__ for rule in built.rules] == ["Honeypot", "Links", "Always"]
    assert built.rules[1].max_links == 7


@pytest.mark.parametrize(
    "config",
    [
        [("byline.discussion.moderation.rules.Links", {"max_linkz": 7})],
        ["byline.discussion.moderation.rules.NoSuchRule"],
    ],
)
def test_a_mistake_in_the_settings_fails_loudly(config):
    with pytest.raises(ImproperlyConfigured):
        pipeline.build(config)


def test_an_empty_pipeline_publishes_everything(article, settings):
    settings.DISCUSSION_MODERATION_RULES = []

    assert post(article, "casino casino casino").status == Comment.Status.PUBLISHED


def test_trusted_writers_can_bypass_the_pipeline(article, settings):
    settings.DISCUSSION_PREMODERATE_ALL = True

    with pipeline.bypassed():
        imported = post(article, "From the old system")

    assert imported.status == Comment.Status.PUBLISHED
    assert post(article, "From a reader").status == Comment.Status.PENDING


# Posting and editing through the pipeline --------------------------------------------------


@pytest.mark.django_db
class TestPostingObeysThePipeline:
    def test_a_rejected_comment_writes_nothing(self, article, settings):
        settings.DISCUSSION_BLOCKED_DOMAINS = ["spam.example"]

        with pytest.raises(DiscussionError, match=r"spam\.example aren't allowed"):
            post(article, "buy at https://spam.example/x")

        assert Comment.objects.count() == 0
        assert not Thread.objects.filter(page=article, comment_count__gt=0).exists()

    def test_a_held_comment_waits_with_its_reason_and_is_not_counted(self, article):
        comment = post(article, "Visit my casino")

        assert comment.status == Comment.Status.PENDING
        assert comment.moderation_rule == "suspect_words"
        assert "“casino”" in comment.moderation_reason
        assert Thread.objects.get(page=article).comment_count == 0

    def test_a_held_comment_is_shown_to_its_author_with_the_reason_and_to_nobody_else(
        self, article
    ):
        author = Client()
        response = author.post(f"/comments/on/{article.pk}/post/", {
            "name": "Maya", "email": "maya@example.org", "body": "My casino tips", **trap_fields(),
        })  # fmt: skip
        comment = Comment.objects.get()

        mine = BeautifulSoup(author.get(response["Location"]).content, "html.parser")
        notice = mine.select_one(f"#comment-{comment.pk} [data-held]")
        assert "until a moderator approves it" in notice.get_text()
        assert "“casino”" in notice.get_text()
        theirs = BeautifulSoup(Client().get(article.url).content, "html.parser")
        assert theirs.select_one(f"#comment-{comment.pk}") is None
        assert Client().get(f"/comments/{comment.pk}/").status_code == 404

    def test_a_held_reply_posted_with_the_script_comes_back_with_its_notice(self, article):
        root = post(article, "A root", token="someone")
        response = Client().post(
            f"/comments/on/{article.pk}/post/",
            {
                "name": "Maya",
                "email": "maya@example.org",
                "body": "casino",
                "parent": root.pk,
                **trap_fields(),
            },
            headers={"Byline-Fragment": "1"},
        )

        assert response.status_code == 201
        assert BeautifulSoup(response.content, "html.parser").select_one("[data-held]")

    def test_an_edit_that_is_held_takes_the_comment_off_the_page(self, article):
        comment = post(article, "All fine", token="editor")
        reader, _ = guest(token="editor")

        edited = services.edit_comment(
            comment_id=comment.pk, reader=reader, body="Now with casino links"
        )

        assert edited.status == Comment.Status.PENDING
        assert Thread.objects.get(page=article).comment_count == 0

    def test_a_rejected_edit_changes_nothing(self, article, settings):
        settings.DISCUSSION_BLOCKED_DOMAINS = ["spam.example"]
        comment = post(article, "All fine", token="editor")
        reader, _ = guest(token="editor")

        with pytest.raises(DiscussionError):
            services.edit_comment(
                comment_id=comment.pk, reader=reader, body="https://spam.example/now"
            )

        assert Comment.objects.get(pk=comment.pk).body == "All fine"

    def test_an_edit_never_publishes_a_comment_that_waits_for_a_moderator(self, article, settings):
        settings.DISCUSSION_PREMODERATE_ALL = True
        comment = post(article, "Waiting", token="editor")
        reader, _ = guest(token="editor")

        edited = services.edit_comment(comment_id=comment.pk, reader=reader, body="Still waiting")

        assert edited.status == Comment.Status.PENDING
        assert edited.moderation_rule == "premoderation"

    def test_a_comment_held_as_spam_records_its_score(self, article, settings):
        settings.DISCUSSION_MODERATION_RULES = [
            ("byline.discussion.moderation.rules.SpamScore", {"min_documents": 0})
        ]

        comment = post(article, "Anything at all")

        assert comment.spam_score == pytest.approx(0.5)


@pytest.mark.django_db
class TestTheFormsTraps:
    def post(self, client, article, **fields):
        data = {
            "name": "Maya",
            "email": unique_email(),
            "body": "A thoughtful comment.",
            **trap_fields(),
            **fields,
        }
        return client.post(f"/comments/on/{article.pk}/post/", data)

    def test_a_filled_honeypot_is_refused_without_saying_why(self, client, article):
        response = self.post(client, article, website="http://spam.example")

        assert response.status_code == 400
        assert "could not be posted" in response.content.decode()
        assert Comment.objects.count() == 0

    def test_a_form_posted_in_a_flash_is_refused_and_keeps_the_text(
        self, client, article, settings
    ):
        settings.DISCUSSION_MIN_FILL_SECONDS = 3

        response = self.post(client, article, **trap_fields(seconds_ago=0.5))

        page = BeautifulSoup(response.content, "html.parser")
        assert response.status_code == 400
        assert "That was quick" in page.select_one(".form-errors").get_text()
        assert page.select_one("#id_body").get_text(strip=True) == "A thoughtful comment."
        # The form comes back with a fresh timestamp, so trying again later works.
        assert form_age(page.select_one("input[name=started]")["value"]) < 5

    def test_a_form_without_its_timestamp_comes_back_stamped(self, client, article, settings):
        settings.DISCUSSION_MIN_FILL_SECONDS = 3

        response = self.post(client, article, started="")

        page = BeautifulSoup(response.content, "html.parser")
        assert response.status_code == 400
        assert "post it again" in page.select_one(".form-errors").get_text()
        assert form_age(page.select_one("input[name=started]")["value"]) < 5

    def test_a_forged_timestamp_is_refused(self, client, article):
        response = self.post(client, article, started="1000:forged")

        assert response.status_code == 400
        assert "expired" in response.content.decode()

    def test_the_honeypot_is_out_of_sight_and_out_of_the_tab_order(self, client, article):
        page = BeautifulSoup(client.get(article.url).content, "html.parser")

        trap = page.select_one(".comment-form__trap")
        assert trap["aria-hidden"] == "true"
        assert trap.select_one("input[name=website]")["tabindex"] == "-1"

    def test_a_burst_from_one_address_is_cut_off_at_the_limit(self, client, article, settings):
        settings.DISCUSSION_RATE_LIMITS = {"ip_range": "5/10m"}
        address = f"198.18.{uuid.uuid4().int % 250}.1"

        statuses = [
            self.post(client, article, body=f"Comment number {n}", REMOTE_ADDR=address).status_code
            for n in range(12)
        ]

        assert statuses.count(302) == 5
        assert statuses[5:] == [400] * 7
        assert Comment.objects.count() == 5


def test_the_cache_in_tests_is_shared_by_the_rate_limits():
    """Rate limits live in Django's cache: what one process counts, the others see."""
    cache.set("discussion:probe", 1)
    assert cache.get("discussion:probe") == 1


@pytest.mark.django_db
class TestTheTimeTrapOnCachedPages:
    """A page the page cache shares holds no timestamp: it would be every reader's for minutes."""

    BODY = "Cheap watches, today only, follow the link."

    @pytest.fixture
    def clock(self, monkeypatch):
        now = [1_800_000_000.0]
        monkeypatch.setattr(forms_module, "time", SimpleNamespace(time=lambda: now[0]))
        return now

    @pytest.fixture(autouse=True)
    def _time_trap_on(self, settings, page_cache):
        settings.DISCUSSION_MIN_FILL_SECONDS = 3

    def filled_in(self, response, **fields) -> dict[str, str]:
        """The comment form's fields as the page holds them, with what the writer typed."""
        form = BeautifulSoup(response.content, "html.parser").select_one("form#respond")
        hidden = {field["name"]: field.get("value", "") for field in form.select("input")}
        hidden.pop("csrfmiddlewaretoken", None)
        return {**hidden, "name": "Bot", "email": unique_email(), "body": self.BODY, **fields}

    def test_a_bot_posting_a_second_after_fetching_a_cached_page_is_refused(self, article, clock):
        Client().get(article.url)  # the first reader's visit stores the page
        clock[0] += 600
        bot = Client()
        page = bot.get(article.url)
        assert page["X-Page-Cache"] == "hit"
        clock[0] += 1

        response = bot.post(f"/comments/on/{article.pk}/post/", self.filled_in(page))

        answer = BeautifulSoup(response.content, "html.parser")
        assert response.status_code == 400
        assert "post it again" in answer.select_one(".form-errors").get_text()
        assert answer.select_one("#id_body").get_text(strip=True) == self.BODY
        assert not Comment.objects.exists()

    def test_without_javascript_a_person_posts_the_form_offered_again(self, article, clock):
        reader = Client()
        page = reader.get(article.url)
        clock[0] += 40  # writing
        again = reader.post(f"/comments/on/{article.pk}/post/", self.filled_in(page))
        assert again.status_code == 400
        clock[0] += 5  # reading it over

        response = reader.post(f"/comments/on/{article.pk}/post/", self.filled_in(again))

        assert response.status_code == 302
        assert Comment.objects.get().body == self.BODY

    def test_a_shared_page_has_no_timestamp_and_a_readers_own_page_has_one(self, article):
        shared = Client().get(article.url)
        signed_in = Client()
        signed_in.force_login(UserFactory())
        own = signed_in.get(article.url)

        assert self.filled_in(shared)["started"] == ""
        assert form_age(self.filled_in(own)["started"]) < 5
        field = BeautifulSoup(shared.content, "html.parser").select_one("input[name=started]")
        assert field["data-started"] == "/comments/started/"

    def test_the_script_gets_a_timestamp_that_no_cache_keeps(self, clock):
        first = Client().get("/comments/started/")
        clock[0] += 30
        second = Client().get("/comments/started/")

        assert "no-store" in first["Cache-Control"]
        assert "X-Page-Cache" not in first
        assert form_age(second.content.decode(), now=clock[0]) == 0
        assert form_age(first.content.decode(), now=clock[0]) == 30
