"""Inline feedback end to end on the server: posting on passages and prompts, the thread filter,
the panel, and re-anchoring when a new revision is published."""

from __future__ import annotations

import json

import pytest
from bs4 import BeautifulSoup
from django.core import mail
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from byline.discussion import tasks
from byline.discussion.anchoring import Selector, display
from byline.discussion.anchoring.workflows import Passage
from byline.discussion.errors import DiscussionError
from byline.discussion.models import Anchor, Comment, Thread
from byline.discussion.tests.factories import (
    ARGUED,
    INLINE_BODY,
    follower,
    guest,
    inline_article,
    post,
    post_on,
    selection,
    trap_fields,
)
from byline.discussion.threads import services
from byline.newsroom.models import ArticlePage
from byline.newsroom.tests.factories import (
    ArticlePageFactory,
    AuthorFactory,
    SectionPageFactory,
    publish,
)

pytestmark = pytest.mark.django_db
FRAGMENT = {"Byline-Fragment": "1"}


@pytest.fixture
def article():
    return inline_article()


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.content, "html.parser")


def form(**fields) -> dict[str, str]:
    return {"name": "Maya Reader", "email": "maya@example.org", "body": "Really?",
            **trap_fields(), **fields}  # fmt: skip


@pytest.fixture
def edit_body(django_capture_on_commit_callbacks):
    def edit(article, change) -> None:
        """Publish a new revision whose raw body ``change`` rewrote, and run what it enqueues."""
        raw = [dict(block) for block in article.body.raw_data]
        change(raw)
        article.body = json.dumps(raw)
        with django_capture_on_commit_callbacks(execute=True):
            publish(article)

    return edit


class TestPosting:
    def test_a_selection_is_stored_with_the_servers_selectors(self, article):
        comment = post_on(article)

        anchor = comment.anchor
        text = "The couple were seen leaving the restaurant at midnight. " + ARGUED
        assert (anchor.block_id, anchor.exact) == ("p-intro", ARGUED)
        assert (anchor.start, anchor.end) == (text.index(ARGUED), len(text))
        assert anchor.prefix == text[: anchor.start][-32:] and anchor.suffix == ""
        assert anchor.revision_id == article.live_revision_id
        assert anchor.state == "anchored"

    def test_an_answer_to_a_prompt_anchors_on_its_passage(self, article):
        reader, identity = guest()
        comment = services.post_comment(
            page=article, body="No.", reader=reader, guest=identity,
            passage=Passage(prompt_id="q-source"),
        )  # fmt: skip
        assert comment.anchor.prompt_id == "q-source"
        assert comment.anchor.exact == "a representative called the story “pure invention”"

    @pytest.mark.parametrize(
        "block, exact",
        [
            ("nope", ARGUED),
            ("p-intro", "words the article never had"),
            ("p-intro", "x" * 100_000),
            ("p-intro", "<script>alert(1)</script>"),
            ("p-intro", "   "),
        ],
    )
    def test_bad_selectors_are_refused_and_nothing_is_stored(self, article, block, exact):
        with pytest.raises(DiscussionError):
            post_on(article, exact=exact, block=block)
        assert not Comment.objects.exists() and not Anchor.objects.exists()

    def test_a_reply_cannot_carry_its_own_passage(self, article):
        root = post_on(article)
        reader, identity = guest(token="other")
        selector = Selector(block_id="p-intro", exact=ARGUED, prefix="", suffix="", start=0, end=0)
        with pytest.raises(DiscussionError):
            services.post_comment(
                page=article, body="Yes", reader=reader, guest=identity, parent_id=root.pk,
                passage=Passage(selector=selector),
            )  # fmt: skip

    def test_the_form_posts_a_selection_without_javascript_too(self, client, article):
        response = client.post(
            f"/comments/on/{article.pk}/post/", form(**selection("p-intro", "they had argued"))
        )
        assert response.status_code == 302
        assert Comment.objects.get().anchor.exact == "they had argued"

    @pytest.mark.parametrize(
        "fields",
        [
            selection("p-intro", "nothing like this"),
            selection("x" * 500, "they had argued"),
            selection("p-intro", "y" * 50_000),
            {"prompt": "no-such-prompt"},
            {"prompt": "p" * 1000},
            {"block": "p-intro", "exact": ""},
        ],
    )
    def test_hostile_passages_get_a_clear_message_and_no_500(self, client, article, fields):
        response = client.post(f"/comments/on/{article.pk}/post/", form(**fields))
        assert response.status_code == 400
        assert soup(response).select_one("#respond .form-errors[role=alert]").get_text(strip=True)
        assert not Comment.objects.exists() and not Anchor.objects.exists()

    def test_positions_from_the_browser_are_only_a_hint(self, client, article):
        fields = selection("p-intro", "they had argued", start=-1, end="a" * 50)
        response = client.post(f"/comments/on/{article.pk}/post/", form(**fields))
        assert response.status_code == 302
        anchor = Comment.objects.get().anchor
        assert (anchor.end - anchor.start, anchor.exact) == (15, "they had argued")

    def test_the_fragment_for_the_script_is_the_rendered_comment(self, client, article):
        response = client.post(
            f"/comments/on/{article.pk}/post/",
            form(prompt="q-source", body="Not a word."),
            headers=FRAGMENT,
        )
        assert response.status_code == 201
        assert "Not a word." in response.content.decode()

    def test_anchored_comments_take_part_in_replies_votes_and_counts(self, article):
        root = post_on(article)
        reply = post(article, "The usual one.", parent=root, token="someone-else")
        voter, _ = guest(token="voter")
        services.cast_vote(comment_id=root.pk, reader=voter, value=1)
        root.refresh_from_db()
        assert (root.reply_count, root.score, reply.root_id) == (1, 1, root.pk)
        assert root.thread.comment_count == 2

    def test_anchored_comments_notify_like_any_other(self, article):
        follower(article, "article-fan@example.org")
        root = post_on(article)
        follower(article, "thread-fan@example.org", kind="comment", comment=root)
        post(article, "The usual one.", parent=root, token="someone-else")

        tasks.run_notifications()

        # The anchored comment and the reply to it reach the article's follower; the reply
        # reaches whoever follows the anchored comment's conversation.
        assert sorted(message.to[0] for message in mail.outbox) == [
            "article-fan@example.org", "article-fan@example.org", "thread-fan@example.org",
        ]  # fmt: skip


