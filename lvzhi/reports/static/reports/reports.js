// Peer report review: marks in the text ↔ rows of the figure table; add a figure row.
(function () {
  function rowsFor(mark) {
    return (mark.dataset.figs || "").split(" ").filter(Boolean)
      .map(function (i) { return document.getElementById("fig-row-" + i); }).filter(Boolean);
  }
  document.querySelectorAll("mark.lz-fig[data-figs]").forEach(function (mark) {
    mark.addEventListener("click", function () {
      document.querySelectorAll(".lz-active").forEach(function (el) { el.classList.remove("lz-active"); });
      mark.classList.add("lz-active");
      var rows = rowsFor(mark);
      rows.forEach(function (r) { r.classList.add("lz-active"); });
      if (rows[0]) { rows[0].scrollIntoView({ behavior: "smooth", block: "center" }); }
    });
  });
  document.querySelectorAll("tr.lz-fig-row[id^=fig-row-]").forEach(function (row) {
    var index = row.id.replace("fig-row-", "");
    row.addEventListener("mouseenter", function () {
      document.querySelectorAll("mark.lz-fig[data-figs]").forEach(function (m) {
        m.classList.toggle("lz-active", (" " + m.dataset.figs + " ").indexOf(" " + index + " ") >= 0);
      });
    });
  });
  var add = document.getElementById("add-figure");
  var template = document.getElementById("figure-template");
  var total = document.querySelector("input[name$=TOTAL_FORMS]");
  if (add && template && total) {
    add.addEventListener("click", function () {
      var n = parseInt(total.value, 10);
      var html = template.innerHTML.replace(/__prefix__/g, String(n));
      document.getElementById("figure-rows").insertAdjacentHTML("beforeend", html);
      total.value = String(n + 1);
      var select = document.querySelectorAll("#figure-rows tr:last-child select")[0];
      if (select) { select.focus(); }
    });
  }
})();
