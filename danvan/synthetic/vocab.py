"""The words generated cases are made of: names, streets, and per-topic sentence templates. Pure data.

Templates use ``{slot}`` placeholders filled by ``texts``; every slot is a whole word or phrase
surrounded by spaces (a trailing comma or full stop may follow it), so a text can be folded word by
word. Nothing here names a real person: names are drawn from common family, middle and given names.
"""

from __future__ import annotations

from typing import Final

FAMILY_NAMES: Final = [
    ("Nguyễn", 38), ("Trần", 11), ("Lê", 9), ("Phạm", 7), ("Hoàng", 4), ("Huỳnh", 4), ("Phan", 4),
    ("Vũ", 3), ("Võ", 3), ("Đặng", 2), ("Bùi", 2), ("Đỗ", 2), ("Hồ", 2), ("Ngô", 2), ("Dương", 1),
    ("Lý", 1), ("Đinh", 1), ("Trịnh", 1), ("Mai", 1), ("Tạ", 1), ("Lương", 1), ("Đoàn", 1), ("Cao", 1),
]  # fmt: skip
MALE_MIDDLE: Final = ["Văn", "Hữu", "Đức", "Minh", "Quang", "Thành", "Công", "Xuân", "Ngọc", "Đình", "Văn", "Văn"]
FEMALE_MIDDLE: Final = ["Thị", "Thị", "Thị", "Ngọc", "Thu", "Thanh", "Kim", "Minh", "Hồng", "Mỹ", "Thùy"]
MALE_GIVEN: Final = [
    "An", "Bình", "Cường", "Dũng", "Đạt", "Hải", "Hiếu", "Hòa", "Hùng", "Huy", "Khánh", "Khoa", "Long", "Lộc",
    "Minh", "Nam", "Nghĩa", "Phong", "Phúc", "Quân", "Quang", "Sơn", "Tài", "Tâm", "Thắng", "Thành", "Thịnh",
    "Toàn", "Trung", "Tuấn", "Tùng", "Việt", "Vinh", "Vũ",
]  # fmt: skip
FEMALE_GIVEN: Final = [
    "Anh", "Châu", "Chi", "Dung", "Giang", "Hà", "Hạnh", "Hằng", "Hiền", "Hoa", "Hồng", "Hương", "Lan", "Liên",
    "Linh", "Loan", "Mai", "Nga", "Ngân", "Nhung", "Oanh", "Phương", "Quyên", "Tâm", "Thảo", "Thủy", "Trang",
    "Tuyết", "Vân", "Xuân", "Yến",
]  # fmt: skip

STREETS: Final = [
    "Lê Lợi", "Trần Hưng Đạo", "Nguyễn Huệ", "Hai Bà Trưng", "Lý Thường Kiệt", "Quang Trung", "Lê Duẩn",
    "Nguyễn Trãi", "Phan Bội Châu", "Phan Chu Trinh", "Hùng Vương", "Trần Phú", "Nguyễn Du", "Lê Lai",
    "Bà Triệu", "Điện Biên Phủ", "Nguyễn Văn Cừ", "Lê Hồng Phong", "Ngô Quyền", "Lý Thái Tổ", "Trường Chinh",
    "Nguyễn Thị Minh Khai", "Võ Thị Sáu", "Hoàng Diệu", "Trần Quang Khải", "Nguyễn Chí Thanh", "Tôn Đức Thắng",
    "Lạc Long Quân", "Âu Cơ", "Nguyễn Văn Linh", "Phạm Văn Đồng", "Võ Nguyên Giáp", "Huỳnh Thúc Kháng",
    "Nguyễn Tất Thành", "Chu Văn An", "Cách Mạng Tháng Tám", "30 Tháng 4", "2 Tháng 9", "Lê Thánh Tông",
    "Hàm Nghi", "Đinh Tiên Hoàng", "Nguyễn Đình Chiểu", "Trần Nhân Tông", "Tô Hiến Thành", "Yersin",
    "Nguyễn Lương Bằng", "Phạm Ngũ Lão", "Nguyễn Khuyến", "Bạch Đằng", "Hoàng Hoa Thám", "Kim Đồng",
    "Tỉnh lộ 8", "Quốc lộ 1A", "Quốc lộ 14", "liên xã", "liên thôn", "ven sông", "Đê Bao",
]  # fmt: skip
ALLEY_WORDS: Final = ["hẻm", "ngõ", "kiệt", "ngách", "hẻm"]
LANDMARKS: Final = [
    "chợ {place}", "Trường Tiểu học {place}", "Trường THCS {place}", "Trạm Y tế {place}", "nhà văn hóa {group}",
    "cổng trường mầm non", "ngã ba {street}", "ngã tư {street}", "cầu {street}", "công viên {street}",
    "khu tái định cư {place}", "cụm công nghiệp {place}", "bến xe {place}", "đình làng {place}", "chùa {place}",
    "khu dân cư mới {place}", "bãi rác {place}", "kênh {street}", "đường ray xe lửa", "chân đê {place}",
]  # fmt: skip
DURATIONS: Final = [
    "hơn một tuần nay", "gần hai tuần nay", "hơn một tháng nay", "nhiều tháng nay", "từ đầu năm đến nay",
    "mấy hôm nay", "từ sau đợt mưa lớn vừa qua", "từ Tết đến nay", "gần ba tháng nay", "đã lâu",
]  # fmt: skip
TIMES_OF_DAY: Final = ["buổi tối", "ban đêm", "sáng sớm", "giờ tan tầm", "cuối tuần", "sau 22 giờ"]
GROUPS_WARD: Final = ["tổ dân phố {n}", "khu phố {n}", "tổ {n}", "khu vực {n}"]
GROUPS_COMMUNE: Final = ["thôn {n}", "thôn {w}", "ấp {w}", "bản {w}", "xóm {n}", "thôn {w} {n}"]
VILLAGE_WORDS: Final = [
    "Đông", "Tây", "Nam", "Bắc", "Thượng", "Hạ", "Trung", "An Lạc", "Phú Mỹ", "Tân Lập", "Hòa Bình", "Thắng Lợi",
    "Đồng Tâm", "Quyết Tiến", "Tân Tiến", "Hưng Long", "Phước Lộc", "Bình An",
]  # fmt: skip

