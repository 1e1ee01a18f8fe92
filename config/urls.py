from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

admin.site.site_header = _("Dân Vận Số — Administration")
admin.site.site_title = _("Dân Vận Số")
admin.site.index_title = _("Operator administration")

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("quan-tri/", admin.site.urls),
    path("", include("danvan.web.urls")),
]
