from danvan.ui.citizen import citizen_text


def test_spec_sections_and_confidence_marks_are_taken_out_and_the_words_kept():
    text = ("10 ngày làm việc kể từ ngày nhận (Chỉ tiêu nội bộ của Dân Vận Số (spec §4.2)); hạn cuối: hết ngày "
            "17/12/2026; quy định [U] chưa được đối chiếu với văn bản gốc.")  # fmt: skip
    assert citizen_text(text) == (
        "10 ngày làm việc kể từ ngày nhận (Chỉ tiêu nội bộ của Dân Vận Số); hạn cuối: hết ngày 17/12/2026; "
        "quy định chưa được đối chiếu với văn bản gốc."
    )
    assert citizen_text("Luật ghi 10 ngày (legal-spec §8.1: nhớ lại) [S].") == "Luật ghi 10 ngày."
    assert citizen_text("theo spec §0.2 và §1.3–2.2 thì") == "theo và thì"
    assert citizen_text("Điều 9 Luật Khiếu nại 2011 [V]") == "Điều 9 Luật Khiếu nại 2011"
    assert citizen_text("Mảng [Ủy ban] giữ nguyên") == "Mảng [Ủy ban] giữ nguyên"
