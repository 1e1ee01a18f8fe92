from django.urls import path

from danvan.insight.views import alerts, hub, warnings
from danvan.insight.views import route as route_views
from danvan.insight.views import topics as topic_views

app_name = "insight"

urlpatterns = [
    path("dan-y/", hub.hub, name="hub"),
    path("dan-y/canh-bao/", alerts.alert_list, name="alert_list"),
    path("dan-y/canh-bao/<int:pk>/", alerts.alert_detail, name="alert_detail"),
    # --- topics ---
    path("dan-y/chu-de/", topic_views.topic_list, name="topic_list"),
    path("dan-y/chu-de/<int:pk>/doi-ten/", topic_views.topic_rename, name="topic_rename"),
    path("dan-y/chu-de/sac-thai/", topic_views.tone_label, name="tone_label"),
    path("dan-y/danh-gia-thap/", topic_views.worst_rated, name="worst_rated"),
]

urlpatterns += [
    # --- warnings ---
    path("dan-y/diem-nong/", warnings.hotspots, name="hotspots"),
    path("dan-y/diem-nong/ho-so/", warnings.hotspot_cases, name="hotspot_cases"),
    path("dan-y/tinh-hinh/", warnings.digest, name="digest"),
    path("dan-y/tinh-hinh/in/", warnings.digest_print, name="digest_print"),
    path("dan-y/tinh-hinh/tai-ve.xlsx", warnings.digest_download, name="digest_download"),
    # --- route ---
    path("dan-y/dinh-tuyen/ho-so/<int:pk>/chon/", route_views.route_choose, name="route_choose"),
    path("dan-y/dinh-tuyen/phien-ban/", route_views.route_versions, name="route_versions"),
]

# --- duplicates ---
from danvan.insight.views import duplicates  # noqa: E402

urlpatterns += [
    path("y-kien-tuong-tu.json", duplicates.similar_json, name="similar_json"),
    path("dan-y/vu-viec/<int:pk>/lien-ket/", duplicates.matter_link, name="matter_link"),
    path("dan-y/vu-viec/<int:pk>/bo-lien-ket/", duplicates.matter_unlink, name="matter_unlink"),
    path("dan-y/vu-viec/<int:pk>/gop/", duplicates.matter_merge, name="matter_merge"),
]
