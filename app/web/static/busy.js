// Long operations (imports, a revised text, consolidation, renumbering): the form says the work
// is under way and for how long, and is not sent twice. Its submit button is not disabled: the
// button's own name and value must still be sent with the form.
(function () {
  "use strict";
  document.addEventListener("submit", function (ev) {
    var form = ev.target;
    if (!form.hasAttribute || !form.hasAttribute("data-busy")) return;
    if (form.dataset.sent === "1") { ev.preventDefault(); return; }
    form.dataset.sent = "1";
    form.setAttribute("aria-busy", "true");
    var status = document.createElement("p");
    status.className = "busy-status";
    status.setAttribute("role", "status");
    form.appendChild(status);
    var start = Date.now(), message = form.getAttribute("data-busy");
    function tick() {
      status.textContent = message.replace("{s}", String(Math.round((Date.now() - start) / 1000)));
    }
    tick();
    form._busyTimer = window.setInterval(tick, 1000);
  });
  // back to a page kept in the browser's cache: the form can be sent again
  window.addEventListener("pageshow", function (ev) {
    if (!ev.persisted) return;
    document.querySelectorAll("form[data-busy]").forEach(function (form) {
      form.dataset.sent = "";
      form.removeAttribute("aria-busy");
      window.clearInterval(form._busyTimer);
      form.querySelectorAll(".busy-status").forEach(function (s) { s.remove(); });
    });
  });
})();
