"""Screens in the Wagtail admin, registered by ``wagtail_hooks``: the moderation queues and bans
(``queues``), inline feedback to review (``review``) and undelivered notifications
(``undelivered``). Django's own admin autodiscovery imports only this package, which is empty."""
