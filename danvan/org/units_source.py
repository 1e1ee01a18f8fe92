"""Reads the administrative map out of the ``vietnam-provinces`` package.

Pure: yields plain records; ``services.units_load`` writes them. Nothing here is typed by hand:
names, codes, division types and the old→new ward conversion table all come from the package
(GSO codes; data version in ``vietnam_provinces.__data_version__``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

import vietnam_provinces as vp
from vietnam_provinces import legacy
from vietnam_provinces._province_conversion_2025 import OLD_TO_NEW as PROVINCE_OLD_TO_NEW
from vietnam_provinces._ward_conversion_2025 import OLD_TO_NEW as WARD_OLD_TO_NEW
from vietnam_provinces.legacy.base import District as LegacyDistrict
from vietnam_provinces.legacy.base import Ward as LegacyWard

from danvan.core.text import fold

TWO_TIER_EFFECTIVE_ON = dt.date(2025, 7, 1)
LEGACY_VALID_TO = dt.date(2025, 6, 30)

# Prefixes the package puts before names; stripped to get the name people say ("Thảo Điền").
_PREFIXES = (
    "thành phố",
    "tỉnh",
    "quận",
    "huyện",
    "thị xã",
    "thị trấn",
    "phường",
    "xã",
    "đặc khu",
)

CURRENT = "2025"
LEGACY = "legacy"
PROVINCE = "province"
DISTRICT = "district"
COMMUNE = "commune"


@dataclass(frozen=True)
class UnitRecord:
    era: str
    level: str
    code: int
    name: str
    short_name: str
    division_type: str
    codename: str
    parent_code: int | None  # code of the parent, at the level above, in the same era
    province_code: int | None
    valid_from: dt.date | None
    valid_to: dt.date | None

    @property
    def key(self) -> tuple[str, str, int]:
        return (self.era, self.level, self.code)

    @property
    def search_name(self) -> str:
        return fold(self.short_name)


@dataclass(frozen=True)
class SuccessionRecord:
    predecessor: tuple[str, str, int]
    successor: tuple[str, str, int]
    is_partial: bool


def short_name(name: str) -> str:
    lowered = name.lower()
    for prefix in _PREFIXES:
        if lowered.startswith(prefix + " "):
            rest = name[len(prefix) + 1 :].strip()
            # "Thành phố Hồ Chí Minh" → "Hồ Chí Minh"; "Thị xã Sơn Tây" → "Sơn Tây"
            return rest
    return name


def data_version() -> str:
    return f"vietnam-provinces {vp.__version__} (data {vp.__data_version__})"


def iter_units() -> Iterator[UnitRecord]:
    """Provinces before districts before communes, so parents always come first."""
    for p in vp.Province.iter_all():
        yield UnitRecord(
            CURRENT, PROVINCE, int(p.code), p.name, short_name(p.name), str(p.division_type), p.codename,
            None, None, TWO_TIER_EFFECTIVE_ON, None,
        )  # fmt: skip
    for lp in legacy.Province.iter_all():
        yield UnitRecord(
            LEGACY, PROVINCE, int(lp.code), lp.name, short_name(lp.name), str(lp.division_type), lp.codename,
            None, None, None, LEGACY_VALID_TO,
        )  # fmt: skip
    for d in LegacyDistrict.iter_all():
        yield UnitRecord(
            LEGACY, DISTRICT, int(d.code), d.name, short_name(d.name), str(d.division_type), d.codename,
            int(d.province_code), int(d.province_code), None, LEGACY_VALID_TO,
        )  # fmt: skip
    for w in vp.Ward.iter_all():
        yield UnitRecord(
            CURRENT, COMMUNE, int(w.code), w.name, short_name(w.name), str(w.division_type), w.codename,
            int(w.province_code), int(w.province_code), TWO_TIER_EFFECTIVE_ON, None,
        )  # fmt: skip
    district_province = {int(d.code): int(d.province_code) for d in LegacyDistrict.iter_all()}
    for lw in LegacyWard.iter_all():
        yield UnitRecord(
            LEGACY, COMMUNE, int(lw.code), lw.name, short_name(lw.name), str(lw.division_type), lw.codename,
            int(lw.district_code), district_province[int(lw.district_code)], None, LEGACY_VALID_TO,
        )  # fmt: skip


def iter_successions() -> Iterator[SuccessionRecord]:
    """Old province → current province(s); old ward → current unit(s), flagged when split."""
    for old_code, entry in PROVINCE_OLD_TO_NEW.items():
        for new in entry.new_provinces:
            yield SuccessionRecord((LEGACY, PROVINCE, old_code), (CURRENT, PROVINCE, new.code), False)
    for old_code, ward_entry in WARD_OLD_TO_NEW.items():
        partial = ward_entry.old_ward.is_partly_merged or len(ward_entry.new_wards) > 1
        for new_ward in ward_entry.new_wards:
            yield SuccessionRecord((LEGACY, COMMUNE, old_code), (CURRENT, COMMUNE, new_ward.code), partial)
