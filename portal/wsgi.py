"""WSGI entry point: `gunicorn portal.wsgi:application` (and `runserver`)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

application = get_wsgi_application()

# After setup: the settings are loaded, and a server without its secret must not start.
from portal.apps import require_secret_key  # noqa: E402

require_secret_key()
