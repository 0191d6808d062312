"""The editors' image library."""

from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from handreiking.forms import ImageUploadForm
from handreiking.models import Image


@admin.register(Image)
class ImageAdmin(admin.ModelAdmin):
    form = ImageUploadForm
    list_display = ("thumbnail", "alt_text", "dimensions", "uploaded_at", "markdown_code")
    list_display_links = ("alt_text",)
    search_fields = ("alt_text",)
    readonly_fields = ("preview", "markdown_code", "dimensions", "uploaded_by", "uploaded_at")

    def get_queryset(self, request):
        return super().get_queryset(request).without_data().select_related("uploaded_by")

    def get_fields(self, request, obj=None):
        if obj is None:
            return ("upload", "alt_text")
        return ("preview", "alt_text", "markdown_code", "dimensions", "uploaded_by", "uploaded_at")

    def has_delete_permission(self, request, obj=None):
        # A chapter may show this image; removing it would leave a hole in the page.
        return request.user.is_superuser

    def save_model(self, request, obj, form, change):
        if not change:
            obj.uploaded_by = request.user
        super().save_model(request, obj, form, change)

    @admin.display(description=_("afbeelding"))
    def thumbnail(self, obj: Image) -> str:
        return format_html('<img src="{}" alt="" class="image-thumb">', obj.get_absolute_url())

    @admin.display(description=_("voorbeeld"))
    def preview(self, obj: Image) -> str:
        return format_html(
            '<img src="{}" alt="{}" class="image-preview">', obj.get_absolute_url(), obj.alt_text
        )

    @admin.display(description=_("code voor in de tekst"))
    def markdown_code(self, obj: Image) -> str:
        return format_html("<code>{}</code>", obj.markdown)

    @admin.display(description=_("afmetingen"))
    def dimensions(self, obj: Image) -> str:
        return f"{obj.width} × {obj.height} px, {obj.size // 1024} kB"