# Each issue: (title templates, core sentence templates). Slots: street, num, alley, landmark, place,
# group, dur, when, n (a count), area (m²), year.
PAKN_ISSUES: Final[dict[str, list[tuple[list[str], list[str]]]]] = {
    "giao-thong-ha-tang": [
        (["Đèn đường hỏng trên đường {street}", "Đèn chiếu sáng không hoạt động ở {street}", "Phản ánh đèn đường {street} không sáng"],
         ["Hệ thống đèn chiếu sáng trên đường {street} đoạn trước nhà số {num} không sáng {dur}.",
          "Khoảng {n} cột đèn đường dọc đường {street} bị hỏng, {when} rất tối, người đi đường dễ gặp nguy hiểm.",
          "Đèn đường khu vực {landmark} chập chờn rồi tắt hẳn {dur}, đã xảy ra mấy vụ va quẹt xe máy."]),
        (["Ổ gà, ổ voi trên đường {street}", "Mặt đường {street} xuống cấp nghiêm trọng", "Đề nghị sửa đường {street}"],
         ["Mặt đường {street} đoạn gần {landmark} bị sụt lún, xuất hiện nhiều ổ gà sâu {dur}.",
          "Đoạn đường {street} từ nhà số {num} trở đi hư hỏng nặng, trời mưa nước đọng thành vũng, xe cộ đi lại rất khó khăn.",
          "Tuyến đường {street} vừa được đào lên để lắp đặt đường ống nhưng hoàn trả mặt bằng không đạt, để lại nhiều ổ gà."]),
        (["Ngập nước tại {alley} {num} {street}", "Ngập úng kéo dài ở khu vực {landmark}", "Cống thoát nước bị tắc ở {street}"],
         ["Mỗi khi mưa lớn, {alley} {num} đường {street} ngập sâu khoảng nửa mét, nước tràn vào nhà dân.",
          "Cống thoát nước trên đường {street} bị tắc {dur}, nước thải ứ đọng bốc mùi hôi thối.",
          "Khu vực {landmark} thường xuyên ngập úng do hệ thống thoát nước không được nạo vét."]),
        (["Cây xanh có nguy cơ gãy đổ trên đường {street}", "Đề nghị cắt tỉa cây xanh ở {landmark}"],
         ["Cây xanh lớn trước nhà số {num} đường {street} bị mục gốc, nghiêng ra lòng đường, có nguy cơ gãy đổ khi mưa bão.",
          "Nhiều cành cây khô trên đường {street} gần {landmark} chưa được cắt tỉa, đã có cành rơi trúng người đi đường."]),
        (["Nắp hố ga bị mất trên đường {street}", "Hố ga không có nắp gần {landmark}"],
         ["Nắp hố ga trước nhà số {num} đường {street} bị mất {dur}, chỉ được che tạm bằng cành cây, rất nguy hiểm cho trẻ em.",
          "Hố ga gần {landmark} bị vỡ nắp, {when} không nhìn thấy, xe máy đã sụp bánh nhiều lần."]),
        (["Đề nghị lắp đèn tín hiệu giao thông tại {landmark}", "Thiếu biển báo giao thông tại {landmark}"],
         ["Giao lộ tại {landmark} lưu lượng xe rất đông nhưng chưa có đèn tín hiệu, thường xuyên xảy ra va chạm.",
          "Đoạn đường {street} gần {landmark} không có biển báo giảm tốc độ, xe tải chạy rất nhanh qua khu dân cư."]),
    ],
    "moi-truong": [
        (["Rác thải ùn ứ tại {landmark}", "Rác không được thu gom ở {group}", "Bãi rác tự phát trên đường {street}"],
         ["Khu vực {landmark} rác thải ùn ứ nhiều ngày chưa được thu gom, bốc mùi hôi thối, ruồi muỗi phát sinh.",
          "Tại {group} xe thu gom rác {dur} không đến thường xuyên, người dân phải để rác trước cửa nhà.",
          "Một số người đổ trộm xà bần và rác thải sinh hoạt ven đường {street} gần nhà số {num}, hình thành bãi rác tự phát."]),
        (["Khói bụi từ cơ sở sản xuất gần {landmark}", "Ô nhiễm không khí tại {group}"],
         ["Cơ sở sản xuất gần {landmark} thường xả khói đen vào {when}, khói bụi bay vào nhà dân gây khó thở.",
          "Xưởng đốt than, đốt phế liệu tại {group} gây ô nhiễm không khí {dur}, nhiều người già và trẻ em bị ho."]),
        (["Tiếng ồn từ quán karaoke trên đường {street}", "Ô nhiễm tiếng ồn tại {alley} {num} {street}"],
         ["Quán karaoke tại số {num} đường {street} hát to đến {when}, ảnh hưởng nghiêm trọng giấc ngủ của người dân.",
          "Xưởng cơ khí trong {alley} {num} đường {street} hoạt động gây tiếng ồn lớn cả ngày lẫn đêm {dur}."]),
        (["Nước thải xả ra kênh {street}", "Ô nhiễm nguồn nước tại {landmark}"],
         ["Nước thải chưa qua xử lý từ các hộ chăn nuôi tại {group} xả thẳng ra kênh, nước đen và bốc mùi.",
          "Nguồn nước giếng của các hộ gần {landmark} có mùi lạ {dur}, người dân lo ngại bị ô nhiễm từ cơ sở sản xuất lân cận."]),
        (["Đốt rơm rạ gây khói tại {group}", "Đốt rác gây ô nhiễm ở {landmark}"],
         ["Sau mỗi vụ thu hoạch, nhiều hộ tại {group} đốt rơm rạ ngay cạnh khu dân cư, khói mù mịt cả {when}.",
          "Người dân đốt rác thải nhựa tại {landmark}, khói độc bay vào trường học gần đó."]),
    ],
    "xay-dung-trat-tu-do-thi": [
        (["Xây dựng không phép tại số {num} đường {street}", "Công trình xây dựng sai phép ở {group}"],
         ["Hộ gia đình tại số {num} đường {street} đang xây dựng thêm tầng, nghi không có giấy phép xây dựng.",
          "Công trình nhà ở tại {group} xây lấn ra hành lang an toàn giao thông {dur} nhưng chưa bị xử lý.",
          "Một công trình tại {alley} {num} đường {street} xây vượt số tầng được cấp phép và che kín lối đi chung."]),
        (["Lấn chiếm vỉa hè trên đường {street}", "Buôn bán lấn chiếm lòng đường gần {landmark}"],
         ["Nhiều hộ kinh doanh trên đường {street} lấn chiếm toàn bộ vỉa hè để bày hàng, người đi bộ phải đi xuống lòng đường.",
          "Khu vực {landmark} hàng rong họp chợ tự phát dưới lòng đường vào {when}, gây ùn tắc giao thông."]),
        (["Công trình thi công gây lún nứt nhà dân tại {street}", "Thi công không che chắn ở {landmark}"],
         ["Công trình đang thi công tại số {num} đường {street} gây lún nứt tường nhà bên cạnh, chủ đầu tư chưa có biện pháp khắc phục.",
          "Công trường gần {landmark} thi công không che chắn, vật liệu rơi vãi ra đường, bụi bay mù mịt."]),
        (["Vật liệu xây dựng chiếm lòng đường {street}", "Đổ cát đá chắn lối đi tại {alley} {num} {street}"],
         ["Cát, đá, gạch của công trình tại số {num} đường {street} tập kết ngay giữa lòng đường {dur}.",
          "Lối đi chung trong {alley} {num} đường {street} bị một hộ dân đổ vật liệu chắn ngang, xe cứu thương không vào được."]),
    ],
    "dien-nuoc": [
        (["Mất nước sinh hoạt kéo dài tại {group}", "Nước máy yếu ở {alley} {num} {street}"],
         ["Khu vực {group} bị mất nước sinh hoạt {dur} mà không có thông báo trước của đơn vị cấp nước.",
          "Nước máy tại {alley} {num} đường {street} rất yếu, chỉ chảy vào ban đêm, người dân phải mua nước bình để dùng.",
          "Nước máy tại {group} có màu vàng đục và mùi clo nồng, không thể dùng để nấu ăn."]),
        (["Mất điện thường xuyên tại {group}", "Dây điện võng thấp trên đường {street}"],
         ["Khu vực {group} mất điện liên tục vào {when} {dur}, gây hư hỏng thiết bị điện của nhiều hộ.",
          "Dây điện trên đường {street} trước nhà số {num} võng thấp, chằng chịt, có nguy cơ chạm vào xe tải.",
          "Trụ điện gần {landmark} bị nghiêng sau mưa bão nhưng chưa được ngành điện xử lý."]),
        (["Chưa có nước sạch tại {group}", "Đề nghị kéo đường ống nước sạch về {group}"],
         ["Gần {n} hộ dân tại {group} đến nay vẫn chưa được sử dụng nước sạch, phải dùng nước giếng nhiễm phèn.",
          "Đường ống cấp nước đã được lắp đến {landmark} nhưng chưa kéo vào khu dân cư {group}."]),
        (["Hóa đơn tiền điện tăng bất thường", "Tiền nước tháng này tăng bất thường"],
         ["Hóa đơn tiền điện tháng này của gia đình tôi tăng gấp ba lần so với các tháng trước dù mức sử dụng không đổi.",
          "Đồng hồ nước của nhiều hộ tại {group} chạy bất thường, tiền nước tăng cao mà không rõ nguyên nhân."]),
    ],
    "an-ninh-trat-tu": [
        (["Tụ tập đua xe trái phép trên đường {street}", "Thanh niên tụ tập gây mất trật tự tại {landmark}"],
         ["Vào {when}, nhiều thanh niên tụ tập đua xe, nẹt pô trên đường {street}, gây mất an ninh trật tự.",
          "Một nhóm thanh niên thường xuyên tụ tập uống rượu, gây gổ tại {landmark} {dur}."]),
        (["Trộm cắp tài sản tại {group}", "Mất trộm xe máy ở {alley} {num} {street}"],
         ["{dur} tại {group} xảy ra nhiều vụ trộm cắp xe máy, gà vịt và tài sản của người dân.",
          "Tình trạng trộm cắp vặt trong {alley} {num} đường {street} diễn ra thường xuyên vào {when}."]),
        (["Tàng trữ, sử dụng chất ma túy tại {landmark}", "Nghi có tụ điểm ma túy ở {group}"],
         ["Người dân phát hiện nhiều bơm kim tiêm vứt bừa bãi tại {landmark}, nghi có người sử dụng ma túy.",
          "Căn nhà cuối {alley} {num} đường {street} thường xuyên có người lạ ra vào {when}, nghi là tụ điểm ma túy."]),
        (["Chó thả rông không rọ mõm tại {group}", "Chó nuôi thả rông cắn người ở {landmark}"],
         ["Nhiều hộ tại {group} thả rông chó không rọ mõm, đã có trẻ em bị chó cắn.",
          "Chó thả rông tại khu vực {landmark} rượt đuổi người đi đường, nhất là vào {when}."]),
    ],
    "thu-tuc-hanh-chinh": [
        (["Hồ sơ cấp giấy chứng nhận quá hạn chưa trả", "Chậm giải quyết hồ sơ đất đai"],
         ["Tôi nộp hồ sơ đề nghị cấp giấy chứng nhận quyền sử dụng đất tại Trung tâm Phục vụ hành chính công {place} từ {n} tháng trước nhưng đến nay vẫn chưa nhận được kết quả.",
          "Hồ sơ đăng ký biến động đất đai của gia đình tôi đã quá hạn trả kết quả nhưng không được thông báo lý do."]),
        (["Yêu cầu bổ sung giấy tờ nhiều lần", "Hướng dẫn thủ tục không rõ ràng"],
         ["Khi làm thủ tục đăng ký khai sinh cho con, tôi bị yêu cầu bổ sung giấy tờ nhiều lần, mỗi lần một yêu cầu khác nhau.",
          "Thủ tục chứng thực tại {place} không được niêm yết đầy đủ, người dân phải đi lại nhiều lần."]),
        (["Dịch vụ công trực tuyến bị lỗi", "Không nộp được hồ sơ trực tuyến"],
         ["Tôi nộp hồ sơ trên Cổng dịch vụ công nhưng hệ thống báo lỗi {dur}, không thể thanh toán phí trực tuyến.",
          "Hồ sơ nộp trực tuyến của tôi bị từ chối mà không ghi rõ lý do, khi đến trực tiếp lại được hướng dẫn nộp lại từ đầu."]),
    ],
    "dat-dai": [
        (["Lấn chiếm đất công tại {landmark}", "Tranh chấp ranh giới đất tại {group}"],
         ["Một số hộ dân lấn chiếm đất công gần {landmark} để xây dựng quán, chính quyền chưa xử lý.",
          "Gia đình ông hàng xóm tự ý dựng tường rào lấn sang thửa đất của gia đình tôi khoảng {area} m² tại {group}."]),
        (["Sai sót trên giấy chứng nhận quyền sử dụng đất", "Đề nghị đính chính giấy chứng nhận"],
         ["Giấy chứng nhận quyền sử dụng đất của gia đình tôi ghi sai diện tích so với thực tế {area} m², đề nghị đo đạc lại.",
          "Bản đồ địa chính tại {group} thể hiện sai ranh giới thửa đất của nhiều hộ sau khi đo đạc lại."]),
        (["Chậm bàn giao đất tái định cư", "Chưa nhận được tiền bồi thường giải phóng mặt bằng"],
         ["Gia đình tôi đã bàn giao mặt bằng cho dự án mở rộng đường {street} từ năm {year} nhưng đến nay chưa được bố trí đất tái định cư.",
          "Các hộ dân tại {group} bị thu hồi đất làm dự án nhưng tiền bồi thường chi trả chậm {dur}."]),
    ],
    "thai-do-phuc-vu": [
        (["Thái độ phục vụ chưa đúng mực của cán bộ", "Cán bộ một cửa gây khó khăn cho người dân"],
         ["Khi đến làm thủ tục tại bộ phận một cửa {place}, tôi bị cán bộ tiếp nhận trả lời thiếu tôn trọng và không hướng dẫn cụ thể.",
          "Cán bộ tiếp nhận hồ sơ tại {place} thường xuyên vắng mặt trong giờ làm việc, người dân phải chờ rất lâu.",
          "Cán bộ trực tại {place} dùng điện thoại riêng trong lúc tiếp dân và trả lời qua loa."]),
        (["Người dân phải chờ đợi lâu khi làm thủ tục", "Xếp hàng nhiều giờ tại bộ phận một cửa"],
         ["Ngày {n} vừa qua tôi phải chờ gần ba giờ đồng hồ tại bộ phận một cửa {place} dù chỉ làm thủ tục chứng thực.",
          "Số thứ tự tại bộ phận một cửa {place} không được gọi đúng, nhiều người chen ngang mà cán bộ không nhắc nhở."]),
    ],
    "chinh-sach-xa-hoi": [
        (["Xét hộ nghèo chưa công bằng tại {group}", "Bình xét hộ cận nghèo không đúng đối tượng"],
         ["Việc bình xét hộ nghèo năm {year} tại {group} chưa công khai, một số hộ có điều kiện vẫn có tên trong danh sách.",
          "Gia đình tôi thuộc diện khó khăn, chủ hộ bị bệnh nặng nhưng không được đưa vào danh sách hộ cận nghèo."]),
        (["Chậm chi trả trợ cấp xã hội", "Chưa nhận được trợ cấp người cao tuổi"],
         ["Mẹ tôi năm nay {n} tuổi, đã làm hồ sơ hưởng trợ cấp người cao tuổi nhưng {dur} chưa được chi trả.",
          "Tiền trợ cấp xã hội hằng tháng của các đối tượng tại {group} bị chậm chi trả {dur}."]),
        (["Hỗ trợ người dân sau thiên tai chưa kịp thời", "Chưa nhận được tiền hỗ trợ khắc phục bão lũ"],
         ["Nhà của gia đình tôi bị tốc mái trong đợt bão vừa qua nhưng chưa được hỗ trợ theo chính sách.",
          "Danh sách hộ được hỗ trợ sau lũ tại {group} không được niêm yết công khai."]),
    ],
    "y-te": [
        (["Trạm y tế thiếu thuốc bảo hiểm y tế", "Chất lượng khám chữa bệnh tại trạm y tế"],
         ["Trạm Y tế {place} thiếu thuốc bảo hiểm y tế {dur}, người bệnh phải tự mua thuốc bên ngoài.",
          "Trạm Y tế {place} thường đóng cửa sớm, {when} người dân đến khám không có cán bộ trực."]),
        (["Cơ sở kinh doanh thực phẩm không bảo đảm vệ sinh", "Nghi ngộ độc thực phẩm tại {landmark}"],
         ["Cơ sở giết mổ gia súc tại {group} hoạt động không bảo đảm vệ sinh an toàn thực phẩm, xả chất thải ra đường.",
          "Nhiều học sinh bị đau bụng sau khi ăn quà vặt bán trước {landmark}, đề nghị kiểm tra an toàn thực phẩm."]),
        (["Phun thuốc phòng sốt xuất huyết", "Có ca sốt xuất huyết tại {group}"],
         ["Tại {group} đã có {n} ca sốt xuất huyết nhưng chưa thấy tổ chức phun thuốc diệt muỗi.",
          "Ao tù gần {landmark} là nơi muỗi sinh sản, đề nghị xử lý để phòng dịch sốt xuất huyết."]),
    ],
    "giao-duc": [
        (["Thu các khoản ngoài quy định tại trường học", "Lạm thu đầu năm học"],
         ["Đầu năm học, {landmark} thu nhiều khoản đóng góp ngoài quy định, phụ huynh có hoàn cảnh khó khăn rất vất vả.",
          "Ban đại diện cha mẹ học sinh tại {landmark} vận động đóng góp mua sắm thiết bị với mức cao."]),
        (["Cơ sở vật chất trường học xuống cấp", "Phòng học xuống cấp tại {landmark}"],
         ["Phòng học tại {landmark} bị thấm dột, trần nhà bong tróc, có nguy cơ mất an toàn cho học sinh.",
          "Nhà vệ sinh học sinh tại {landmark} hư hỏng {dur} chưa được sửa chữa."]),
        (["Dạy thêm trái quy định", "Ùn tắc giao thông trước cổng trường"],
         ["Một số giáo viên tổ chức dạy thêm cho chính học sinh lớp mình tại nhà, thu tiền cao.",
          "Giờ tan học, trước {landmark} phụ huynh dừng đỗ xe tràn xuống lòng đường {street}, gây ùn tắc kéo dài."]),
    ],
    "khac": [
        (["Góp ý về hoạt động của {place}", "Kiến nghị về sinh hoạt cộng đồng tại {group}"],
         ["Tôi đề nghị {place} công khai lịch tiếp công dân và số điện thoại đường dây nóng tại nơi dễ thấy.",
          "Nhà văn hóa {group} lâu nay bị đóng cửa, người dân không có nơi sinh hoạt cộng đồng."]),
        (["Loa phát thanh quá lớn tại {group}", "Kiến nghị về hoạt động lễ hội tại {landmark}"],
         ["Loa phát thanh của {group} phát vào {when} với âm lượng quá lớn, ảnh hưởng người già và trẻ nhỏ.",
          "Lễ hội tại {landmark} tổ chức dựng rạp chiếm hết lòng đường {street} trong nhiều ngày."]),
    ],
}  # fmt: skip

