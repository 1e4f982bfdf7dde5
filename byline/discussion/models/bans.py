"""Bans on an account, an email address or an IP network, each with an expiry and a shadow flag."""

from __future__ import annotations

import datetime as dt
import ipaddress
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone


class BanQuerySet(models.QuerySet["Ban"]):
    def active(self, now: dt.datetime | None = None) -> BanQuerySet:
        now = now or timezone.now()
        return self.filter(Q(expires_at__isnull=True) | Q(expires_at__gt=now))

    def matching(self, *, user_id: int | None, email: str, ip_address: str | None) -> list[Ban]:
        """The active bans that apply to this author, the shadow bans last.

        Accounts and addresses are matched in the database; networks in Python, because there
        are few of them and the databases compare addresses differently.
        """
        conditions = Q(kind=Ban.Kind.NETWORK)
        if user_id is not None:
            conditions |= Q(kind=Ban.Kind.ACCOUNT, user_id=user_id)
        if email:
            conditions |= Q(kind=Ban.Kind.EMAIL, email=email.strip().lower())
        address = _address(ip_address)
        found = []
        for ban in self.active().filter(conditions).order_by("shadow", "-created_at"):
            if ban.kind != Ban.Kind.NETWORK or (address is not None and ban.covers(address)):
                found.append(ban)
        return found


class Ban(models.Model):
    """Keeps someone out of the discussion; a shadow ban lets them post to themselves alone."""

    class Kind(models.TextChoices):
        ACCOUNT = "account", "Account"
        EMAIL = "email", "Email address"
        NETWORK = "network", "IP address or range"

    kind = models.CharField(max_length=16, choices=Kind.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="discussion_bans",
        help_text="For an account ban.",
    )
    email = models.EmailField(blank=True, help_text="For an address ban (guests and accounts).")
    network = models.CharField(
        max_length=49,
        blank=True,
        help_text="For an IP ban: one address (203.0.113.7) or a range (203.0.113.0/24, 2001:db8::/48).",
    )
    shadow = models.BooleanField(
        default=False,
        help_text="A shadow-banned author still sees their comments; nobody else does.",
    )
    reason = models.CharField(max_length=300, blank=True, help_text="For moderators; never shown.")
    expires_at = models.DateTimeField(
        null=True, blank=True, help_text="Leave empty for a ban that never expires."
    )
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="discussion_bans_made",
        editable=False,
    )

    objects = BanQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["kind", "expires_at"], name="ban_lookup")]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(kind="account", user__isnull=False)
                    | (Q(kind="email") & ~Q(email=""))
                    | (Q(kind="network") & ~Q(network=""))
                ),
                name="ban_names_its_target",
            )
        ]

    def __str__(self) -> str:
        kind = "Shadow ban" if self.shadow else "Ban"
        return f"{kind} on {self.target}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.kind == self.Kind.EMAIL:
            self.email = self.email.strip().lower()
        super().save(*args, **kwargs)

    @property
    def target(self) -> str:
        if self.kind == self.Kind.ACCOUNT:
            return str(self.user.public_name if self.user else "a deleted account")
        if self.kind == self.Kind.EMAIL:
            return self.email
        return self.network

    def clean(self) -> None:
        if self.kind == self.Kind.ACCOUNT and self.user_id is None:
            raise ValidationError({"user": "Choose the account to ban."})
        if self.kind == self.Kind.EMAIL:
            if not self.email:
                raise ValidationError({"email": "Give the address to ban."})
            self.email = self.email.strip().lower()
        if self.kind == self.Kind.NETWORK:
            try:
                self.network = str(ipaddress.ip_network(self.network.strip(), strict=False))
            except ValueError:
                raise ValidationError(
                    {"network": "Give an IP address or a range such as 203.0.113.0/24."}
                ) from None

    def is_active(self, now: dt.datetime | None = None) -> bool:
        return self.expires_at is None or self.expires_at > (now or timezone.now())

    def covers(self, address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
        try:
            return address in ipaddress.ip_network(self.network, strict=False)
        except (TypeError, ValueError):
            return False


def _address(value: str | None) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    if not value:
        return None
    try:
        address = ipaddress.ip_address(value)
    except ValueError:
        return None
    # An IPv4 client seen through an IPv6 socket is still that IPv4 client.
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        return address.ipv4_mapped
    return address
