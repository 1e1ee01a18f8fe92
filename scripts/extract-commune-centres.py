"""Write danvan/org/data/commune_centres_2025.csv from the `vietnamadminunits` wheel (MIT).

Run by hand when the source package publishes new data; nothing reads the package at run time:

    pip download --no-deps -d /tmp/vau vietnamadminunits==1.0.4
    python scripts/extract-commune-centres.py /tmp/vau/vietnamadminunits-1.0.4-py3-none-any.whl

The CSV keeps only what the map needs: the GSO code (the key of ``org.AdministrativeUnit``), the
representative point and the area. Names stay with ``vietnam-provinces``, the source of the units.
"""

from __future__ import annotations

import csv
import sqlite3
import sys
import tempfile
import zipfile
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "danvan" / "org" / "data" / "commune_centres_2025.csv"


def main(wheel: str) -> None:
    with tempfile.TemporaryDirectory() as tmp, zipfile.ZipFile(wheel) as archive:
        db = archive.extract("vietnamadminunits/data/dataset.db", tmp)
        rows = sqlite3.connect(db).execute(
            "select provinceCode, provinceLat, provinceLon, wardCode, wardLat, wardLon, wardAreaKm2 from admin_units"
        )
        provinces: dict[int, tuple[float, float]] = {}
        communes: list[tuple[int, int, float, float, float | None]] = []
        for p_code, p_lat, p_lon, w_code, w_lat, w_lon, area in rows:
            provinces[int(p_code)] = (p_lat, p_lon)
            communes.append((int(w_code), int(p_code), w_lat, w_lon, area))
    with OUT.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["level", "code", "province_code", "latitude", "longitude", "area_km2"])
        for code, (lat, lon) in sorted(provinces.items()):
            writer.writerow(["province", code, code, f"{lat:.6f}", f"{lon:.6f}", ""])
        for code, p_code, lat, lon, area in sorted(communes):
            writer.writerow(
                ["commune", code, p_code, f"{lat:.6f}", f"{lon:.6f}", "" if area is None else f"{area:.2f}"]
            )
    print(f"{OUT}: {len(provinces)} provinces, {len(communes)} communes")


if __name__ == "__main__":
    main(sys.argv[1])