# (topic, title templates, core sentences). The decision complained of is filled in by ``texts``.
KHIEU_NAI_MATTERS: Final[list[tuple[str, list[str], list[str]]]] = [
    ("dat-dai", ["Khiếu nại quyết định thu hồi đất", "Khiếu nại việc thu hồi {area} m² đất"],
     ["về việc thu hồi {area} m² đất nông nghiệp của gia đình tôi tại {group} để thực hiện dự án mở rộng đường {street}",
      "về việc thu hồi đất ở và đất vườn tại thửa số {num} để xây dựng khu tái định cư {place}"]),
    ("dat-dai", ["Khiếu nại về bồi thường, hỗ trợ khi thu hồi đất", "Khiếu nại phương án bồi thường"],
     ["về việc phê duyệt phương án bồi thường, hỗ trợ và tái định cư, trong đó đơn giá bồi thường đất thấp hơn giá thị trường",
      "về việc không hỗ trợ chuyển đổi nghề nghiệp cho gia đình tôi khi thu hồi đất sản xuất"]),
    ("dat-dai", ["Khiếu nại việc không cấp giấy chứng nhận quyền sử dụng đất", "Khiếu nại việc từ chối cấp sổ đỏ"],
     ["về việc từ chối cấp giấy chứng nhận quyền sử dụng đất cho thửa đất gia đình tôi sử dụng ổn định từ năm {year}",
      "về việc thu hồi giấy chứng nhận quyền sử dụng đất đã cấp cho gia đình tôi"]),
    ("xay-dung-trat-tu-do-thi", ["Khiếu nại quyết định xử phạt vi phạm hành chính về xây dựng", "Khiếu nại quyết định cưỡng chế tháo dỡ"],
     ["về việc xử phạt vi phạm hành chính trong lĩnh vực xây dựng đối với công trình nhà ở tại số {num} đường {street}",
      "về việc cưỡng chế buộc tháo dỡ phần công trình mà gia đình tôi xây dựng từ năm {year}"]),
    ("chinh-sach-xa-hoi", ["Khiếu nại việc cắt trợ cấp xã hội", "Khiếu nại kết quả bình xét hộ nghèo"],
     ["về việc thôi hưởng trợ cấp xã hội hằng tháng đối với mẹ tôi từ tháng {n} năm {year}",
      "về việc công nhận danh sách hộ nghèo, hộ cận nghèo năm {year} tại {group}"]),
    ("thu-tuc-hanh-chinh", ["Khiếu nại việc từ chối đăng ký hộ kinh doanh", "Khiếu nại việc không giải quyết hồ sơ"],
     ["về việc từ chối cấp giấy chứng nhận đăng ký hộ kinh doanh cho cửa hàng tại số {num} đường {street}",
      "về việc trả lại hồ sơ đăng ký biến động đất đai mà không nêu rõ lý do"]),
    ("moi-truong", ["Khiếu nại quyết định xử phạt về môi trường"],
     ["về việc xử phạt cơ sở chăn nuôi của gia đình tôi tại {group} vì gây ô nhiễm môi trường"]),
    ("giao-thong-ha-tang", ["Khiếu nại việc giải tỏa hành lang đường bộ"],
     ["về việc buộc giải tỏa phần nhà nằm trong hành lang an toàn đường bộ trên đường {street}"]),
    ("thai-do-phuc-vu", ["Khiếu nại quyết định kỷ luật"],
     ["về việc kỷ luật khiển trách đối với tôi khi đang công tác tại {place}"]),
    ("khac", ["Khiếu nại quyết định hành chính"],
     ["về việc không chấp thuận cho gia đình tôi tổ chức kinh doanh dịch vụ tại {landmark}"]),
]  # fmt: skip
KHIEU_NAI_REASONS: Final = [
    "Tôi không đồng ý vì gia đình tôi chưa được bồi thường thỏa đáng theo quy định.",
    "Quyết định trên không đúng với thực tế sử dụng đất của gia đình tôi.",
    "Gia đình tôi không được thông báo, không được mời tham gia kiểm đếm trước khi ban hành quyết định.",
    "Việc áp dụng đơn giá như vậy là thấp hơn nhiều so với giá chuyển nhượng thực tế tại địa phương.",
    "Tôi cho rằng quyết định này vi phạm quyền và lợi ích hợp pháp của gia đình tôi.",
    "Các hộ liền kề có cùng điều kiện lại được giải quyết khác, không công bằng.",
    "Gia đình tôi đã sử dụng ổn định, không tranh chấp và nộp thuế đầy đủ từ năm {year}.",
]  # fmt: skip
KHIEU_NAI_REQUESTS: Final = [
    "Đề nghị {authority} xem xét hủy bỏ quyết định nêu trên và giải quyết lại theo đúng quy định của pháp luật.",
    "Kính đề nghị {authority} xem xét lại, bảo đảm quyền lợi hợp pháp cho gia đình tôi.",
    "Đề nghị tổ chức đối thoại và điều chỉnh lại quyết định cho đúng quy định.",
]  # fmt: skip

