"""Import a WordPress site (with wpDiscuz) from its WXR export and, optionally, its database."""
