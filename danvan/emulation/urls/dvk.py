"""The dvk part's pages (namespace "emulation")."""

from django.urls import path

from danvan.emulation.views import dvk as views

urlpatterns = [
    path("van-hanh/thi-dua/mo-hinh/", views.model_list, name="dvk_list"),
    path("van-hanh/thi-dua/mo-hinh/dang-ky/", views.model_register, name="dvk_register"),
    path("van-hanh/thi-dua/mo-hinh/<int:pk>/", views.model_detail, name="dvk_detail"),
    path("van-hanh/thi-dua/mo-hinh/<int:pk>/sua/", views.model_edit, name="dvk_edit"),
    path("van-hanh/thi-dua/mo-hinh/<int:pk>/buoc/<slug:step>/", views.model_step, name="dvk_step"),
    path("van-hanh/thi-dua/mo-hinh/<int:pk>/bao-cao/", views.model_report, name="dvk_report"),
    path("van-hanh/thi-dua/mo-hinh/<int:pk>/anh/<int:photo_pk>/", views.model_photo, name="dvk_photo"),
    path("van-hanh/thi-dua/mo-hinh/<int:pk>/cham-diem/", views.model_score, name="dvk_score"),
    path("van-hanh/thi-dua/dien-hinh/", views.exemplar_list, name="dvk_exemplars"),
    path("van-hanh/thi-dua/dien-hinh/<int:pk>/quyet-dinh/", views.exemplar_decide, name="dvk_exemplar_decide"),
    path("van-hanh/thi-dua/dien-hinh/<int:pk>/sua/", views.exemplar_edit, name="dvk_exemplar_edit"),
    path("van-hanh/thi-dua/dien-hinh/<int:pk>/thu-hoi/", views.exemplar_withdraw, name="dvk_exemplar_withdraw"),
    path("van-hanh/thi-dua/bang-diem/", views.scorecard_list, name="dvk_scorecards"),
    path("van-hanh/thi-dua/bang-diem/<int:pk>/", views.scorecard_edit, name="dvk_scorecard"),
    path(
        "van-hanh/thi-dua/bang-diem/<int:pk>/phien-ban-moi/",
        views.scorecard_new_version,
        name="dvk_scorecard_new_version",
    ),
    path("van-hanh/thi-dua/bang-diem/<int:pk>/ap-dung/", views.scorecard_put_in_force, name="dvk_scorecard_in_force"),
    path("dan-van-kheo/", views.gallery, name="dvk_gallery"),
    path("dan-van-kheo/dia-ban/", views.places, name="dvk_places"),
    path("dan-van-kheo/<int:pk>/", views.story, name="dvk_story"),
    # the gallery's map and public photos
    path("dan-van-kheo/ban-do.json", views.map_markers, name="dvk_markers"),
    path("dan-van-kheo/<int:pk>/anh/<int:photo_pk>/", views.public_photo, name="dvk_public_photo"),
    path(
        "van-hanh/thi-dua/mo-hinh/<int:pk>/anh/<int:photo_pk>/cong-khai/",
        views.photo_publicity,
        name="dvk_photo_publicity",
    ),
]
