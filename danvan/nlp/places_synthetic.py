"""Labelled noisy addresses, written the way people write them. SYNTHETIC: made here, not collected.

``noisy_addresses(n, seed=...)`` yields ``LabelledAddress``: a text and the true current province
and commune (GSO codes of the two-tier map in force since 1/7/2025), taken from the
``vietnam-provinces`` package through ``org.units_source``. The same seed gives the same list.

What a text may hold (each a stated share, see ``NoiseRates``):

- an address after 1/7/2025 (commune + province) or before (old ward + old district + old
  province, the ward being one that went whole to one current commune: a ward split among several
  has no single right answer and is not used);
- a house number ("số 12", "12/3", "45A"), a street — sometimes one named like a ward of the same
  province ("đường Lê Lợi" where Phường Lê Lợi exists), sometimes without the word "đường" — and a
  tổ/khu phố/thôn/ấp;
- unit words in full ("Phường"), abbreviated ("P.", "Q.1", "H.", "X.", "TX.", "TT.", "TP.HCM",
  "F.7"), or missing; no commas; no diacritics; ALL CAPS or all lower case; typos (one letter
  dropped, doubled or swapped in one name);
- a bare province name ("Nghệ An", "nghe an") labelled with the province only.

Every province gets the same number of addresses (round robin), so small provinces count as much
as Hồ Chí Minh City. Nothing here says how often real people write each form: the rates are
guesses, stated so that a measurement can be read against them.
"""

from __future__ import annotations

import functools
import random
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

from danvan.core.text import strip_diacritics
from danvan.org import units_source as src

STREETS = (
    "Lê Lợi", "Trần Hưng Đạo", "Nguyễn Huệ", "Hai Bà Trưng", "Lý Thường Kiệt", "Quang Trung", "Lê Duẩn",
    "Nguyễn Trãi", "Phan Bội Châu", "Phan Chu Trinh", "Hùng Vương", "Trần Phú", "Nguyễn Du", "Lê Lai",
    "Bà Triệu", "Điện Biên Phủ", "Nguyễn Văn Cừ", "Lê Hồng Phong", "Ngô Quyền", "Lý Thái Tổ", "Trường Chinh",
    "Nguyễn Thị Minh Khai", "Võ Thị Sáu", "Hoàng Diệu", "Trần Quang Khải", "Nguyễn Chí Thanh", "Tôn Đức Thắng",
    "Lạc Long Quân", "Âu Cơ", "Nguyễn Văn Linh", "Phạm Văn Đồng", "Võ Nguyên Giáp", "Huỳnh Thúc Kháng",
    "Chu Văn An", "Cách Mạng Tháng Tám", "30 Tháng 4", "Lê Thánh Tông", "Hàm Nghi", "Đinh Tiên Hoàng",
    "Nguyễn Đình Chiểu", "Tô Hiến Thành", "Phạm Ngũ Lão", "Bạch Đằng", "Hoàng Hoa Thám", "Kim Đồng",
    "Tỉnh lộ 8", "Quốc lộ 1A", "Quốc lộ 14",
)  # fmt: skip
VILLAGE_WORDS = ("Đông", "Tây", "Nam", "Bắc", "Thượng", "Hạ", "Trung", "An Lạc", "Tân Lập", "Thắng Lợi", "Đồng Tâm")

# How people write the big cities and a few provinces (besides their names).
_PROVINCE_NICKNAMES = {
    79: ("TP.HCM", "TPHCM", "Tp HCM", "HCM", "Sài Gòn", "TP. Hồ Chí Minh"),
    1: ("HN", "TP Hà Nội", "Hà Nội"),
    31: ("HP", "TP Hải Phòng"),
}
_OLD_PROVINCE_NICKNAMES = {77: ("BRVT", "Bà Rịa - Vũng Tàu"), 46: ("TT Huế", "Thừa Thiên Huế", "Huế")}


@dataclass(frozen=True)
class NoiseRates:
    old_address: float = 0.5  # written with the names before 1/7/2025
    bare_province: float = 0.04  # the text is only a province's name
    no_province: float = 0.05  # the province is left out (the answer may then be ambiguous)
    no_district: float = 0.25  # an old address without its old district
    street: float = 0.7  # a house number and street (or a village) before the commune
    street_like_ward: float = 0.25  # of the streets: named like a ward of the same province
    no_unit_word: float = 0.3  # a unit written without "Phường"/"Xã"/"Quận"… (each unit on its own)
    abbreviated: float = 0.35  # "P.", "Q.", "H.", "X.", "TX.", "TT.", "TP." (each unit on its own)
    no_commas: float = 0.3
    no_diacritics: float = 0.3
    upper: float = 0.08
    lower: float = 0.15
    typo: float = 0.05  # one letter wrong in one name of the address