class TestReading:
    def test_the_prompt_marker_counts_answers_and_links_to_them(self, client, article):
        services.post_comment(
            page=article, body="No.", reader=guest()[0], guest=guest()[1],
            passage=Passage(prompt_id="q-source"),
        )  # fmt: skip
        marker = soup(client.get(article.url)).select_one("[data-inline-open=prompt]")
        assert marker["href"] == f"{article.url}?prompt=q-source#comments"
        assert "1 answer" in marker.get_text(" ", strip=True)
        assert "Do you believe the representative?" in marker.get_text()

    def test_the_answers_to_every_prompt_are_counted_once_per_render(self, client, monkeypatch):
        """An article with two prompts counts their answers in one pass; the next render of
        the page counts again, so a new answer shows at once."""
        second = {"type": "inline_prompt", "id": "q-second", "value": {
            "text": "<p>Tickets are still on sale.</p>", "passage": "still on sale",
            "question": "Will you go?",
        }}  # fmt: skip
        article = publish(ArticlePageFactory(body=json.dumps([*INLINE_BODY, second])))
        counted = []
        count_answers = display.prompt_counts
        monkeypatch.setattr(
            display, "prompt_counts", lambda page, reader=None: counted.append(page.pk) or count_answers(page, reader)
        )  # fmt: skip
        answer = {"page": article, "reader": guest()[0], "guest": guest()[1]}

        services.post_comment(body="Yes.", passage=Passage(prompt_id="q-second"), **answer)
        first = soup(client.get(article.url)).select(".inline-prompt__count")
        services.post_comment(body="No.", passage=Passage(prompt_id="q-source"), **answer)
        second_render = soup(client.get(article.url)).select(".inline-prompt__count")

        assert [node.get_text() for node in first] == ["0 answers", "1 answer"]
        assert [node.get_text() for node in second_render] == ["1 answer", "1 answer"]
        assert counted == [article.pk, article.pk]

    def test_without_javascript_the_prompt_link_shows_its_answers_and_the_form(
        self, client, article
    ):
        services.post_comment(
            page=article, body="No.", reader=guest()[0], guest=guest()[1],
            passage=Passage(prompt_id="q-source"),
        )  # fmt: skip
        post(article, "An ordinary comment.")
        page = soup(client.get(f"{article.url}?prompt=q-source"))
        bodies = [node.get_text(strip=True) for node in page.select(".comment__body")]
        assert bodies == ["No."]
        assert "Answer: Do you believe the representative?" in page.select_one("#respond h3").text
        assert page.select_one("#respond input[name=prompt]")["value"] == "q-source"

    def test_the_inline_filter_shows_anchored_comments_with_their_passage(self, client, article):
        post_on(article)
        post(article, "An ordinary comment.")
        page = soup(client.get(f"{article.url}?inline=all"))
        assert [n.get_text(strip=True) for n in page.select(".comment__body")] == [
            "Who is the source?"
        ]
        assert page.select_one(".comment__quote").get_text(strip=True) == ARGUED
        assert page.select_one(".discussion__switch a").get_text(strip=True) == "View all comments"
        whole = soup(client.get(article.url))
        assert len(whole.select(".comment__body")) == 2

    def test_the_page_gives_the_script_its_highlights(self, client, article):
        post_on(article)
        post_on(article, token="t-2")
        data = json.loads(soup(client.get(article.url)).select_one("#inline-feedback").string)
        assert data["passages"] == [
            {"block": "p-intro", "start": 57, "end": 57 + len(ARGUED), "exact": ARGUED,
             "prompt": "", "count": 2}
        ]  # fmt: skip

    def test_quotes_are_text_not_markup(self, client, article):
        comment = post_on(article)
        Anchor.objects.filter(comment=comment).update(exact="<script>alert(1)</script>")
        response = client.get(f"{article.url}?inline=all")
        assert b"<script>alert(1)" not in response.content

    def test_the_panel_lists_the_comments_on_a_passage(self, client, article):
        comment = post_on(article)
        anchor = comment.anchor
        query = f"block=p-intro&start={anchor.start}&end={anchor.end}"
        url = f"/comments/on/{article.pk}/passage/?{query}"
        panel = soup(client.get(url, headers=FRAGMENT))
        assert panel.select_one(".comment__body").get_text(strip=True) == "Who is the source?"
        assert panel.select_one("form[data-inline-form]")
        assert client.get(url)["Location"] == f"{article.url}?{query}#comments"

    @pytest.mark.parametrize(
        "query", ["", "inline=all", "block=x&start=a&end=1", "start=1&end=2", "prompt=" + "p" * 99]
    )
    def test_the_panel_refuses_nonsense(self, client, article, query):
        response = client.get(f"/comments/on/{article.pk}/passage/?{query}", headers=FRAGMENT)
        assert response.status_code == 403


