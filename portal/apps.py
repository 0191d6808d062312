"""The project's own configuration checks (portal/ holds no models)."""

from django.apps import AppConfig
from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured

# A message about the secret, not a secret.
MISSING_SECRET = (
    "DJANGO_SECRET_KEY is not set. Set it to a long random value "  # noqa: S105
    '(python -c "import secrets; print(secrets.token_urlsafe(50))"), '
    "or set DJANGO_DEBUG=1 for local development."
)


def require_secret_key() -> None:
    """Raised by the WSGI entry point: the server never signs with a throwaway key."""
    if settings.SECRET_KEY_MISSING:
        raise ImproperlyConfigured(MISSING_SECRET)


def secret_key_check(app_configs, **kwargs) -> list[checks.CheckMessage]:
    if settings.SECRET_KEY_MISSING:
        return [checks.Error(MISSING_SECRET, id="portal.E001")]
    return []


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = "Portaal"

    def ready(self) -> None:
        checks.register(secret_key_check, checks.Tags.security, deploy=True)
