"""Accounts from before allauth get allauth's record of their address (migration 0004)."""

from __future__ import annotations

import importlib

import pytest
from allauth.account.models import EmailAddress
from django.apps import apps

from byline.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db
record_addresses = importlib.import_module(
    "byline.accounts.migrations.0004_allauth_email_addresses"
).record_addresses


def test_each_account_gets_its_address_verified_only_where_it_was_proven():
    proven = UserFactory(email="Ada@Example.org")
    unproven = UserFactory(email="bea@example.org", verified_email="")
    twice = UserFactory(email="ada@example.org", verified_email="ada@example.org")
    without = UserFactory(email="")
    EmailAddress.objects.all().delete()  # as before allauth

    record_addresses(apps, None)

    rows = {
        row.user_id: (row.email, row.primary, row.verified) for row in EmailAddress.objects.all()
    }
    assert rows[proven.pk] == ("ada@example.org", True, True)
    assert rows[unproven.pk] == ("bea@example.org", True, False)
    # allauth lets one account prove an address: the second keeps it unproven.
    assert rows[twice.pk] == ("ada@example.org", True, False)
    assert without.pk not in rows


def test_an_account_allauth_already_knows_is_left_as_it_is():
    user = UserFactory(email="ada@example.org")
    EmailAddress.objects.filter(user=user).update(verified=False)

    record_addresses(apps, None)

    assert list(EmailAddress.objects.filter(user=user).values_list("verified", flat=True)) == [
        False
    ]
