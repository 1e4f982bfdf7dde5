"""Threads under articles: posting, editing, deleting and voting (``services``), what follows a
change of a comment's status (``status``), reading a thread a page at a time (``reading``), the
readers' forms and views, page-cache purging of a thread's pages (``purging``) and whole-thread
writes for benchmarks and imports (``bulk``)."""
