"""The conclusions part's pages (included by urls/parts.py into the "reception" namespace).

Other parts link to ``reception:conclusion_new`` with ``?session=<id>`` or ``?visit=<id>``."""

from django.urls import path

from danvan.reception.views import conclusions as views

urlpatterns: list = [
    path("van-hanh/tiep-cong-dan/ket-luan/moi/", views.conclusion_new, name="conclusion_new"),
    path("van-hanh/tiep-cong-dan/ket-luan/<int:pk>/", views.conclusion_detail, name="conclusion_detail"),
    path("van-hanh/tiep-cong-dan/ket-luan/<int:pk>/in/", views.conclusion_print, name="conclusion_print"),
    path("van-hanh/tiep-cong-dan/nhiem-vu/", views.conclusion_tasks, name="conclusion_tasks"),
    path("van-hanh/tiep-cong-dan/nhiem-vu/<int:pk>/", views.conclusion_task_step, name="conclusion_task_step"),
    path("theo-doi-ket-luan/", views.conclusion_follow, name="conclusion_follow"),
]
