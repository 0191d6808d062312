"""HR's onboarding material: the only thing the HR group manages."""

from django.contrib import admin

from handreiking.forms import OnboardingMaterialForm
from handreiking.models import OnboardingMaterial


@admin.register(OnboardingMaterial)
class OnboardingMaterialAdmin(admin.ModelAdmin):
    form = OnboardingMaterialForm
    list_display = ("title", "chapter", "url", "updated_at")
    list_filter = ("chapter",)
    list_select_related = ("chapter",)
    search_fields = ("title", "description")
