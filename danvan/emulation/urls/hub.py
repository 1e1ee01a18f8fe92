"""The hub's page (namespace "emulation")."""

from django.urls import path

from danvan.emulation.views import hub

urlpatterns = [path("van-hanh/thi-dua/", hub.hub, name="hub")]
