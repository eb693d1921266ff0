// Small enhancements; every page works without them.
(function () {
  "use strict";
  // Copy a turn's permalink (full URL) when its link is activated; the link still navigates.
  document.addEventListener("click", function (event) {
    var link = event.target.closest("[data-copy-link]");
    if (!link || !navigator.clipboard) return;
    var url = new URL(link.getAttribute("href"), window.location.href).href;
    navigator.clipboard.writeText(url).then(function () {
      var original = link.textContent;
      link.textContent = "✓ " + (link.getAttribute("data-copied") || "");
      setTimeout(function () { link.textContent = original; }, 1600);
    }, function () {});
  });
  // "/" jumps to the search box, as on most sites with search.
  document.addEventListener("keydown", function (event) {
    if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey) return;
    var active = document.activeElement;
    if (active && (active.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(active.tagName))) return;
    var box = document.getElementById("search-input") || document.getElementById("site-search-input");
    if (box) { event.preventDefault(); box.focus(); }
  });
})();
