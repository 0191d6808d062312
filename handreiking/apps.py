from django.apps import AppConfig


class HandreikingConfig(AppConfig):
    name = "handreiking"
    verbose_name = "Handreiking"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from handreiking import audit, receivers

        receivers.connect()
        audit.connect()
