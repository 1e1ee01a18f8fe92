from django.urls import path

from danvan.insight.views import alerts

app_name = "insight"

urlpatterns = [
    path("dan-y/canh-bao/", alerts.alert_list, name="alert_list"),
    path("dan-y/canh-bao/<int:pk>/", alerts.alert_detail, name="alert_detail"),
]

# --- duplicates ---
from danvan.insight.views import duplicates  # noqa: E402

urlpatterns += [
    path("y-kien-tuong-tu.json", duplicates.similar_json, name="similar_json"),
    path("dan-y/vu-viec/<int:pk>/lien-ket/", duplicates.matter_link, name="matter_link"),
    path("dan-y/vu-viec/<int:pk>/bo-lien-ket/", duplicates.matter_unlink, name="matter_unlink"),
    path("dan-y/vu-viec/<int:pk>/gop/", duplicates.matter_merge, name="matter_merge"),
]
