from django.urls import path

from danvan.insight.views import alerts

app_name = "insight"

urlpatterns = [
    path("dan-y/canh-bao/", alerts.alert_list, name="alert_list"),
    path("dan-y/canh-bao/<int:pk>/", alerts.alert_detail, name="alert_detail"),
]
