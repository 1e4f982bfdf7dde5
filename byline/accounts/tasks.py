"""Background work of accounts, run by the task worker: the emails that prove an address."""

from __future__ import annotations

from django.core.mail import mailers
from django.tasks import task

from byline.accounts.models import User


@task()
def send_verification(user_id: int) -> bool:
    """Email an account's address the link that proves it is the owner's."""
    # Imported here: composing the email needs the token, and verification enqueues this task.
    from byline.accounts import emails

    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None or not user.email or user.verified_address:
        return False
    mailers.default.send_messages([emails.verification(user)])
    return True
