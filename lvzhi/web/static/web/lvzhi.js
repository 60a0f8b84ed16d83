// Lists become cards on a phone: each cell carries its column's heading (read by lvzhi.css).
(function () {
  function label(root) {
    root.querySelectorAll(".lz-main table").forEach(function (table) {
      var heads = Array.prototype.map.call(table.querySelectorAll("thead th"), function (th) {
        return th.textContent.trim();
      });
      if (!heads.length) { table.classList.add("lz-kv"); return; }
      table.classList.add("lz-list");
      table.querySelectorAll("tbody tr").forEach(function (tr) {
        Array.prototype.forEach.call(tr.children, function (td, i) {
          if (heads[i] && !td.hasAttribute("data-label")) td.setAttribute("data-label", heads[i]);
        });
      });
    });
  }
  document.addEventListener("DOMContentLoaded", function () { label(document); });
  document.addEventListener("htmx:afterSwap", function (e) { label(e.target.closest(".lz-main") ? document : e.target); });
})();

// The page behaviours that used to be inline handlers: the Content-Security-Policy
// (script-src 'self') runs no inline script, so they are delegated from here.
(function () {
  "use strict";
  // <select data-autosubmit>: choosing submits its form (language, body pickers).
  document.addEventListener("change", function (e) {
    var el = e.target;
    if (el instanceof HTMLElement && el.hasAttribute("data-autosubmit") && el.form) {
      el.form.submit();
    }
  });
  // <form data-confirm="…">: asks before submitting (deletions).
  document.addEventListener("submit", function (e) {
    var form = e.target;
    if (form instanceof HTMLFormElement && form.hasAttribute("data-confirm") &&
        !window.confirm(form.getAttribute("data-confirm"))) {
      e.preventDefault();
    }
  });
  document.addEventListener("click", function (e) {
    var el = e.target instanceof Element ? e.target : null;
    if (!el) { return; }
    // <input type=checkbox data-check-all="ids">: ticks every checkbox named ids.
    var all = el.closest("[data-check-all]");
    if (all) {
      var name = all.getAttribute("data-check-all");
      document.querySelectorAll('input[name="' + name + '"]').forEach(function (x) { x.checked = all.checked; });
    }
    // <button data-fill-target=ID data-fill-value=V>: puts V into the field #ID (routing suggestions).
    var fill = el.closest("[data-fill-target]");
    if (fill) {
      var field = document.getElementById(fill.getAttribute("data-fill-target"));
      if (field) { field.value = fill.getAttribute("data-fill-value"); }
    }
  });
})();
