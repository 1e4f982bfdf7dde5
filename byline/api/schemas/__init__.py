"""The API's request and response shapes, one module per concern (as ``byline/api/routers/``)."""
