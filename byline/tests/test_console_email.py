"""The demo's emails, printed by the console backend, link whole to where the demo runs."""

from __future__ import annotations

import os
import re
import subprocess
import sys

from django.conf import settings

# Composes an email in the demo's settings, says on stderr the link it holds, and sends it
# through the mailer the demo's worker sends with (the console); no database is needed for an unsaved subscriber.
DEMO_EMAIL = """
import re, sys
import django
django.setup()
from django.core.mail import mailers
from byline.discussion.notify import emails
from byline.discussion.models import Subscriber
message = emails.manage_link(Subscriber(pk=4242, address="reader@example.org"))
print(re.search(r"https?://\\S+/notify/manage/\\S+/", message.body).group(), file=sys.stderr)
mailers["outgoing"].send_messages([message])
"""


def run_in_demo_settings(**environ: str) -> subprocess.CompletedProcess:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"BYLINE_BASE_URL", "EMAIL_URL", "BYLINE_DEMO_ADDRESS"}
    }
    env.update(DJANGO_SETTINGS_MODULE="byline.settings.dev", **environ)
    return subprocess.run(
        [sys.executable, "-c", DEMO_EMAIL],
        env=env,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )


def test_a_demo_email_links_whole_to_the_address_the_demo_runs_on():
    printed = run_in_demo_settings(BYLINE_DEMO_ADDRESS="127.0.0.1:8130")

    link = printed.stderr.strip().splitlines()[-1]
    assert link.startswith("http://127.0.0.1:8130/notify/manage/")
    # The link, on a line of its own and unbroken, as a reader copies it from the terminal.
    assert link in printed.stdout.splitlines()
    assert "didn’t ask for this" in printed.stdout
    assert "Subject: Manage your notifications from" in printed.stdout
    assert not re.search(r"=\n|=E2=80", printed.stdout)


def test_an_explicit_base_url_wins_over_the_demo_address():
    printed = run_in_demo_settings(
        BYLINE_DEMO_ADDRESS="127.0.0.1:8130", BYLINE_BASE_URL="https://news.example"
    )

    assert printed.stderr.strip().splitlines()[-1].startswith("https://news.example/notify/")