# (topic, title templates, acts). The accused is an official of the body; the denouncer's identity is
# written into the letter and removed by redaction, as at intake.
TO_CAO_ACTS: Final[list[tuple[str, list[str], list[str]]]] = [
    ("dat-dai", ["Tố cáo cán bộ địa chính nhận tiền của người dân", "Tố cáo sai phạm trong cấp giấy chứng nhận"],
     ["yêu cầu người dân nộp thêm tiền ngoài quy định khi làm thủ tục cấp giấy chứng nhận quyền sử dụng đất",
      "ký xác nhận sai nguồn gốc đất cho một số hộ để hợp thức hóa đất lấn chiếm tại {landmark}"]),
    ("dat-dai", ["Tố cáo hành vi lấn chiếm đất công", "Tố cáo cán bộ bao che lấn chiếm đất"],
     ["bao che cho việc lấn chiếm đất công và xây dựng trái phép tại {landmark}",
      "giao đất công tại {group} cho người thân sử dụng trái quy định"]),
    ("thai-do-phuc-vu", ["Tố cáo cán bộ sách nhiễu người dân", "Tố cáo hành vi nhũng nhiễu khi giải quyết hồ sơ"],
     ["sách nhiễu, gây khó khăn, gợi ý người dân đưa tiền để hồ sơ được giải quyết nhanh",
      "cố tình trì hoãn giải quyết hồ sơ của người dân để đòi hỏi lợi ích cá nhân"]),
    ("chinh-sach-xa-hoi", ["Tố cáo sai phạm trong bình xét hộ nghèo", "Tố cáo chiếm dụng tiền hỗ trợ"],
     ["đưa người thân không đủ điều kiện vào danh sách hộ nghèo để hưởng chính sách",
      "chiếm dụng tiền hỗ trợ của các hộ gia đình bị thiệt hại do thiên tai tại {group}"]),
    ("xay-dung-trat-tu-do-thi", ["Tố cáo cán bộ bao che xây dựng trái phép", "Tố cáo sai phạm trong quản lý trật tự xây dựng"],
     ["nhận tiền để làm ngơ cho công trình xây dựng không phép tại số {num} đường {street}",
      "không xử lý các công trình xây dựng sai phép tại {group} dù đã được người dân phản ánh nhiều lần"]),
    ("moi-truong", ["Tố cáo cơ sở gây ô nhiễm được bao che"],
     ["làm ngơ cho cơ sở sản xuất gần {landmark} xả thải trái phép ra môi trường"]),
    ("an-ninh-trat-tu", ["Tố cáo hành vi đánh bạc", "Tố cáo tụ điểm cờ bạc"],
     ["tổ chức đánh bạc tại nhà riêng trong {alley} {num} đường {street} vào {when}",
      "bảo kê cho tụ điểm cờ bạc gần {landmark}"]),
    ("khac", ["Tố cáo sử dụng tài sản công sai mục đích", "Tố cáo vi phạm trong quản lý tài chính"],
     ["sử dụng xe công và tài sản của cơ quan vào việc riêng",
      "lập chứng từ khống để rút tiền từ quỹ của {place}"]),
    ("giao-duc", ["Tố cáo lạm thu tại trường học"],
     ["chỉ đạo thu các khoản ngoài quy định của học sinh tại {landmark}"]),
    ("y-te", ["Tố cáo sai phạm tại trạm y tế"],
     ["kê khống số lượng thuốc cấp phát tại Trạm Y tế {place} để hưởng lợi"]),
]  # fmt: skip
ACCUSED_POSITIONS: Final = [
    "cán bộ địa chính", "công chức tư pháp – hộ tịch", "Phó Chủ tịch UBND", "công chức văn hóa – xã hội",
    "trưởng thôn", "tổ trưởng tổ dân phố", "kế toán", "công chức địa chính – xây dựng", "cán bộ một cửa",
]  # fmt: skip

