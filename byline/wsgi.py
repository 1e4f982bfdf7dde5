import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "byline.settings.production")

# Imported once the settings module is named: the page cache reads the settings.
from byline.pagecache.early import EarlyPageCache

application = EarlyPageCache(get_wsgi_application())
