"""Live updates: readers' open pages learn of new, edited and removed comments and of votes.

- ``events``: what an event is and how it is written on the wire (Server-Sent Events);
- ``publishing``: the calls ``threads.status`` and ``threads.services`` make when what readers
  see changes; each records one event when the transaction commits;
- ``stores``: where events go and come back from: a table polled by the live server (the
  embedded default) or Redis Streams (``REDIS_URL``), one interface, chosen by the settings;
- ``fanout``: one loop per live process reading the store and handing each event to the
  streams open on its thread;
- ``server``: the small ASGI application that serves ``/threads/<id>/events``, and ``asgi``
  its entry point for uvicorn (``manage.py run_live`` runs it).
"""
