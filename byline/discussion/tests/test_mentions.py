"""@mentions: what counts as one, and which earlier commenter it names."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from byline.accounts.tests.factories import UserFactory
from byline.discussion.models import Comment
from byline.discussion.notify.mentions import mention_candidates, mentioned_commenters
from byline.discussion.tests.factories import post
from byline.newsroom.tests.factories import ArticlePageFactory


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("@maya agreed", [["maya agreed", "maya"]]),
        ("Thanks @Maya Reader, agreed", [["maya reader", "maya"]]),
        ("@Ada.", [["ada"]]),
        ("@O'Brien said", [["o'brien said", "o'brien"]]),
        ("write to maya@example.org", []),
        ("see https://example.org/@maya", []),
        ("@@maya", []),
        ("@ maya", []),
        ("@Mary Ann de Vries Smith", [["mary ann de vries", "mary ann de", "mary ann", "mary"]]),
        ("@a\n@b", [["a"], ["b"]]),
    ],
)
def test_mention_candidates(text, expected):
    assert mention_candidates(text) == expected


def test_only_the_first_mentions_are_read():
    assert len(mention_candidates(" ".join(f"@user{n}" for n in range(100)), limit=20)) == 20


@given(st.text(max_size=2000))
def test_any_text_gives_bounded_candidates(text):
    found = mention_candidates(text)
    assert len(found) <= 20
    assert all(0 < len(names) <= 4 and all(len(name) <= 80 for name in names) for names in found)


@pytest.mark.django_db
class TestMentionedCommenters:
    def test_the_longest_matching_name_wins(self):
        article = ArticlePageFactory()
        post(article, "I'm Maya.", token="maya")
        reader = post(article, "I'm Maya Reader too.", token="reader")
        Comment.objects.filter(pk=reader.pk).update(guest_name="Maya Reader Jones")
        comment = post(article, "@Maya Reader Jones is right.", token="bo")

        found = mentioned_commenters(comment, limit=5)

        assert [(m.name, m.address) for m in found] == [("maya reader jones", "reader@example.org")]

    def test_accounts_match_by_display_name_or_username(self):
        article = ArticlePageFactory()
        post(
            article,
            "One.",
            as_user=UserFactory(username="ada", display_name="Ada L", email="ada@example.org"),
        )
        post(article, "Two.", as_user=UserFactory(username="bea", email="bea@example.org"))
        comment = post(article, "@Ada L and @bea, both wrong.", token="bo")

        assert [m.address for m in mentioned_commenters(comment, limit=5)] == [
            "ada@example.org", "bea@example.org",
        ]  # fmt: skip

    def test_self_mentions_later_commenters_and_the_limit(self):
        article = ArticlePageFactory()
        for n in range(4):
            post(article, f"Comment {n}.", token=f"r{n}")
            Comment.objects.filter(body=f"Comment {n}.").update(guest_name=f"R{n}")
        comment = post(article, "@Maya Reader @R0 @R1 @R2 @R3 @Later", token="guest-token-maya")
        post(article, "Late.", token="later")

        found = mentioned_commenters(comment, limit=2)

        assert [m.name for m in found] == ["r0", "r1"]
