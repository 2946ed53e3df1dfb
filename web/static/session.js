/* Warn before the session ends for inactivity (progressive enhancement: without this
   script the app works the same, and a form posted after the session ended is kept).
   The idle limit comes from the page (data-session-idle-minutes); "Tiếp tục làm việc"
   asks the server to extend the session (GET /-/session). */
(function () {
  "use strict";
  var body = document.body;
  var minutes = parseInt(body.getAttribute("data-session-idle-minutes") || "0", 10);
  var box = document.getElementById("canh-bao-phien");
  if (!minutes || !box) { return; }
  var warnBefore = Math.min(2, Math.max(minutes / 4, 0.05)) * 60 * 1000;
  var limit = minutes * 60 * 1000;
  var last = Date.now();
  var timer = null;
  var left = box.querySelector(".session-left");
  function schedule() {
    if (timer) { clearTimeout(timer); }
    timer = setTimeout(warn, Math.max(limit - warnBefore - (Date.now() - last), 0));
  }
  function warn() {
    var remaining = Math.max(0, Math.ceil((limit - (Date.now() - last)) / 60000));
    if (left) { left.textContent = String(remaining); }
    box.hidden = false;
    timer = setTimeout(warn, 30000);
  }
  function extend() {
    fetch("/-/session.json", {credentials: "same-origin", headers: {"Accept": "application/json"}})
      .then(function (r) { return r.json(); })
      .then(function (data) {
        if (data && data.ok && data.active) {
          last = Date.now();
          box.hidden = true;
          schedule();
        } else if (left) {
          box.querySelector("p").textContent = "Phiên làm việc đã hết hạn. Bạn vẫn có thể gửi biểu mẫu: nội dung được giữ lại và điền lại sau khi đăng nhập.";
        }
      })
      .catch(function () {});
  }
  var button = box.querySelector(".session-extend");
  if (button) { button.addEventListener("click", extend); }
  schedule();
})();
