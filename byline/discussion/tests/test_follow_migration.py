"""The follows migration can be undone with follows in the database: the follows of stories,
topics and people (no thread) go, and the thread is required again."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from byline.discussion.models import Subscriber, Subscription
from byline.newsroom.tests.factories import TopicFactory

# Migrating back and forth leaves the migrations' own rows (content types, the home page) for
# the root conftest to put back after the test, as it does for every serialized rollback; without
# it the next transactional test in the same process could not restore them.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

BEFORE = [("discussion", "0012_readers_data_archives")]


def test_the_follows_migration_reverses_with_a_topic_followed():
    topic = TopicFactory()
    subscriber = Subscriber.objects.create(address="reader@example.org")
    Subscription.objects.create(subscriber=subscriber, kind="topic", topic=topic)
    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes("discussion")
    try:
        executor.migrate(BEFORE)
        with connection.cursor() as cursor:
            cursor.execute("SELECT COUNT(*) FROM discussion_subscription")
            assert cursor.fetchone()[0] == 0
    finally:
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(latest)
