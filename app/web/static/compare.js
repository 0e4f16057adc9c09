// Next / previous change on a long comparison: moves the focus from one changed clause to the next.
(function () {
  "use strict";
  var nav = document.querySelector(".change-nav");
  var changed = Array.prototype.slice.call(document.querySelectorAll(".cmp-clause:not(.cmp-unchanged), .cmp-sbs tbody tr:not(.cmp-unchanged)"));
  if (!nav || !changed.length) return;
  nav.hidden = false;
  var pos = document.getElementById("change-pos");
  var at = -1;
  function go(step) {
    at = Math.min(Math.max(at + step, 0), changed.length - 1);
    var el = changed[at];
    el.setAttribute("tabindex", "-1");
    el.scrollIntoView({block: "center"});
    el.focus();
    pos.textContent = (at + 1) + " / " + changed.length;
  }
  document.getElementById("next-change").addEventListener("click", function () { go(1); });
  document.getElementById("prev-change").addEventListener("click", function () { go(-1); });
})();
