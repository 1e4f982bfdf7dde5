"""Sourcing transparency: how each claim of an article is sourced.

Editors mark a claim in the body's rich text with the kind of source it rests on (the *Source*
button of the rich-text toolbar). Wagtail stores rich text as HTML; a mark is stored as

    <span data-source-kind="anonymous" data-source-name="Page Six">the claim</span>

``data-source-kind`` is one of the values of ``kinds.SOURCE_KINDS`` (``on_record``, ``outlet``,
``anonymous``, ``document``, ``social``, ``own``); ``data-source-name`` (the outlet or person,
optional, plain text, at most ``kinds.MAX_NAME_LENGTH`` characters) is left out when empty.
No other attribute is stored. The editor's contentstate converter writes and reads this form
(``editor.py``); readers get it rebuilt from the validated kind and the escaped name
(``marks.render_source_marks``), so a hostile or unknown mark is never rendered raw.

- ``kinds``: the kinds of source, their labels and the words of the readers' summary;
- ``marks``: finding marks in rich text, and rendering them for readers;
- ``editor``: the Draftail feature (entity ``SOURCE``) and its converter rules;
- ``checker`` with ``rules``: the attributions and hedges found in a draft, for the edit panel;
- ``summary``: "How this story is sourced", counted from the marks;
- ``panels``: the checker's panel in the article's edit form.
"""
