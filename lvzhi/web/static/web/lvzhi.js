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
