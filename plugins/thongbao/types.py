"""Names, permissions and labels of the thongbao module (thông báo: notifications)."""
from __future__ import annotations

PLUGIN = "thongbao"

P_VIEW = "thongbao.view"          # the outbox and the print list
P_MANAGE = "thongbao.manage"      # resend, send a test message
P_CONSENT = "thongbao.consent"    # a person's consent: read and record

#: consent categories (loại tin) a person agrees to receive, one by one (R-DL-04)
CATEGORIES = {
    "case_updates": "Tin về hồ sơ, đơn thư của mình (tiếp nhận, bổ sung, hẹn lại, có kết quả, trả lời)",
    "appointments": "Nhắc lịch hẹn",
    "notices": "Thông báo của phường, tổ dân phố (họp, công khai)",
    "codes": "Mã xác thực dùng một lần (lấy ý kiến, biểu quyết trực tuyến)",
}

#: channels a resident can be reached on, in the order tried
ADDRESS_CHANNELS = ("email", "sms", "zalo")

CHANNEL_LABELS = {"email": "Thư điện tử", "sms": "Tin nhắn SMS", "zalo": "Zalo OA (ZNS)",
                  "print": "Danh sách in (trao tay, đọc trên loa)"}

#: how consent was given (R-DL-04: clear and affirmative, never by default)
CONSENT_SOURCES = {"paper": "Phiếu đồng ý có chữ ký", "counter": "Đăng ký tại bộ phận một cửa",
                   "online": "Đăng ký trực tuyến"}
