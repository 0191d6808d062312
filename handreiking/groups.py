"""Group permissions, granted from data migrations (permissions do not exist yet during migrate)."""


def grant(apps, group_name: str, codenames: list[str]) -> None:
    from django.contrib.auth.management import create_permissions

    app_config = apps.get_app_config("handreiking")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name=group_name)
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label="handreiking", codename__in=codenames)
    )
