from django.apps import AppConfig


class HandreikingConfig(AppConfig):
    name = "handreiking"
    verbose_name = "Handreiking"
    default_auto_field = "django.db.models.BigAutoField"
