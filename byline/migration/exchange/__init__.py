"""Byline's own export format: the whole site as one documented, versioned JSON document.

See docs/export-format.md. ``export_site()`` builds the document; ``import_site()`` loads one
into an empty site so that exporting again gives the same document.
"""

from byline.migration.exchange.exporting import FORMAT, VERSION, export_site
from byline.migration.exchange.importing import ExchangeError, import_site

__all__ = ["FORMAT", "VERSION", "ExchangeError", "export_site", "import_site"]
