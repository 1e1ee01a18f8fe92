from django.urls import path

from danvan.insight.views import alerts
from danvan.insight.views import route as route_views

app_name = "insight"

urlpatterns = [
    path("dan-y/canh-bao/", alerts.alert_list, name="alert_list"),
    path("dan-y/canh-bao/<int:pk>/", alerts.alert_detail, name="alert_detail"),
    # --- route ---
    path("dan-y/dinh-tuyen/ho-so/<int:pk>/chon/", route_views.route_choose, name="route_choose"),
    path("dan-y/dinh-tuyen/phien-ban/", route_views.route_versions, name="route_versions"),
]
