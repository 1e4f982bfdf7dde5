"""Public pages of the people who comment: who they are and what they have published."""
