/* Progressive enhancement only: every page works without this file. */
document.addEventListener("DOMContentLoaded", function () {
  // After a failed submit, take keyboard and screen-reader users straight to the list of problems.
  var summary = document.getElementById("error-summary");
  if (summary) { summary.focus(); }
});

/* A data table or a chart wider than a phone scrolls inside its own region, which the keyboard
   can reach and a screen reader names (WCAG 1.4.10 allows this for data tables and diagrams).
   A chart keeps its drawn size there, so its text is never shrunk below 12 px. */
function scrollRegion(element, label) {
  var wrap = element.parentElement;
  if (!wrap.classList.contains("table-wrap")) {
    wrap = document.createElement("div");
    wrap.className = "table-wrap";
    element.parentNode.insertBefore(wrap, element);
    wrap.appendChild(element);
  }
  if (!wrap.hasAttribute("tabindex")) { wrap.setAttribute("tabindex", "0"); }
  if (!wrap.hasAttribute("role")) {
    wrap.setAttribute("role", "region");
    wrap.setAttribute("aria-label", label || document.title.split(" – ")[0]);
  }
}
function scrollRegions(root) {
  root.querySelectorAll("table").forEach(function (table) {
    var caption = table.querySelector("caption");
    scrollRegion(table, caption && caption.textContent.trim());
  });
  root.querySelectorAll("svg.chart").forEach(function (chart) {
    var title = chart.querySelector("title");
    scrollRegion(chart, title && title.textContent.trim());
  });
}
document.addEventListener("DOMContentLoaded", function () { scrollRegions(document); });
document.addEventListener("htmx:afterSettle", function (event) { scrollRegions(event.target); });
