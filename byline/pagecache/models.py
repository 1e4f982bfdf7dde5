"""The page cache has no models.

This module exists because ``migrate`` sends ``post_migrate`` only to apps with a models
module, and the embedded cache's table is created on that signal (signal_handlers.py).
"""
