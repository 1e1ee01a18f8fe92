"""Vietnamese titles, letters, places and answers for generated cases. No ORM.

Letters are put together from the templates in ``vocab``: an opening, the core sentence of an issue,
a detail and a request, with streets, numbers, landmarks and durations filled in. Cases about the
same incident (a broken street light on one street of one ward) share their core sentence and its
filled-in values and differ in the rest, so near-duplicates and mass complaints appear the way they
do in real inboxes. Places are written the ways people write them: with or without diacritics,
abbreviated, or with the names of the units merged away on 1/7/2025.
"""

from __future__ import annotations

import datetime as dt
import random
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from danvan.cases import rules
from danvan.core.text import fold, normalize_spaces, strip_diacritics
from danvan.synthetic import vocab

REDACTED = rules.REDACTED


@dataclass(frozen=True)
class Commune:
    """What the texts need of a current commune: its names, its province and its old names."""

    id: int
    code: int
    name: str  # "Phường Phú Xuân"
    short_name: str  # "Phú Xuân"
    division_type: str  # "phường" | "xã" | "đặc khu"
    province_id: int
    province_name: str  # "Thành phố Huế"
    province_short: str  # "Huế"
    province_is_city: bool
    remote: bool
    # (old commune name, old district name, old province short name) it took over on 1/7/2025
    old_names: tuple[tuple[str, str, str], ...] = ()

    @property
    def authority(self) -> str:
        return f"UBND {self.division_type} {self.short_name}"

    @property
    def is_ward(self) -> bool:
        return self.division_type == "phường"


@dataclass
class Person:
    name: str
    male: bool
    phone: str
    email: str
    address: str
    id_number: str


@dataclass
class Letter:
    title: str
    content: str
    place_text: str
    people_count: int = 1
    context: dict[str, Any] = field(default_factory=dict)


def _cap(sentence: str) -> str:
    return sentence[:1].upper() + sentence[1:] if sentence else sentence


class _FoldTable(dict[int, str]):
    """What each character becomes under ``fold``, computed by ``fold``'s own steps when first met."""

    def __missing__(self, code: int) -> str:
        folded = strip_diacritics(chr(code)).lower()
        value = self[code] = "".join(c if c.isalnum() else " " for c in folded)
        return value


class WordFolder:
    """``core.text.fold`` done with one ``str.translate``: the same key, several times faster.

    ``fold`` treats every character on its own (NFD, drop the marks, "đ" → "d", lower case, anything
    but a letter or digit → space) and then collapses spaces, so for text already in NFC a table of
    what each character becomes, followed by a split and join, gives the same key. Text not in NFC
    goes through ``fold`` itself. The tests and ``dataset_check`` compare the result with ``fold``.
    """

    def __init__(self) -> None:
        self._table = _FoldTable()

    def __call__(self, *texts: str) -> str:
        text = " ".join(t for t in texts if t)
        if not unicodedata.is_normalized("NFC", text):
            return fold(text)
        return " ".join(text.translate(self._table).split())


def clean(text: str) -> str:
    """``core.text.normalize_spaces``, skipping the regular expression when there is nothing to do."""
    if "  " in text or "\n" in text or "\t" in text or not unicodedata.is_normalized("NFC", text):
        return normalize_spaces(text)
    return text.strip()


