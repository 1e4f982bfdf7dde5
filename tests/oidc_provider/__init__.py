"""A minimal OpenID Connect provider (django-oauth-toolkit) that the social sign-in journey runs
on loopback as a separate process: see ``serve.py``."""
