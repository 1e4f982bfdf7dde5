"""Outgoing email: the one way Byline sends a message (see ``outbox``, ``dispatch``, ``sending``).

Plumbing below every app but the page cache: accounts and the discussion post their emails
here, and it imports none of them.
"""
