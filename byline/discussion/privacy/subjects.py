"""Whose data is whose: an account with its proven addresses, or a guest's proven address.

Everything Byline holds about a person is found from two things: the account (its comments,
its votes and reports, keyed ``u:<id>``) and the email addresses the person proved are theirs
(guest comments written with them, subscriber rows, notification deliveries, emails sent to
them). A guest's votes and reports carry no address, only the key of the browser that cast
them; the browsers that wrote the address's guest comments are that person's, so their keys
find those votes and reports too.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import reduce
from operator import or_
from typing import TYPE_CHECKING

from allauth.account.models import EmailAddress
from django.db.models import Q, QuerySet

from byline.discussion.models import (
    Comment,
    DataExport,
    Delivery,
    Report,
    Subscriber,
    Vote,
    normalise_address,
)
from byline.mail.models import OutgoingEmail

if TYPE_CHECKING:
    from byline.accounts.models import User


@dataclass(frozen=True)
class DataSubject:
    """One person, as an account and/or a set of proven addresses (normalised)."""

    user: User | None
    addresses: tuple[str, ...]

    @classmethod
    def of_user(cls, user: User) -> DataSubject:
        """An account and every address it proved (allauth's verified ones, and the proven one)."""
        proven = {normalise_address(user.verified_address)} - {""}
        proven |= {
            normalise_address(address)
            for address in EmailAddress.objects.filter(user=user, verified=True).values_list(
                "email", flat=True
            )
        }
        return cls(user=user, addresses=tuple(sorted(proven)))

    @classmethod
    def of_address(cls, address: str) -> DataSubject:
        """A guest who proved ``address`` is theirs."""
        return cls(user=None, addresses=(normalise_address(address),))

    def _any_address(self, field: str) -> Q:
        """``field`` equals one of the addresses, whatever the case it was stored in."""
        if not self.addresses:
            return Q(pk__in=[])
        return reduce(or_, (Q(**{f"{field}__iexact": address}) for address in self.addresses))

    def comments(self) -> QuerySet[Comment]:
        condition = Q(author__isnull=True) & self._any_address("guest_email")
        if self.user is not None:
            condition |= Q(author_id=self.user.pk)
        return Comment.objects.filter(condition)

    def reader_keys(self) -> list[str]:
        """The vote and report keys that are this person's: the account's, and those of the
        browsers that wrote their guest comments."""
        keys = {f"u:{self.user.pk}"} if self.user is not None else set()
        guest_keys = (
            self.comments().filter(author__isnull=True).exclude(guest_key="")
            .values_list("guest_key", flat=True).distinct()
        )  # fmt: skip
        keys |= {f"g:{key[:40]}" for key in guest_keys}
        return sorted(keys)

    def votes(self, keys: list[str] | None = None) -> QuerySet[Vote]:
        """The person's votes; ``keys`` are their ``reader_keys`` if already read (an erasure
        reads them before the comments that find them are gone)."""
        return Vote.objects.filter(voter_key__in=self.reader_keys() if keys is None else keys)

    def reports(self, keys: list[str] | None = None) -> QuerySet[Report]:
        return Report.objects.filter(reporter_key__in=self.reader_keys() if keys is None else keys)

    def subscribers(self) -> QuerySet[Subscriber]:
        return Subscriber.objects.filter(address__in=self.addresses)

    def deliveries(self) -> QuerySet[Delivery]:
        return Delivery.objects.filter(subscriber__address__in=self.addresses)

    def emails(self) -> QuerySet[OutgoingEmail]:
        """Emails sent (or waiting) to the addresses, bare or with a display name."""
        return _emails_to(self.addresses)

    def account_emails(self) -> QuerySet[OutgoingEmail]:
        """Emails sent to any address the account gave, proven or not (allauth's confirmation
        mail goes to an address before it is proven). Erasure deletes them; the archive leaves
        out an unproven address's mail, which may be someone else's."""
        if self.user is None:
            return OutgoingEmail.objects.none()
        given = {self.user.email, *EmailAddress.objects.filter(user=self.user).values_list(
            "email", flat=True
        )}  # fmt: skip
        return _emails_to(tuple(normalise_address(address) for address in given if address))

    def exports(self) -> QuerySet[DataExport]:
        condition = Q(user__isnull=True, address__in=self.addresses)
        if self.user is not None:
            condition |= Q(user_id=self.user.pk)
        return DataExport.objects.filter(condition)


def _emails_to(addresses: tuple[str, ...]) -> QuerySet[OutgoingEmail]:
    """Emails sent (or waiting) to ``addresses``, bare or with a display name."""
    if not addresses:
        return OutgoingEmail.objects.none()
    condition = reduce(
        or_,
        (
            Q(recipient__iexact=address) | Q(recipient__iendswith=f"<{address}>")
            for address in addresses
        ),
    )
    return OutgoingEmail.objects.filter(condition)
