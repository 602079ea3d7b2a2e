// "Cite this page": a Copy button beside each citation. Only an enhancement: without
// JavaScript (or without the Clipboard API) the buttons stay hidden, and one click selects a
// whole citation (user-select: all in site.css), ready to copy.
"use strict";
document.querySelectorAll("button[data-copy]").forEach(function (button) {
  var source = document.getElementById(button.getAttribute("data-copy"));
  var status = document.getElementById(button.getAttribute("aria-describedby"));
  if (!source || !status || !navigator.clipboard) {
    return;
  }
  button.hidden = false;
  button.addEventListener("click", function () {
    navigator.clipboard.writeText(source.textContent).then(
      function () {
        status.textContent = button.getAttribute("data-done");
      },
      function () {
        status.textContent = button.getAttribute("data-failed");
      }
    );
  });
});
