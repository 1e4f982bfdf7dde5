"""The spam classifier learns from moderators' decisions on a small labelled set."""

from __future__ import annotations

import math

import pytest

from byline.accounts.tests.factories import UserFactory
from byline.discussion.models import Comment, SpamToken
from byline.discussion.moderation import actions, classifier
from byline.discussion.moderation import rules as r
from byline.discussion.moderation.pipeline import bypassed
from byline.discussion.tests.factories import post, submission
from byline.discussion.tests.spam_corpus import HAM, SPAM
from byline.newsroom.tests.factories import ArticlePageFactory

# Train on the first 40 of each; judge the classifier on the 10 it never saw.
TRAIN, HELD_OUT = slice(0, 40), slice(40, 50)


def test_tokens_are_folded_words_hosts_and_shapes():
    features = classifier.tokens("CHEAP VIAGRA!!! Visit NOW NOW", ["https://www.Pills.example/x"])

    assert {"cheap", "viagra", "visit", "now"} <= features
    assert {"host:pills.example", "links:1", "shape:shouting", "shape:exclamations"} <= features


def test_a_rarely_seen_token_stays_near_neutral():
    totals = classifier.Totals(spam=100, ham=100)

    assert classifier.token_probability(0, 0, totals) == 0.5
    assert 0.5 < classifier.token_probability(1, 0, totals) < 0.9
    assert classifier.token_probability(40, 0, totals) > 0.98
    assert classifier.token_probability(0, 40, totals) < 0.02


def test_combining_agreeing_evidence_is_confident_and_mixed_evidence_is_not():
    assert classifier.combine([0.99] * 5) > 0.99
    assert classifier.combine([0.01] * 5) < 0.01
    assert math.isclose(classifier.combine([0.99, 0.01]), 0.5, abs_tol=0.01)
    assert classifier.combine([]) == 0.5


@pytest.mark.django_db
def test_an_untrained_classifier_says_nothing():
    assert classifier.score({"anything"}) is None


@pytest.fixture
def trained(db):
    """Comments posted without the pipeline, then decided by a moderator: how it learns."""
    article = ArticlePageFactory()
    moderator = UserFactory(is_superuser=True)
    with bypassed():
        ham = [post(article, text, token=f"ham-{n}") for n, text in enumerate(HAM[TRAIN])]
        spam = [post(article, text, token=f"spam-{n}") for n, text in enumerate(SPAM[TRAIN])]
    actions.decide(comment_ids=[c.pk for c in ham], decision="approve", moderator=moderator)
    actions.decide(comment_ids=[c.pk for c in spam], decision="spam", moderator=moderator)
    return article, moderator


def score_of(text: str) -> float:
    return classifier.score(classifier.tokens(text), min_documents=20)


def test_moderators_decisions_teach_it_to_tell_spam_from_ham(trained):
    assert classifier.totals() == classifier.Totals(spam=40, ham=40)
    spam_scores = [score_of(text) for text in SPAM[HELD_OUT]]
    ham_scores = [score_of(text) for text in HAM[HELD_OUT]]

    # Most held-out spam would be held (0.8 is the rule's default), no ham comes close to it.
    assert sum(score >= 0.8 for score in spam_scores) >= 8
    assert sorted(spam_scores)[5] > 0.95
    assert max(ham_scores) < 0.5


def test_the_rule_holds_what_it_learnt_was_spam_and_publishes_ham(trained):
    article, _ = trained
    thread = article.discussion_thread
    rule = r.SpamScore(hold_above=0.9, reject_above=None, min_documents=20)

    spam = submission(thread, "Cheap pills online, click here to buy followers and casino bonus")
    ham = submission(thread, "The source is anonymous and the publicist denied it, so I doubt it.")

    assert rule.check(spam).action == "hold" and spam.spam_score > 0.9
    assert rule.check(ham).action == "publish" and ham.spam_score < 0.5


def test_a_changed_mind_moves_the_counts_instead_of_adding_to_them(trained):
    _, moderator = trained
    comment = Comment.objects.filter(is_spam=True).first()
    before = dict(SpamToken.objects.values_list("token", "spam"))

    actions.decide(comment_ids=[comment.pk], decision="approve", moderator=moderator)
    actions.decide(comment_ids=[comment.pk], decision="approve", moderator=moderator)

    assert classifier.totals() == classifier.Totals(spam=39, ham=41)
    assert Comment.objects.get(pk=comment.pk).trained_as == "ham"
    after = dict(SpamToken.objects.values_list("token", "spam"))
    assert all(after[token] <= before[token] for token in before)


def test_a_batch_of_decisions_costs_a_few_queries(db, django_assert_max_num_queries):
    features = [classifier.tokens(text) for text in SPAM]

    with django_assert_max_num_queries(12):
        classifier.learn([(feature, "spam") for feature in features])

    assert classifier.totals().spam == len(SPAM)
