// Small enhancements; every page works without them.
(function () {
  "use strict";
  var status = null;
  function announce(text) {
    // One polite live region, made on first use, so screen readers hear "copied".
    if (!status) {
      status = document.createElement("p");
      status.className = "visually-hidden";
      status.setAttribute("role", "status");
      document.body.appendChild(status);
    }
    status.textContent = "";
    setTimeout(function () { status.textContent = text; }, 50);
  }
  // Copy a turn's permalink (full URL) when its link is activated; the link still navigates,
  // so the address bar holds the same link where the clipboard is unavailable (plain http).
  document.addEventListener("click", function (event) {
    var link = event.target.closest("[data-copy-link]");
    if (!link || !navigator.clipboard) return;
    var url = new URL(link.getAttribute("href"), window.location.href).href;
    var copied = link.getAttribute("data-copied") || "";
    navigator.clipboard.writeText(url).then(function () {
      var original = link.textContent;
      link.textContent = copied;
      link.classList.add("is-copied");
      announce(copied);
      setTimeout(function () {
        link.textContent = original;
        link.classList.remove("is-copied");
      }, 1600);
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
  // A printed speaker page shows the questions that are folded on screen.
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details:not([open])").forEach(function (d) {
      d.setAttribute("open", "");
      d.setAttribute("data-print-opened", "");
    });
  });
  window.addEventListener("afterprint", function () {
    document.querySelectorAll("details[data-print-opened]").forEach(function (d) {
      d.removeAttribute("open");
      d.removeAttribute("data-print-opened");
    });
  });
})();
