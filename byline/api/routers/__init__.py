"""The API's operations, one module per concern, each a ``router`` added in ``byline/api/api.py``."""
