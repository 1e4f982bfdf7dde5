"""--wordpress-db: wpDiscuz's own tables, read from MariaDB (skipped when none is running)."""

from __future__ import annotations

import hashlib
from io import StringIO
from pathlib import Path

import pytest
from django.core import mail
from django.core.management import CommandError, call_command

from byline.discussion.models import Comment, NotificationEvent, Subscription, Vote
from byline.migration.models import Origin

pymysql = pytest.importorskip("pymysql")
pytestmark = pytest.mark.django_db
FIXTURES = Path(__file__).parent / "fixtures"
DATABASE = "byline_migration_wpdiscuz_test"
PREFIX = "wpx_"
GUEST_HASH = hashlib.md5(b"198.51.100.23").hexdigest()

# The columns Byline reads, as wpDiscuz 7 lays out its tables (see wordpress/wpdiscuz.py).
TABLES = [
    f"CREATE TABLE {PREFIX}users (ID BIGINT UNSIGNED PRIMARY KEY, user_login VARCHAR(60),"
    " user_email VARCHAR(100), display_name VARCHAR(250))",
    f"CREATE TABLE {PREFIX}wc_users_voted (id INT AUTO_INCREMENT PRIMARY KEY, user_id VARCHAR(32),"
    " comment_id INT, vote_type INT, is_guest TINYINT(1), post_id BIGINT UNSIGNED, date INT UNSIGNED)",
    f"CREATE TABLE {PREFIX}wc_comments_subscription (id INT AUTO_INCREMENT PRIMARY KEY,"
    " email VARCHAR(100), subscribtion_id INT, post_id INT, subscribtion_type VARCHAR(20),"
    " activation_key VARCHAR(32), confirm TINYINT, subscription_date TIMESTAMP)",
    f"CREATE TABLE {PREFIX}wc_feedback_forms (id INT AUTO_INCREMENT PRIMARY KEY, post_id INT,"
    " unique_id VARCHAR(15), question VARCHAR(255), opened TINYINT UNSIGNED, content LONGTEXT)",
]
ROWS = [
    f"INSERT INTO {PREFIX}users VALUES (1, 'mara', 'mara@oldgazette.test', 'Mara Quell'),"
    " (2, 'lena_reads', 'lena@readers.test', 'Lena R.')",
    f"INSERT INTO {PREFIX}wc_users_voted (user_id, comment_id, vote_type, is_guest, post_id, date)"
    f" VALUES ('2', 2, 1, 0, 5, 1715740000), ('{GUEST_HASH}', 2, -1, 1, 5, 1715740100),"
    " ('1', 3, 1, 0, 5, 1715740200)",
    f"INSERT INTO {PREFIX}wc_comments_subscription (email, subscribtion_id, post_id,"
    " subscribtion_type, activation_key, confirm, subscription_date) VALUES"
    " ('Fan@Readers.test', 5, 5, 'post', 'k1', 1, '2024-05-15 03:00:00'),"
    " ('shy@readers.test', 2, 5, 'all_comment', 'k2', 0, '2024-05-15 03:05:00'),"
    " ('jo@guests.test', 2, 5, 'comment', 'k3', 1, '2024-05-15 03:10:00'),"
    " ('not an address', 5, 5, 'post', 'k4', 1, '2024-05-15 03:15:00')",
    f"INSERT INTO {PREFIX}wc_feedback_forms (id, post_id, unique_id, question, opened, content)"
    " VALUES (1, 5, 'k3x9q2p7', 'Do you believe the source?', 0, 'They are taking time apart')",
]


@pytest.fixture
def wordpress_db():
    try:
        connection = pymysql.connect(host="127.0.0.1", user="root", password="", connect_timeout=3)
    except pymysql.MySQLError:
        pytest.skip("no MariaDB or MySQL on 127.0.0.1:3306")
    with connection.cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {DATABASE}")
        cursor.execute(f"CREATE DATABASE {DATABASE}")
        cursor.execute(f"USE {DATABASE}")
        for statement in TABLES + ROWS:
            cursor.execute(statement)
    connection.commit()
    yield f"mysql://root@127.0.0.1:3306/{DATABASE}"
    with connection.cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {DATABASE}")
    connection.close()


def run(url: str) -> str:
    out = StringIO()
    call_command(
        "import_wordpress", str(FIXTURES / "wordpress-6.xml"), "--wordpress-db", url,
        "--table-prefix", PREFIX, "--time-zone", "America/New_York", "--no-download",
        stdout=out,
    )  # fmt: skip
    return out.getvalue()


def comment(original_id: str) -> Comment:
    origin = Origin.objects.get(system="wordpress", kind="comment", original_id=original_id)
    return Comment.objects.get(pk=origin.object_id)


def test_per_voter_rows_become_votes_of_accounts_and_guests(wordpress_db):
    run(wordpress_db)
    lena = comment("3").author
    assert lena is not None and lena.email == "lena@readers.test"  # named by wp_users
    assert set(Vote.objects.filter(comment=comment("2")).values_list("voter_key", "value")) == {
        (f"u:{lena.pk}", 1),
        (f"g:wordpress-{GUEST_HASH}", -1),
    }
    assert comment("2").upvotes == 4  # the totals wpDiscuz kept in comment meta


def test_subscriptions_keep_their_kind_and_confirmation_and_nobody_is_mailed(wordpress_db):
    output = run(wordpress_db)
    subscriptions = {
        s.subscriber.address: s for s in Subscription.objects.select_related("subscriber")
    }
    assert set(subscriptions) == {"fan@readers.test", "shy@readers.test", "jo@guests.test"}
    assert subscriptions["fan@readers.test"].kind == "article"
    assert subscriptions["fan@readers.test"].confirmed_at is not None
    shy = subscriptions["shy@readers.test"]
    assert (shy.kind, shy.confirmed_at, shy.subscriber.confirmed_at) == ("replies", None, None)
    assert subscriptions["jo@guests.test"].comment == comment("2")
    assert "'post' for 'not an address'" in output
    assert mail.outbox == [] and not NotificationEvent.objects.exists()


def test_feedback_forms_tie_answers_to_their_prompt_and_reruns_add_nothing(wordpress_db):
    run(wordpress_db)
    run(wordpress_db)
    assert comment("10").anchor.prompt_id
    assert Subscription.objects.count() == 3 and Vote.objects.count() == 3


def test_a_database_that_cannot_be_reached_is_a_clear_error():
    with pytest.raises(CommandError, match="Cannot connect to the WordPress database"):
        run("mysql://nobody:wrong@127.0.0.1:1/none")


def test_a_table_prefix_that_is_not_a_prefix_is_refused():
    with pytest.raises(CommandError, match="not a table prefix"):
        call_command(
            "import_wordpress", str(FIXTURES / "wordpress-6.xml"),
            "--wordpress-db", "mysql://root@127.0.0.1/x", "--table-prefix", "wp_; DROP TABLE x",
        )  # fmt: skip