class TestReanchoring:
    def test_publishing_moves_anchors_with_their_words(self, article, edit_body):
        comment = post_on(article, exact="they had argued")

        def insert_sentence(raw):
            raw[0]["value"] = raw[0]["value"].replace("<p>The", "<p>Update: The")

        edit_body(article, insert_sentence)
        anchor = Anchor.objects.get(comment=comment)
        assert anchor.state == "moved"
        text = "Update: The couple were seen leaving the restaurant at midnight. " + ARGUED
        assert text[anchor.start : anchor.end] == "they had argued"

    def test_a_rewritten_passage_orphans_its_comment_which_stays_readable(
        self, client, article, edit_body
    ):
        comment = post_on(article)

        def rewrite(raw):
            raw[0]["value"] = "<p>The couple left separately; nobody would say why.</p>"

        edit_body(article, rewrite)
        anchor = Anchor.objects.get(comment=comment)
        assert anchor.state == "orphaned" and anchor.exact == ARGUED
        page = soup(client.get(f"{article.url}?inline=all"))
        assert "earlier version" in page.select_one(".comment__earlier").get_text()
        data = json.loads(soup(client.get(article.url)).select_one("#inline-feedback").string)
        assert data["passages"] == []

    def test_a_passage_moved_to_a_new_block_is_found_there(self, article, edit_body):
        comment = post_on(article)

        def split(raw):
            raw[0]["value"] = "<p>The couple were seen leaving the restaurant at midnight.</p>"
            raw.insert(1, {"type": "paragraph", "id": "p-new", "value": f"<p>{ARGUED}</p>"})

        edit_body(article, split)
        anchor = Anchor.objects.get(comment=comment)
        assert (anchor.block_id, anchor.start, anchor.state) == ("p-new", 0, "moved")

    def test_prompt_answers_follow_the_prompt(self, article, edit_body):
        reader, identity = guest()
        comment = services.post_comment(
            page=article, body="No.", reader=reader, guest=identity,
            passage=Passage(prompt_id="q-source"),
        )  # fmt: skip

        def reword(raw):
            raw[1]["value"]["text"] = "<p>Her agent called the story “pure invention”.</p>"
            raw[1]["value"]["passage"] = "the story “pure invention”"

        edit_body(article, reword)
        assert Anchor.objects.get(comment=comment).exact == "the story “pure invention”"


