from django.db import migrations

# A starting list; operators rename, add and retire topics in the admin.
TOPICS = [
    ("dat-dai", "Đất đai", "Land", 10),
    ("moi-truong", "Môi trường", "Environment", 20),
    ("xay-dung-trat-tu-do-thi", "Xây dựng, trật tự đô thị", "Construction and urban order", 30),
    ("giao-thong-ha-tang", "Giao thông, hạ tầng", "Roads and infrastructure", 40),
    ("dien-nuoc", "Điện, nước sinh hoạt", "Electricity and water", 50),
    ("an-ninh-trat-tu", "An ninh, trật tự", "Security and public order", 60),
    ("thu-tuc-hanh-chinh", "Thủ tục hành chính", "Administrative procedures", 70),
    ("thai-do-phuc-vu", "Thái độ phục vụ của cán bộ", "Conduct of officials", 80),
    ("chinh-sach-xa-hoi", "Chính sách xã hội, người có công", "Social policy", 90),
    ("y-te", "Y tế", "Health", 100),
    ("giao-duc", "Giáo dục", "Education", 110),
    ("khac", "Khác", "Other", 999),
]


def seed(apps, schema_editor):
    topic = apps.get_model("cases", "TopicCategory")
    for code, name, name_en, order in TOPICS:
        topic.objects.get_or_create(code=code, defaults={"name": name, "name_en": name_en, "sort_order": order})


class Migration(migrations.Migration):
    dependencies = [("cases", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
