from django.urls import path

app_name = "insight"

urlpatterns: list[path] = []  # type: ignore[valid-type]
