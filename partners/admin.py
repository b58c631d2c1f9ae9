"""Admins issue and revoke partner tokens here; a new key is shown once, right after "Save"."""

from django.contrib import admin, messages
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .models import PartnerToken


@admin.register(PartnerToken)
class PartnerTokenAdmin(admin.ModelAdmin):
    list_display = ["name", "prefix", "user", "created_at", "last_used_at", "revoked_at"]
    list_filter = [("revoked_at", admin.EmptyFieldListFilter)]
    search_fields = ["name", "prefix", "user__username", "user__email"]
    raw_id_fields = ["user"]
    readonly_fields = ["prefix", "created_by", "created_at", "last_used_at", "revoked_at"]
    actions = ["revoke_tokens"]

    def get_fields(self, request, obj=None):
        if obj is None:
            return ["name", "user"]
        return ["name", "user", *self.readonly_fields]

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return []
        # The user is what the key grants; change it by issuing a new token.
        return ["user", *self.readonly_fields]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
            request._partner_token_key = obj.set_new_key()
        super().save_model(request, obj, form, change)

    def response_add(self, request, obj, post_url_continue=None):
        """Show the key on its own page, once: it is not stored and is never shown again."""
        response = TemplateResponse(
            request,
            "admin/partners/partnertoken/key_issued.html",
            {
                **self.admin_site.each_context(request),
                "opts": self.opts,
                "token": obj,
                "raw_key": request._partner_token_key,
                "title": _("Token issued"),
            },
        )
        add_never_cache_headers(response)
        return response

    @admin.action(description=_("Revoke selected tokens"))
    def revoke_tokens(self, request, queryset):
        tokens = list(queryset.filter(revoked_at__isnull=True))
        for token in tokens:
            token.revoke()
        self.message_user(
            request,
            ngettext("%d token revoked.", "%d tokens revoked.", len(tokens)) % len(tokens),
            messages.SUCCESS,
        )