@dataclass(frozen=True)
class LabelledAddress:
    text: str
    province_code: int  # current province (GSO)
    commune_code: int | None  # current commune (GSO); None for a bare province
    form: str  # "new" | "old" | "province": how it was written, for the miss list


@dataclass(frozen=True)
class _Unit:
    code: int
    name: str
    short_name: str
    division_type: str


@dataclass(frozen=True)
class _OldWard:
    ward: _Unit
    district: _Unit
    province: _Unit


@dataclass
class _Map:
    provinces: list[_Unit]
    communes: dict[int, list[_Unit]]  # current province → its communes
    old_wards: dict[int, list[_OldWard]]  # current commune → old wards that went whole into it
    old_provinces_of: dict[int, list[_Unit]]  # current province → old provinces merged into it
    names_in_province: dict[int, list[str]]  # current province → ward names (old and new) for streets


@functools.cache
def _map() -> _Map:
    units = list(src.iter_units())
    by_key = {u.key: u for u in units}

    def unit(record: src.UnitRecord) -> _Unit:
        return _Unit(record.code, record.name, record.short_name, record.division_type)

    provinces = [unit(u) for u in units if u.era == src.CURRENT and u.level == src.PROVINCE]
    communes: dict[int, list[_Unit]] = defaultdict(list)
    for u in units:
        if u.era == src.CURRENT and u.level == src.COMMUNE and u.province_code is not None:
            communes[u.province_code].append(unit(u))
    successors: dict[tuple[str, str, int], list[tuple[tuple[str, str, int], bool]]] = defaultdict(list)
    for s in src.iter_successions():
        successors[s.predecessor].append((s.successor, s.is_partial))
    old_wards: dict[int, list[_OldWard]] = defaultdict(list)
    old_provinces_of: dict[int, list[_Unit]] = defaultdict(list)
    names: dict[int, set[str]] = defaultdict(set)
    for u in units:
        if u.era == src.LEGACY and u.level == src.PROVINCE:
            went = successors.get(u.key, ())
            if len(went) == 1:  # a province split among several has no single right answer
                old_provinces_of[went[0][0][2]].append(unit(u))
        if u.level != src.COMMUNE:
            continue
        targets = successors.get(u.key, [])
        if u.era == src.CURRENT and u.province_code is not None:
            names[u.province_code].add(u.short_name)
        if u.era != src.LEGACY or len(targets) != 1 or targets[0][1]:
            continue
        (_, _, new_code), _ = targets[0]
        district = by_key[(src.LEGACY, src.DISTRICT, u.parent_code or 0)]
        province = by_key[(src.LEGACY, src.PROVINCE, u.province_code or 0)]
        old_wards[new_code].append(_OldWard(unit(u), unit(district), unit(province)))
        new_province = by_key[(src.CURRENT, src.COMMUNE, new_code)].province_code
        if new_province is not None:
            names[new_province].add(u.short_name)
    streets_like = {
        # Streets take the names of people and places, not of numbered communes ("A Lưới 1").
        code: sorted(n for n in found if not any(c.isdigit() for c in n) and len(n.split()) >= 2)
        for code, found in names.items()
    }
    return _Map(provinces, dict(communes), dict(old_wards), dict(old_provinces_of), streets_like)


_ABBREVIATIONS = {
    "phường": ("P.", "P ", "P. "),
    "xã": ("X.", "X "),
    "thị trấn": ("TT.", "TT "),
    "đặc khu": ("ĐK ", "Đặc khu "),
    "quận": ("Q.", "Q ", "Q. "),
    "huyện": ("H.", "H "),
    "thị xã": ("TX.", "TX "),
    "thành phố": ("TP.", "TP ", "Tp "),
    "tỉnh": ("T.", "Tỉnh "),
    "thành phố trung ương": ("TP.", "TP "),
}


