/* Progressive enhancement only: every page works without this file. */
document.addEventListener("DOMContentLoaded", function () {
  // After a failed submit, take keyboard and screen-reader users straight to the list of problems.
  var summary = document.getElementById("error-summary");
  if (summary) { summary.focus(); }
});
