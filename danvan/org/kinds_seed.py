"""The kinds of body a new installation starts with (the 2025 structure).

Only a starting point: operators rename, add and retire kinds in the admin, and a later load never
overwrites their edits (``seed_kinds`` only adds what is missing). Sources: legal-spec §6.2 (Ban
Tuyên giáo và Dân vận, 2025), §9.1 (two-tier local government), Luật Thanh tra 84/2025 (provincial
inspectorate, no departmental ones), Luật MTTQ as amended 2025 (mass organizations under the Front).
"""

from __future__ import annotations

# (code, Vietnamese name, English name, sector, level, sort order)
KINDS: list[tuple[str, str, str, str, str, int]] = [
    ("tinh_uy", "Tỉnh ủy / Thành ủy", "Provincial Party Committee", "party", "province", 10),
    (
        "ban_tuyen_giao_dan_van",
        "Ban Tuyên giáo và Dân vận",
        "Propaganda and Mass Mobilization Board",
        "party",
        "any",
        11,
    ),
    ("ban_to_chuc", "Ban Tổ chức", "Organization Board", "party", "province", 12),
    ("uy_ban_kiem_tra_dang", "Ủy ban Kiểm tra", "Party Inspection Commission", "party", "any", 13),
    ("van_phong_cap_uy", "Văn phòng cấp ủy", "Party Committee Office", "party", "province", 14),
    ("dang_uy_xa", "Đảng ủy xã / phường / đặc khu", "Commune Party Committee", "party", "commune", 15),
    ("ban_xay_dung_dang", "Ban Xây dựng Đảng", "Party Building Board", "party", "commune", 16),
    ("chi_bo", "Chi bộ", "Party cell", "party", "commune", 17),
    ("hdnd", "Hội đồng nhân dân", "People's Council", "elected", "any", 20),
    ("ban_hdnd", "Ban của Hội đồng nhân dân", "People's Council committee", "elected", "any", 21),
    ("ubnd", "Ủy ban nhân dân", "People's Committee", "state", "any", 30),
    ("van_phong_ubnd", "Văn phòng UBND", "People's Committee Office", "state", "province", 31),
    (
        "van_phong_hdnd_ubnd",
        "Văn phòng HĐND và UBND",
        "Office of the People's Council and Committee",
        "state",
        "commune",
        32,
    ),
    ("so", "Sở", "Provincial department", "state", "province", 33),
    ("phong_chuyen_mon", "Phòng chuyên môn", "Commune specialised office", "state", "commune", 34),
    ("ban_tiep_cong_dan", "Ban Tiếp công dân", "Citizen Reception Board", "state", "province", 35),
    ("thanh_tra", "Thanh tra", "Inspectorate", "inspection", "province", 40),
    (
        "trung_tam_phuc_vu_hcc",
        "Trung tâm Phục vụ hành chính công (bộ phận một cửa)",
        "Public Administration Service Centre (one-stop shop)",
        "service",
        "any",
        45,
    ),
    (
        "uy_ban_mttq",
        "Ủy ban Mặt trận Tổ quốc Việt Nam",
        "Vietnam Fatherland Front Committee",
        "front",
        "any",
        50,
    ),
    ("ban_cong_tac_mat_tran", "Ban công tác Mặt trận", "Front work group", "front", "commune", 51),
    ("ban_thanh_tra_nhan_dan", "Ban Thanh tra nhân dân", "People's Inspection Board", "front", "commune", 52),
    ("cong_doan", "Công đoàn", "Trade Union", "mass_org", "any", 60),
    ("hoi_lhpn", "Hội Liên hiệp Phụ nữ", "Women's Union", "mass_org", "any", 61),
    (
        "doan_tncs_hcm",
        "Đoàn Thanh niên Cộng sản Hồ Chí Minh",
        "Ho Chi Minh Communist Youth Union",
        "mass_org",
        "any",
        62,
    ),
    ("hoi_nong_dan", "Hội Nông dân", "Farmers' Union", "mass_org", "any", 63),
    ("hoi_ccb", "Hội Cựu chiến binh", "Veterans' Association", "mass_org", "any", 64),
    ("thon", "Thôn / bản / ấp", "Village", "community", "commune", 70),
    ("to_dan_pho", "Tổ dân phố", "Residential group", "community", "commune", 71),
]
