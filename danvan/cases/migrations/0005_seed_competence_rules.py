"""The starting competence table (legal-spec §1.4, §2.6). Rows for the two-tier map are [U] until the
text of Luật 136/2025 has been read; operators correct them in the admin."""

from django.db import migrations

# (track, round, acted_by_kind, level, resolver, resolver_kind, legal basis, confidence)
ROWS = [
    ("khieu_nai", 1, "ubnd", "commune", "same", None, "Luật Khiếu nại 2011, Điều 18(1)", "V"),
    ("khieu_nai", 2, "ubnd", "commune", "province_kind", "ubnd",
     "Luật Khiếu nại 2011, Điều 18(2) (Chủ tịch UBND cấp huyện) → cấp tỉnh theo NĐ 155/2026, Điều 14 [S]", "U"),
    ("khieu_nai", 1, "phong_chuyen_mon", "commune", "same", None,
     "Luật Khiếu nại 2011, Điều 18 (tương tự cơ quan chuyên môn cấp huyện)", "U"),
    ("khieu_nai", 2, "phong_chuyen_mon", "commune", "parent", None,
     "Luật Khiếu nại 2011, Điều 18(2) áp dụng cho cấp xã hai cấp", "U"),
    ("khieu_nai", 1, "so", "province", "same", None, "Luật Khiếu nại 2011, Điều 20(1)", "V"),
    ("khieu_nai", 2, "so", "province", "province_kind", "ubnd", "Luật Khiếu nại 2011, Điều 21(2)", "V"),
    ("khieu_nai", 1, "ubnd", "province", "same", None, "Luật Khiếu nại 2011, Điều 21(1)", "V"),
    ("to_cao", 1, "ubnd", "commune", "same", None, "Luật Tố cáo 2018, Điều 12, 13(1)", "V"),
    ("to_cao", 1, "phong_chuyen_mon", "commune", "parent", None, "Luật Tố cáo 2018, Điều 12(1)-(2)", "U"),
    ("to_cao", 1, "so", "province", "same", None, "Luật Tố cáo 2018, Điều 13(3)", "V"),
]  # fmt: skip


def seed(apps, schema_editor):
    kind = apps.get_model("org", "OrganizationKind")
    rule = apps.get_model("cases", "CompetenceRule")
    kinds = {k.code: k for k in kind.objects.all()}
    for track, round_, acted, level, resolver, resolver_kind, basis, confidence in ROWS:
        if acted not in kinds or (resolver_kind and resolver_kind not in kinds):
            continue
        rule.objects.get_or_create(
            track=track, round=round_, acted_by_kind=kinds[acted], acted_by_level=level,
            defaults={"resolver": resolver, "resolver_kind": kinds.get(resolver_kind) if resolver_kind else None,
                      "legal_basis": basis, "confidence": confidence},
        )  # fmt: skip


class Migration(migrations.Migration):
    dependencies = [("cases", "0004_competence_rule"), ("org", "0002_seed_organization_kinds")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
