"""Right after a reader proves an address, offer what they did as a guest with it."""

from __future__ import annotations

from allauth.account.models import EmailAddress
from django.contrib import messages
from django.urls import reverse

from byline.accounts.adapter import go_after_verification
from byline.discussion.readers import claiming


def offer_guest_past(sender, *, request=None, email_address: EmailAddress, **kwargs) -> None:
    """Send the reader who just proved an address to My comments, which offers to claim the
    comments, votes and subscriptions of their guest past, when there are any. Only the reader
    themselves: a confirmation made from the admin, or for another account, sends nobody."""
    if request is None or not hasattr(request, "session"):
        return
    user = email_address.user
    if request.user.is_authenticated and request.user.pk != user.pk:
        return
    past = claiming.guest_past(user)
    if not past:
        return
    messages.info(
        request,
        "You took part here as a guest with this address: "
        "claim what you wrote and followed below, to keep it with your account.",
    )
    go_after_verification(request, reverse("my_comments"))
