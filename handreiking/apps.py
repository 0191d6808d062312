from django.apps import AppConfig


class HandreikingConfig(AppConfig):
    name = "handreiking"
    verbose_name = "Handreiking"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from handreiking import audit
        from handreiking.editorial import writepath
        from handreiking.pagecache import invalidation, warming

        writepath.connect()
        audit.connect()
        invalidation.connect()
        warming.connect()
