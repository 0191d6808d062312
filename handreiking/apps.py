from django.apps import AppConfig


class HandreikingConfig(AppConfig):
    name = "handreiking"
    verbose_name = "Handreiking"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from handreiking import audit, receivers
        from handreiking.pagecache import invalidation, warming

        receivers.connect()
        audit.connect()
        invalidation.connect()
        warming.connect()
