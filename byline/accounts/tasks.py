"""Background work of accounts, run by the task worker.

Runs queued before emails went through the outbox (``byline.mail``) carry this task's path: it
posts the email there. allauth sends the links that verify addresses now.
"""

from __future__ import annotations

from django.tasks import task

from byline.accounts import emails
from byline.accounts.models import User
from byline.accounts.verification import verify_token
from byline.mail import outbox


@task()
def send_verification(user_id: int) -> bool:
    """Post the email with the link that proves an account's address is the owner's."""
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None or not user.email or user.verified_address:
        return False
    outbox.post(emails.verification(user, token=verify_token(user)))
    return True
