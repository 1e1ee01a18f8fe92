from dataclasses import dataclass

import pytest

from danvan.org.models import Organization
from danvan.org.tests.factories import commune, organization


@dataclass
class Tree:
    """UBND tỉnh ─┬─ Sở Xây dựng
               └─ UBND Phường Phú Xuân ── Tổ dân phố 1
    Ủy ban MTTQ tỉnh (a separate root)"""

    ubnd: Organization
    so_xay_dung: Organization
    ubnd_phuong: Organization
    to_dan_pho: Organization
    mttq: Organization


@pytest.fixture
def tree(db: None) -> Tree:
    ubnd = organization("UBND thành phố Huế")
    so = organization("Sở Xây dựng Huế", kind="so", parent=ubnd)
    phuong = organization("UBND Phường Phú Xuân", unit=commune(19753), parent=ubnd)
    tdp = organization("Tổ dân phố 1", kind="to_dan_pho", unit=commune(19753), parent=phuong)
    mttq = organization("Ủy ban MTTQ thành phố Huế", kind="uy_ban_mttq")
    return Tree(ubnd, so, phuong, tdp, mttq)
