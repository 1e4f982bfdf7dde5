from __future__ import annotations

import factory

from byline.accounts import verification
from byline.accounts.models import User


class UserFactory(factory.django.DjangoModelFactory):
    username = factory.Sequence(lambda n: f"reader{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    # Proven, as most accounts' addresses are; tests of unproven ones say so.
    verified_email = factory.LazyAttribute(lambda user: user.email)
    password = factory.django.Password("correct horse battery staple")

    class Meta:
        model = User
        skip_postgeneration_save = True

    @factory.post_generation
    def email_address(user: User, create: bool, extracted, **kwargs) -> None:
        """allauth's record of the address, as sign-up and verification leave it."""
        if create:
            verification.record_address(user)
