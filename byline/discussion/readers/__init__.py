"""A reader's own place in the account area: their comments, their subscriptions and
notification preferences, and claiming what they wrote as a guest."""