class AddressWriter:
    def __init__(self, seed: int = 0, rates: NoiseRates | None = None) -> None:
        self.rng = random.Random(seed)  # noqa: S311 (synthetic data, not secrets)
        self.rates = rates or NoiseRates()
        self.map = _map()

    def _chance(self, rate: float) -> bool:
        return self.rng.random() < rate

    def _unit(self, u: _Unit, *, drop_word_ok: bool = True) -> str:
        """A unit as written: "Phường Phú Xuân", "P. Phú Xuân", "P.7", "Phú Xuân"."""
        numbered = u.short_name.isdigit()
        if drop_word_ok and not numbered and self._chance(self.rates.no_unit_word):
            return u.short_name
        if self._chance(self.rates.abbreviated) or (numbered and self._chance(0.3)):
            abbreviations = _ABBREVIATIONS.get(u.division_type)
            if abbreviations:
                short = self.rng.choice(abbreviations)
                if numbered and self._chance(0.5):
                    short = short.strip()  # "P7", "Q.1"
                    if u.division_type == "phường" and self._chance(0.2):
                        short = "F"
                return f"{short}{u.short_name}"
        return u.name

    def _province(self, u: _Unit, nicknames: dict[int, tuple[str, ...]]) -> str:
        if u.code in nicknames and self._chance(0.5):
            return self.rng.choice(nicknames[u.code])
        return self._unit(u, drop_word_ok=True) if self._chance(0.5) else u.short_name

    def _street(self, province_code: int) -> str:
        rng = self.rng
        if self._chance(0.25):
            words = ("tổ", "khu phố", "tổ dân phố", "thôn", "ấp", "xóm")
            tail = str(rng.randint(1, 15)) if self._chance(0.6) else rng.choice(VILLAGE_WORDS)
            return f"{rng.choice(words)} {tail}"
        like = self.map.names_in_province.get(province_code, [])
        name = rng.choice(like) if like and self._chance(self.rates.street_like_ward) else rng.choice(STREETS)
        number = rng.choice(
            (str(rng.randint(1, 300)), f"{rng.randint(1, 99)}/{rng.randint(1, 30)}", f"{rng.randint(1, 99)}A")
        )
        lead = rng.choice(("số ", "", "", "Số nhà "))
        street_word = rng.choice(("đường ", "đường ", "Đ. ", ""))
        return f"{lead}{number} {street_word}{name}"

    def _typo(self, text: str) -> str:
        words = [i for i, w in enumerate(text.split(" ")) if len(w) >= 4 and w.isalpha()]
        if not words:
            return text
        parts = text.split(" ")
        i = self.rng.choice(words)
        w = parts[i]
        j = self.rng.randrange(1, len(w) - 1)
        kind = self.rng.randrange(3)
        if kind == 0:
            w = w[:j] + w[j + 1 :]  # dropped
        elif kind == 1:
            w = w[:j] + w[j] + w[j:]  # doubled
        else:
            w = w[: j - 1] + w[j] + w[j - 1] + w[j + 1 :]  # swapped
        parts[i] = w
        return " ".join(parts)

    def one(self, index: int) -> LabelledAddress:
        rng, rates = self.rng, self.rates
        province = self.map.provinces[index % len(self.map.provinces)]
        if self._chance(rates.bare_province):
            if self._chance(0.5) and self.map.old_provinces_of.get(province.code):
                old = rng.choice(self.map.old_provinces_of[province.code])
                text = self._province(old, _OLD_PROVINCE_NICKNAMES)
            else:
                text = self._province(province, _PROVINCE_NICKNAMES)
            return LabelledAddress(self._finish(text, [text]), province.code, None, "province")
        commune = rng.choice(self.map.communes[province.code])
        olds = self.map.old_wards.get(commune.code)
        parts: list[str] = []
        if self._chance(rates.street):
            parts.append(self._street(province.code))
        if olds and self._chance(rates.old_address):
            before = rng.choice(olds)
            form = "old"
            parts.append(self._unit(before.ward))
            if not self._chance(rates.no_district):
                parts.append(self._unit(before.district))
            if not self._chance(rates.no_province):
                parts.append(self._province(before.province, _OLD_PROVINCE_NICKNAMES))
        else:
            form = "new"
            parts.append(self._unit(commune))
            if not self._chance(rates.no_province):
                parts.append(self._province(province, _PROVINCE_NICKNAMES))
        return LabelledAddress(self._finish(", ".join(parts), parts), province.code, commune.code, form)

    def _finish(self, text: str, parts: list[str]) -> str:
        rng, rates = self.rng, self.rates
        if len(parts) > 1 and self._chance(rates.no_commas):
            text = " ".join(parts)
        elif len(parts) > 1 and self._chance(0.1):
            text = rng.choice((" - ", "; ", ",")).join(parts)
        if self._chance(rates.typo):
            text = self._typo(text)
        if self._chance(rates.no_diacritics):
            text = strip_diacritics(text).replace("đ", "d").replace("Đ", "D")
        roll = rng.random()
        if roll < rates.upper:
            text = text.upper()
        elif roll < rates.upper + rates.lower:
            text = text.lower()
        return text


def noisy_addresses(n: int, *, seed: int = 0, rates: NoiseRates | None = None) -> Iterator[LabelledAddress]:
    """``n`` labelled addresses, the provinces in turn; the same seed gives the same addresses."""
    writer = AddressWriter(seed, rates)
    for i in range(n):
        yield writer.one(i)