class TextMaker:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self._incidents: dict[tuple[int, str], list[list[Any]]] = {}

    # People ---------------------------------------------------------------------------------------

    def person(self, commune: Commune, serial: int) -> Person:
        rng = self.rng
        male = rng.random() < 0.55
        family = rng.choices([f for f, _ in vocab.FAMILY_NAMES], [w for _, w in vocab.FAMILY_NAMES])[0]
        middle = rng.choice(vocab.MALE_MIDDLE if male else vocab.FEMALE_MIDDLE)
        given = rng.choice(vocab.MALE_GIVEN if male else vocab.FEMALE_GIVEN)
        name = f"{family} {middle} {given}"
        phone = "0" + rng.choice(["9", "8", "3", "7", "5"]) + f"{rng.randrange(10**8):08d}"
        email = ""
        if rng.random() < 0.45:
            email = f"{strip_diacritics(given).lower()}{strip_diacritics(family).lower()}{serial}@{rng.choice(vocab.EMAIL_DOMAINS)}"
        return Person(name=name, male=male, phone=phone, email=email, address=self.address(commune),
                      id_number=f"0{rng.randrange(10**11):011d}")  # fmt: skip

    def full_name(self) -> str:
        return self.name_and_gender()[0]

    def name_and_gender(self) -> tuple[str, bool]:
        rng = self.rng
        male = rng.random() < 0.5
        family = rng.choices([f for f, _ in vocab.FAMILY_NAMES], [w for _, w in vocab.FAMILY_NAMES])[0]
        middle = rng.choice(vocab.MALE_MIDDLE if male else vocab.FEMALE_MIDDLE)
        return f"{family} {middle} {rng.choice(vocab.MALE_GIVEN if male else vocab.FEMALE_GIVEN)}", male

    def group(self, commune: Commune) -> str:
        rng = self.rng
        pattern = rng.choice(vocab.GROUPS_WARD if commune.is_ward else vocab.GROUPS_COMMUNE)
        return pattern.format(n=rng.randint(1, 18), w=rng.choice(vocab.VILLAGE_WORDS))

    def address(self, commune: Commune) -> str:
        rng = self.rng
        if commune.is_ward or rng.random() < 0.3:
            head = f"số {rng.randint(1, 350)} đường {rng.choice(vocab.STREETS)}"
        else:
            head = self.group(commune)
        return f"{head}, {commune.name}, {commune.province_name}"

    # Places ---------------------------------------------------------------------------------------

    def place_text(self, commune: Commune, context: dict[str, Any]) -> str:
        """The place as a citizen writes it: full, abbreviated, without diacritics, or by old names."""
        rng = self.rng
        roll = rng.random()
        province = commune.province_short
        if roll < 0.08:
            return ""
        if roll < 0.30:
            text = f"{context['street_address']}, {commune.name}, {commune.province_name}"
        elif roll < 0.45:
            abbr = {"phường": "P.", "xã": "X.", "đặc khu": "ĐK"}.get(commune.division_type, "")
            text = f"{abbr} {commune.short_name}, {'TP' if commune.province_is_city else 'tỉnh'} {province}"
        elif roll < 0.62:
            text = f"{commune.division_type} {commune.short_name} {province}"
            text = strip_diacritics(text).lower() if rng.random() < 0.8 else text
        elif roll < 0.85 and commune.old_names:
            old, district, old_province = rng.choice(commune.old_names)
            text = f"{old}, {district}, {old_province}"
            if rng.random() < 0.4:
                text = strip_diacritics(text).lower()
            elif rng.random() < 0.3:
                text = f"{context['street_address']}, {text} (cũ)"
        else:
            text = f"{context['group']}, {commune.name}, {province}"
            if rng.random() < 0.3:
                text = strip_diacritics(text).lower()
        return text

    # Letters --------------------------------------------------------------------------------------

    def _context(self, commune: Commune, received_year: int) -> dict[str, Any]:
        rng = self.rng
        street = rng.choice(vocab.STREETS)
        group = self.group(commune)
        context: dict[str, Any] = {
            "street": street,
            "num": rng.randint(1, 350),
            "alley": rng.choice(vocab.ALLEY_WORDS),
            "place": commune.name,
            "group": group,
            "dur": rng.choice(vocab.DURATIONS),
            "when": rng.choice(vocab.TIMES_OF_DAY),
            "n": rng.randint(2, 12),
            "area": rng.choice([45, 60, 80, 96, 120, 150, 200, 250, 320, 500, 1200]),
            "year": rng.randint(received_year - 12, received_year - 1),
            "authority": commune.authority,
        }
        context["landmark"] = rng.choice(vocab.LANDMARKS).format(place=commune.short_name, street=street, group=group)
        context["street_address"] = f"số {context['num']} đường {street}"
        return context

    def _incident(self, commune: Commune, topic: str, received_year: int) -> tuple[int, int, dict[str, Any]]:
        """An issue of this commune: a new one, or (often) one others have already written about."""
        rng = self.rng
        pool = self._incidents.setdefault((commune.id, topic), [])
        issues = vocab.PAKN_ISSUES[topic]
        if pool and rng.random() < 0.35:
            # Rich get richer: an incident many have reported is the likeliest to be reported again.
            incident = rng.choices(pool, [entry[3] for entry in pool])[0]
            incident[3] += 1
            context = dict(incident[2], dur=rng.choice(vocab.DURATIONS), when=rng.choice(vocab.TIMES_OF_DAY))
            return incident[0], incident[1], context
        issue = rng.randrange(len(issues))
        core = rng.randrange(len(issues[issue][1]))
        context = self._context(commune, received_year)
        if len(pool) < 40:
            pool.append([issue, core, context, 1])
        return issue, core, context

    def pakn(self, commune: Commune, topic: str, received_year: int, person: Person | None) -> Letter:
        rng = self.rng
        issue, core, context = self._incident(commune, topic, received_year)
        titles, cores = vocab.PAKN_ISSUES[topic][issue]
        people = 1
        context = dict(context, name=person.name if person else "", address=person.address if person else "")
        if person is not None and rng.random() < 0.05:
            people = rng.choice([5, 6, 8, 10, 12, 15, 20, 30, 45])
            opening = rng.choice(vocab.PAKN_COLLECTIVE_OPENINGS)
            context["k"] = people
        else:
            opening = rng.choice(
                vocab.PAKN_OPENINGS if person else [o for o in vocab.PAKN_OPENINGS if "{name}" not in o]
            )
        sentences = [opening, cores[core], rng.choice(vocab.PAKN_DETAILS), rng.choice(vocab.PAKN_REQUESTS)]
        content = " ".join(_cap(s.format_map(context)) for s in sentences if s)
        title = _cap(rng.choice(titles).format_map(context))
        return Letter(title=title, content=content, place_text=self.place_text(commune, context),
                      people_count=people, context=context)  # fmt: skip

    def khieu_nai(
        self, commune: Commune, received_on: dt.date, person: Person, *, topic: str = ""
    ) -> tuple[str, Letter]:
        rng = self.rng
        matters = [m for m in vocab.KHIEU_NAI_MATTERS if not topic or m[0] == topic] or vocab.KHIEU_NAI_MATTERS
        topic, titles, cores = rng.choices(matters, [6 if m[0] == "dat-dai" else 1.5 for m in matters])[0]
        context = self._context(commune, received_on.year)
        issued = received_on.toordinal() - rng.randint(10, 80)
        context.update(name=person.name, address=person.address,
                       decision=f"{rng.randint(12, 2400)}/QĐ-UBND ngày {dt.date.fromordinal(issued):%d/%m/%Y}")  # fmt: skip
        matter = rng.choice(cores).format_map(context)
        sentences = [
            f"Tôi là {person.name}, sinh năm {rng.randint(1950, 2000)}, thường trú tại {person.address}.",
            f"Tôi khiếu nại Quyết định số {context['decision']} của Chủ tịch {commune.authority} {matter}.",
            rng.choice(vocab.KHIEU_NAI_REASONS).format_map(context),
            rng.choice(vocab.KHIEU_NAI_REQUESTS).format(authority=f"Chủ tịch {commune.authority}"),
        ]
        people = 1 if rng.random() > 0.04 else rng.choice([5, 7, 12, 20])
        title = _cap(rng.choice(titles).format_map(context))
        return topic, Letter(title=title, content=" ".join(sentences), place_text=self.place_text(commune, context),
                             people_count=people, context=context)  # fmt: skip

    def khieu_nai_second(self, commune: Commune, person: Person, first_decision: str, title: str) -> Letter:
        rng = self.rng
        context = self._context(commune, 2026)
        content = " ".join([
            f"Tôi là {person.name}, thường trú tại {person.address}.",
            f"Tôi không đồng ý với Quyết định giải quyết khiếu nại lần đầu số {first_decision} của Chủ tịch "
            f"{commune.authority}.",
            rng.choice(vocab.KHIEU_NAI_REASONS).format_map(context),
            f"Nay tôi khiếu nại lần hai đến Chủ tịch UBND {'thành phố' if commune.province_is_city else 'tỉnh'} "
            f"{commune.province_short}, đề nghị xem xét giải quyết lại.",
        ])  # fmt: skip
        return Letter(title=title, content=content, place_text=self.place_text(commune, context), context=context)

    def to_cao(self, commune: Commune, received_year: int, person: Person | None) -> tuple[str, Letter]:
        """A denunciation as written, identity included; intake redacts it (``rules.redact``)."""
        rng = self.rng
        topic, titles, acts = rng.choices(vocab.TO_CAO_ACTS, [3 if a[0] in {"dat-dai", "thai-do-phuc-vu"} else 1
                                                             for a in vocab.TO_CAO_ACTS])[0]  # fmt: skip
        context = self._context(commune, received_year)
        accused, male = self.name_and_gender()
        honorific = "ông" if male else "bà"
        position = rng.choice(vocab.ACCUSED_POSITIONS)
        act = rng.choice(acts).format_map(context)
        if person is not None and accused == person.name:
            accused = f"{accused} (con)"
        sentences = []
        redacted_identity = ""
        if person is not None:
            phone = person.phone
            if rng.random() < 0.4:
                phone = f"{phone[:4]} {phone[4:7]} {phone[7:]}"
            sentences.append(f"Tôi tên là {person.name}, số điện thoại {phone}, địa chỉ {person.address}.")
            # What rules.redact makes of that sentence; the rest of the letter names no part of the identity.
            redacted_identity = f"Tôi tên là {REDACTED}, số điện thoại {REDACTED}, địa chỉ {REDACTED}."
        sentences += [
            f"Tôi tố cáo {honorific} {accused}, {position} {commune.authority}, đã có hành vi {act}.",
            rng.choice(["Sự việc xảy ra nhiều lần và nhiều người dân biết.", "Tôi có tài liệu, hình ảnh chứng minh.",
                        f"Việc này diễn ra {context['dur']}.", ""]),
            rng.choice(vocab.TO_CAO_REQUESTS).format(authority=f"Chủ tịch {commune.authority}"),
        ]  # fmt: skip
        title = _cap(rng.choice(titles).format_map(context))
        content = " ".join(s for s in sentences if s)
        if redacted_identity:
            rest = " ".join([title, *sentences[1:]]).lower()
            # Only when no part of the identity shows up elsewhere (a denouncer named like the accused):
            # otherwise rules.redact runs, as at intake.
            if not any(len(v.strip()) >= 3 and v.strip().lower() in rest for v in identity_values(person)):  # type: ignore[arg-type]
                context["redacted"] = " ".join(s for s in [redacted_identity, *sentences[1:]] if s)
        return topic, Letter(title=title, content=content, place_text=self.place_text(commune, context),
                             context=context)  # fmt: skip

    # Answers --------------------------------------------------------------------------------------

    def pakn_answer(self, authority: str, year: int) -> str:
        return self.rng.choice(vocab.PAKN_ANSWERS).format(authority=authority, year=year)

    def decision_text(self, track: str, outcome: str, round_: int, petitioner: str) -> str:
        rng = self.rng
        if track == "to_cao":
            return f"Kết luận nội dung tố cáo. {vocab.TO_CAO_CONCLUSIONS[outcome]}"
        label = {"right": "đúng", "partly_right": "đúng một phần", "wrong": "sai"}[outcome]
        which = "lần hai" if round_ >= 2 else "lần đầu"
        return (f"Quyết định giải quyết khiếu nại {which}: khiếu nại của {petitioner} là {label}. "
                f"{rng.choice(vocab.DECISION_ACTIONS[outcome])}")  # fmt: skip

    def public_answer(self, track: str, outcome: str, authority: str) -> str:
        if track == "pakn":
            return f"{authority} đã xem xét và trả lời phản ánh, kiến nghị; kết quả xử lý được công khai theo quy định."
        label = {"right": "đúng", "partly_right": "đúng một phần", "wrong": "không đúng"}.get(outcome, "")
        kind = "tố cáo" if track == "to_cao" else "khiếu nại"
        return f"Công khai kết quả giải quyết {kind}: nội dung {kind} là {label}."


def redact_to_cao(letter: Letter, person: Person | None, *, exact: bool = False) -> tuple[str, str]:
    """(title, content) as ``case_submit`` stores a tố cáo: the redacted text serves as both content
    and ``redacted_content``.

    The letter names its writer in one sentence only, so the redacted text is built with the mark in
    place of the identity instead of running ``rules.redact`` (which compiles a pattern per value:
    the slowest step of generating a denunciation). ``exact`` runs ``rules.redact`` instead; the
    tests and ``dataset_check`` compare the two.
    """
    if person is None:
        # Anonymous: nothing to remove; the content is kept as written (Luật Tố cáo, Điều 25).
        return letter.title, letter.content
    if exact or "redacted" not in letter.context:
        values = identity_values(person)
        return rules.redact(letter.title, values)[:200], rules.redact(letter.content, values)
    return letter.title, letter.context["redacted"]


def identity_values(person: Person) -> list[str]:
    return [person.name, person.phone, person.email, person.address, person.id_number]
