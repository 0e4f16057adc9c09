// Progressive enhancement of the proposal form: show only the fields of the chosen kind,
// change the clause without losing the typed text, and preview the redline while typing.
(function () {
  "use strict";
  var form = document.getElementById("propose-form");
  if (!form) return;
  var preview = document.getElementById("preview");
  var text = document.getElementById("proposed_text");
  var clause = document.getElementById("clause_key");

  function kind() {
    var checked = form.querySelector("input[name=kind]:checked");
    return checked ? checked.value : "replace";
  }
  function showFields() {
    var k = kind();
    form.querySelectorAll(".for-kind").forEach(function (el) {
      el.hidden = el.getAttribute("data-kinds").split(" ").indexOf(k) < 0;
    });
  }
  var timer = null;
  function refresh() {
    if (!preview || !text || kind() !== "replace") return;
    var body = new URLSearchParams();
    body.set("csrf_token", form.querySelector("input[name=csrf_token]").value);
    body.set("clause_key", clause.value);
    body.set("proposed_text", text.value);
    fetch(form.getAttribute("data-preview-url"), {method: "POST", body: body, credentials: "same-origin"})
      .then(function (r) { return r.ok ? r.text() : null; })
      .then(function (html) { if (html !== null) preview.innerHTML = html; });
  }
  form.querySelectorAll("input[name=kind]").forEach(function (r) {
    r.addEventListener("change", function () { showFields(); refresh(); });
  });
  if (text) text.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(refresh, 250); });
  if (clause) clause.addEventListener("change", function () {
    // another clause: ask the server for its form, keeping whatever the delegate typed
    var rationale = document.getElementById("rationale");
    var kept = rationale && rationale.value ? "&rationale=" + encodeURIComponent(rationale.value) : "";
    if (text && text.value !== text.defaultValue) kept += "&proposed_text=" + encodeURIComponent(text.value);
    window.location.search = "?clause=" + encodeURIComponent(clause.value) + "&kind=" + kind() + kept;
  });
  showFields();
})();
