"""What wpDiscuz keeps in its own tables, which a WXR export does not carry.

Read with ``--wordpress-db mysql://user:password@host/database`` (and ``--table-prefix``):
- ``wp_users``: every registered reader, so their comments are linked to accounts;
- ``wp_wc_users_voted``: one row per vote (a user id, or for a guest a hash of the address);
- ``wp_wc_comments_subscription``: "Notify of" subscriptions: ``post`` (new comments on the
  post), ``all_comment`` (replies to my comments), ``comment`` (replies to one comment), with
  ``confirm`` 0 until the reader clicked the emailed link;
- ``wp_wc_feedback_forms``: the inline feedback questions, whose numeric id is what a comment's
  ``wpdiscuz_feedback_form_id`` meta names and whose ``unique_id`` the shortcode carries.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass, field
from urllib.parse import unquote, urlsplit

from django.utils import timezone

from byline.discussion.models import Subscriber, Subscription, Thread, Vote, normalise_address
from byline.migration import origins
from byline.migration.conversation import clean_email
from byline.migration.report import ImportFileError, Report

KINDS = {
    "post": Subscription.Kind.ARTICLE,
    "all_comment": Subscription.Kind.REPLIES,
    "comment": Subscription.Kind.COMMENT,
}
PREFIX = re.compile(r"^[A-Za-z0-9_]{0,32}$")


@dataclass(frozen=True)
class Person:
    login: str
    email: str
    display_name: str


@dataclass(frozen=True)
class Notify:
    id: str
    email: str
    target: str
    kind: str
    confirmed: bool
    created: dt.datetime | None


@dataclass
class WpDiscuzData:
    users: dict[str, Person] = field(default_factory=dict)
    votes: dict[str, list[tuple[str, bool, int]]] = field(default_factory=dict)
    subscriptions: dict[str, list[Notify]] = field(default_factory=dict)
    forms: dict[str, str] = field(default_factory=dict)

    def user(self, user_id: str) -> Person | None:
        return self.users.get(user_id)

    def feedback_id(self, form_id: str) -> str | None:
        return self.forms.get(form_id)

    def voters(self, comment_id: str, account) -> list[tuple[str, int]]:
        """(voter key, +1/-1) for each vote on a comment; registered voters by their account."""
        keys = []
        for voter, is_guest, value in self.votes.get(comment_id, []):
            user = None if is_guest else account(voter)
            keys.append((f"u:{user.pk}" if user else f"g:wordpress-{voter}"[:80], value))
        return keys

    def write_subscriptions(self, post_id: str, article, report: Report) -> None:
        """The post's "Notify of" subscriptions, confirmed or not as they were; nobody is mailed
        (unconfirmed ones stay unconfirmed, and the outbox only serves confirmed ones)."""
        thread = Thread.objects.for_page(article)
        for notify in self.subscriptions.get(post_id, []):
            address = normalise_address(clean_email(notify.email))
            kind = KINDS.get(notify.kind)
            if not address or kind is None:
                report.skip("subscription", notify.id, f"{notify.kind!r} for {notify.email!r}")
                continue
            comment_id = None
            if kind == Subscription.Kind.COMMENT:
                comment_id = origins.find("wordpress", "comment", notify.target)
                if comment_id is None:
                    report.skip("subscription", notify.id, "its comment was not imported")
                    continue
            when = notify.created or timezone.now()
            subscriber, _ = Subscriber.objects.get_or_create(
                address=address, defaults={"created_at": when}
            )
            if notify.confirmed and subscriber.confirmed_at is None:
                subscriber.confirmed_at = when
                subscriber.save(update_fields=["confirmed_at"])
            lookup = {"subscriber": subscriber, "thread": thread, "kind": kind}
            lookup.update({"comment_id": comment_id} if comment_id else {"comment__isnull": True})
            existing = Subscription.objects.filter(**lookup).first()
            if existing is None:
                existing = Subscription.objects.create(
                    subscriber=subscriber, thread=thread, kind=kind, comment_id=comment_id,
                    confirmed_at=when if notify.confirmed else None, created_at=when,
                )  # fmt: skip
            origins.remember("wordpress", "subscription", notify.id, existing.pk)
            report.add("subscription", created=True)


def load(url: str, prefix: str = "wp_") -> WpDiscuzData:
    """Read wpDiscuz's tables from a MySQL or MariaDB database (read only)."""
    import pymysql

    if not PREFIX.match(prefix):
        raise ImportFileError(f"{prefix!r} is not a table prefix (letters, digits and _).")
    parts = urlsplit(url)
    if parts.scheme not in ("mysql", "mariadb") or not parts.path.strip("/"):
        raise ImportFileError("--wordpress-db takes mysql://user:password@host[:port]/database")
    try:
        connection = pymysql.connect(
            host=parts.hostname or "127.0.0.1", port=parts.port or 3306,
            user=unquote(parts.username or ""), password=unquote(parts.password or ""),
            database=parts.path.strip("/"), charset="utf8mb4", connect_timeout=10,
            init_command="SET time_zone = '+00:00'",
        )  # fmt: skip
    except pymysql.MySQLError as error:
        raise ImportFileError(f"Cannot connect to the WordPress database: {error}") from error
    try:
        with connection.cursor() as cursor:
            return _read(cursor, prefix, pymysql)
    finally:
        connection.close()


def _read(cursor, prefix: str, pymysql) -> WpDiscuzData:
    data = WpDiscuzData()
    for user_id, login, email, name in _rows(
        cursor, pymysql, f"SELECT ID, user_login, user_email, display_name FROM `{prefix}users`"
    ):
        data.users[str(user_id)] = Person(login or "", email or "", name or "")
    votes: dict[str, list] = defaultdict(list)
    for voter, comment_id, value, is_guest in _rows(
        cursor, pymysql,
        f"SELECT user_id, comment_id, vote_type, is_guest FROM `{prefix}wc_users_voted` ORDER BY id",
    ):  # fmt: skip
        if value in (1, -1):
            votes[str(comment_id)].append(
                (str(voter), bool(is_guest), Vote.UP if value > 0 else Vote.DOWN)
            )
    data.votes = dict(votes)
    subscriptions: dict[str, list] = defaultdict(list)
    for row_id, email, target, post_id, kind, confirm, created in _rows(
        cursor, pymysql,
        "SELECT id, email, subscribtion_id, post_id, subscribtion_type, confirm, subscription_date"
        f" FROM `{prefix}wc_comments_subscription` ORDER BY id",
    ):  # fmt: skip
        when = created.replace(tzinfo=dt.UTC) if isinstance(created, dt.datetime) else None
        subscriptions[str(post_id)].append(
            Notify(str(row_id), email or "", str(target), kind or "", bool(confirm), when)
        )
    data.subscriptions = dict(subscriptions)
    for form_id, unique_id in _rows(
        cursor, pymysql, f"SELECT id, unique_id FROM `{prefix}wc_feedback_forms`"
    ):
        data.forms[str(form_id)] = unique_id
    return data


def _rows(cursor, pymysql, query: str) -> list[tuple]:
    """A table's rows, or none when the site never had that table (wpDiscuz not installed)."""
    try:
        cursor.execute(query)
    except pymysql.err.ProgrammingError as error:
        if error.args and error.args[0] == 1146:  # no such table
            return []
        raise
    return list(cursor.fetchall())
