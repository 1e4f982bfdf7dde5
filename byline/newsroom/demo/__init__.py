"""The demo newsroom (N7): fictional stories as data, pictures painted on the fly, and the
service that publishes both through Wagtail.

``content`` holds what a newcomer reads (in the shapes of ``specs``); ``images`` paints what they
see, from the ``scenes`` built with ``painting`` and ``figures``; ``seeding`` builds the site and
``warming`` renders each page once so that the first visit is fast.
"""
