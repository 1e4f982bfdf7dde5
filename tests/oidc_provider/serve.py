"""Run the loopback OpenID Connect provider until killed:

    OIDC_PROVIDER_RSA_KEY=<PEM> OIDC_PROVIDER_CLIENT_ID=...
    OIDC_PROVIDER_CLIENT_SECRET=... OIDC_PROVIDER_REDIRECT_URI=... OIDC_PROVIDER_USERS=<JSON>
    python -m tests.oidc_provider.serve

It migrates its in-memory database, adds the users (username, password, email, email_verified,
name) and one confidential application (authorization code, RS256, consent asked every time),
then serves on a free port of 127.0.0.1, which it prints first, with one thread, so the
in-memory database is the one it migrated.
"""

from __future__ import annotations

import os
from wsgiref.simple_server import WSGIRequestHandler, make_server


class QuietHandler(WSGIRequestHandler):
    def log_message(self, format, *args) -> None:
        pass


def set_up() -> None:
    from django.contrib.auth.models import User
    from django.core.management import call_command
    from oauth2_provider.models import Application

    from tests.oidc_provider.claims import users

    call_command("migrate", verbosity=0)
    for user in users():
        User.objects.create_user(user["username"], user["email"], user["password"])
    Application.objects.create(
        name="Byline",
        client_id=os.environ["OIDC_PROVIDER_CLIENT_ID"],
        client_secret=os.environ["OIDC_PROVIDER_CLIENT_SECRET"],
        client_type=Application.CLIENT_CONFIDENTIAL,
        authorization_grant_type=Application.GRANT_AUTHORIZATION_CODE,
        redirect_uris=os.environ["OIDC_PROVIDER_REDIRECT_URI"],
        algorithm=Application.RS256_ALGORITHM,
        skip_authorization=False,
    )


def main() -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "tests.oidc_provider.settings"
    import django
    from django.core.wsgi import get_wsgi_application

    django.setup()
    set_up()
    server = make_server("127.0.0.1", 0, get_wsgi_application(), handler_class=QuietHandler)
    print(server.server_port, flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
