"""Byline's JSON API (``/api/v1/``, django-ninja): the discussion and the newsroom for other
programs and for the embed, through the same services as the forms."""