PAKN_OPENINGS: Final = [
    "", "", "", "Kính gửi {authority}.", "Tôi là {name}, cư trú tại {address}.",
    "Tôi tên {name}, hiện đang sinh sống tại {group}.", "Người dân {group} phản ánh sự việc như sau:",
    "Tôi xin phản ánh một việc ở {group}.", "Kính gửi lãnh đạo {authority}, tôi xin phản ánh:",
]  # fmt: skip
PAKN_COLLECTIVE_OPENINGS: Final = [
    "Chúng tôi gồm {k} hộ dân sinh sống tại {group} cùng ký tên phản ánh:",
    "Tập thể {k} hộ dân {group} kính gửi đơn kiến nghị như sau:",
]  # fmt: skip
PAKN_DETAILS: Final = [
    "", "", "Người dân đã báo với tổ dân phố nhưng chưa thấy xử lý.", "Tình trạng này kéo dài, ảnh hưởng đến sinh hoạt của nhiều hộ.",
    "Đã có người bị tai nạn vì việc này.", "Tôi gửi kèm hình ảnh chụp tại hiện trường.",
    "Trước đây người dân đã phản ánh một lần nhưng chưa được giải quyết dứt điểm.",
    "Việc này ảnh hưởng nhiều đến người già và trẻ em trong khu vực.",
]  # fmt: skip
PAKN_REQUESTS: Final = [
    "Đề nghị {authority} sớm kiểm tra, xử lý.", "Kính đề nghị cơ quan chức năng xem xét, giải quyết dứt điểm.",
    "Mong chính quyền địa phương quan tâm khắc phục sớm để bảo đảm an toàn cho người dân.",
    "Rất mong nhận được phản hồi. Xin cảm ơn.", "Đề nghị kiểm tra và trả lời cho người dân được biết.",
    "Đề nghị các cơ quan liên quan phối hợp xử lý.",
]  # fmt: skip
TO_CAO_REQUESTS: Final = [
    "Đề nghị {authority} xem xét, xác minh và xử lý nghiêm theo quy định của pháp luật.",
    "Tôi đề nghị được giữ bí mật họ tên, địa chỉ và bút tích của tôi theo quy định của Luật Tố cáo.",
    "Tôi cam đoan nội dung tố cáo là đúng sự thật và chịu trách nhiệm trước pháp luật.",
]  # fmt: skip

