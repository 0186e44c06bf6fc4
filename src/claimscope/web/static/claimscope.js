// claimscope: clicking an item in the side panel scrolls to its span in the text and marks
// every piece of it (a quote's content, cue and speaker). Also on load, for a link #at-ID.
(function () {
  "use strict";
  function mark(item) {
    document.querySelectorAll(".marked").forEach(function (el) { el.classList.remove("marked"); });
    var pieces = Array.prototype.filter.call(
      document.querySelectorAll("#text [data-items]"),
      function (el) { return el.getAttribute("data-items").split(" ").indexOf(item) >= 0; });
    pieces.forEach(function (el) { el.classList.add("marked"); });
    if (pieces.length) { pieces[0].scrollIntoView({ block: "center" }); }
    document.querySelectorAll("[data-item]").forEach(function (el) {
      el.classList.toggle("marked-item", el.getAttribute("data-item") === item);
    });
    return pieces.length;
  }
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[data-item]");
    if (!link) { return; }
    event.preventDefault();
    var item = link.getAttribute("data-item");
    if (mark(item)) { history.replaceState(null, "", "#at-" + item); }
  });
  function fromHash() {
    if (location.hash.indexOf("#at-") === 0) { mark(decodeURIComponent(location.hash.slice(4))); }
  }
  document.addEventListener("DOMContentLoaded", fromHash);
  window.addEventListener("hashchange", fromHash);
})();
