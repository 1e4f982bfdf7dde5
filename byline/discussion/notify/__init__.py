"""The "Notify of" control: subscriptions and their signed links, the outbox written when a
comment is published, its fan-out into deliveries, @mentions, the emails, and their delivery
by the worker."""