PAKN_ANSWERS: Final = [
    "{authority} đã giao bộ phận chuyên môn kiểm tra hiện trường. Đơn vị quản lý đã khắc phục xong nội dung ông/bà phản ánh.",
    "{authority} đã kiểm tra và yêu cầu các hộ vi phạm khắc phục; lực lượng chức năng sẽ tiếp tục kiểm tra, xử lý nếu tái diễn.",
    "Nội dung phản ánh đã được chuyển đến đơn vị quản lý chuyên ngành để đưa vào kế hoạch sửa chữa trong năm {year}.",
    "{authority} đã lập biên bản vi phạm hành chính và yêu cầu khôi phục lại tình trạng ban đầu.",
    "Qua kiểm tra, nội dung phản ánh là đúng một phần; {authority} đã chấn chỉnh và nhắc nhở các cá nhân liên quan.",
    "Qua kiểm tra, nội dung phản ánh chưa có cơ sở. {authority} sẽ tiếp tục theo dõi và thông tin lại nếu có diễn biến mới.",
    "{authority} ghi nhận kiến nghị và sẽ nghiên cứu, đưa vào chương trình công tác của năm {year}.",
]  # fmt: skip
DECISION_ACTIONS: Final = {
    "right": [
        "Giao các bộ phận liên quan thu hồi, điều chỉnh quyết định bị khiếu nại và khôi phục quyền lợi hợp pháp cho người khiếu nại.",
        "Yêu cầu các cá nhân có liên quan kiểm điểm trách nhiệm và khắc phục hậu quả.",
    ],
    "partly_right": [
        "Điều chỉnh một phần nội dung quyết định bị khiếu nại; giữ nguyên các nội dung còn lại.",
        "Chấp nhận một phần yêu cầu; giao bộ phận chuyên môn thực hiện hỗ trợ bổ sung theo quy định.",
    ],
    "wrong": [
        "Giữ nguyên quyết định bị khiếu nại vì đã ban hành đúng quy định của pháp luật.",
        "Không chấp nhận các yêu cầu của người khiếu nại vì không có căn cứ.",
    ],
}  # fmt: skip
TO_CAO_CONCLUSIONS: Final = {
    "right": "Nội dung tố cáo là đúng. Kiến nghị xử lý kỷ luật đối với cá nhân vi phạm và thu hồi khoản tiền sai phạm.",
    "partly_right": "Nội dung tố cáo đúng một phần. Yêu cầu cá nhân bị tố cáo kiểm điểm, rút kinh nghiệm và khắc phục.",
    "wrong": "Nội dung tố cáo là không đúng. Khôi phục quyền và lợi ích hợp pháp của người bị tố cáo bị xâm phạm.",
}  # fmt: skip
DIALOGUE_MINUTES: Final = [
    "Đã tổ chức đối thoại với người khiếu nại và các bên liên quan; người khiếu nại giữ nguyên yêu cầu.",
    "Biên bản đối thoại: các bên đã trình bày ý kiến, bằng chứng; người khiếu nại đồng ý một phần.",
    "Đối thoại lần {n}: người khiếu nại bổ sung tài liệu về nguồn gốc đất.",
]  # fmt: skip
SUSPEND_REASONS: Final = [
    "Chờ kết quả giám định của cơ quan chuyên môn.", "Chờ kết quả giải quyết của cơ quan khác có liên quan.",
    "Người khiếu nại ốm đau, đề nghị tạm dừng.", "Chờ ý kiến của cơ quan quản lý cấp trên.",
]  # fmt: skip
TRANSFER_REASONS: Final = [
    "không thuộc thẩm quyền giải quyết", "nội dung thuộc trách nhiệm quản lý của đơn vị khác",
    "địa điểm phản ánh thuộc địa bàn khác",
]  # fmt: skip
RATING_COMMENTS_GOOD: Final = [
    "Cán bộ nhiệt tình, giải quyết nhanh.", "Cảm ơn chính quyền đã xử lý kịp thời.", "Rất hài lòng.",
    "Được thông báo kết quả rõ ràng.", "Thủ tục đơn giản, dễ theo dõi.",
]  # fmt: skip
RATING_COMMENTS_BAD: Final = [
    "Xử lý chậm, phải hỏi nhiều lần.", "Trả lời chung chung, chưa giải quyết dứt điểm.",
    "Không được thông báo tiến độ.", "Cán bộ chưa nhiệt tình.", "Sự việc vẫn tái diễn sau khi trả lời.",
]  # fmt: skip
CONSENT_TEXT: Final = (
    "Tôi đồng ý để thông tin trong đơn này, kể cả dữ liệu cá nhân của tôi, được xử lý để tiếp nhận, "
    "chuyển, giải quyết và trả lời đơn, và để thống kê không nêu tên ai. (Dữ liệu sinh tự động.)"
)
EMAIL_DOMAINS: Final = ["example.com", "example.net", "example.org"]