passage_values = st.one_of(
    st.just(""), st.text(max_size=80), st.sampled_from(["p-intro", "q-source", "٣", "²", "9" * 30])
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(prompt=passage_values, block=passage_values, exact=passage_values, start=passage_values,
       end=passage_values)  # fmt: skip
def test_no_passage_input_gives_a_server_error(client, article, prompt, block, exact, start, end):
    """Whatever the hidden fields hold, the answer is a comment or a message, never a 500, and a
    refused comment leaves no row behind."""
    fields = {"prompt": prompt, "block": block, "exact": exact, "start": start, "end": end}
    before = Comment.objects.count(), Anchor.objects.count()
    response = client.post(f"/comments/on/{article.pk}/post/", form(**fields))
    assert response.status_code in (302, 400)
    if response.status_code == 400:
        assert (Comment.objects.count(), Anchor.objects.count()) == before
    query = f"?prompt={prompt}&block={block}&start={start}&end={end}"
    assert client.get(f"/comments/on/{article.pk}/passage/{query}").status_code in (302, 403)
    assert client.get(f"{article.url}{query}").status_code == 200


def test_no_marker_when_the_discussion_is_off(client, article):
    Thread.objects.for_page(article)
    Thread.objects.filter(page=article).update(comments_enabled=False)
    page = soup(client.get(article.url))
    assert page.select_one("[data-inline-open]") is None
    assert page.select_one("#inline-feedback") is None


def test_a_prompt_typed_with_straight_quotes_in_the_admin_marks_the_typeset_words(admin_client):
    """The editor copies the passage with the keyboard's quotes and publishes at once; the block
    keeps the paragraph's words, the article marks them and answers anchor on them."""
    section = SectionPageFactory()
    prompt_block = {
        "text": rich_text(
            "<p>The restaurant’s owner called the story “pure invention” — twice.</p>"
        ),
        "passage": 'owner called the story "pure invention" - twice',
        "question": "Do you believe the owner?",
    }
    data = nested_form_data(
        {
            "title": "Did the couple argue?",
            "slug": "did-the-couple-argue",
            "standfirst": "Witnesses disagree.",
            "type_of_work": "news",
            "body": streamfield([("inline_prompt", prompt_block)]),
            "authors": inline_formset([{"author": AuthorFactory().pk}], min=1),
            "corrections": inline_formset([]),
            "action-publish": "action-publish",
        }
    )
    response = admin_client.post(f"/admin/pages/add/newsroom/articlepage/{section.pk}/", data)

    assert response.status_code == 302, response.context["form"].errors
    article = ArticlePage.objects.get(slug="did-the-couple-argue")
    prompt = article.body[0]
    assert prompt.value["passage"] == "owner called the story “pure invention” — twice"
    marked = soup(Client().get(article.url)).select_one("[data-prompt-passage]")
    assert marked["data-prompt-passage"] == prompt.value["passage"]
    reader, identity = guest()
    answer = services.post_comment(
        page=article, body="No.", reader=reader, guest=identity,
        passage=Passage(prompt_id=prompt.id),
    )  # fmt: skip
    assert answer.anchor.exact == prompt.value["passage"]
