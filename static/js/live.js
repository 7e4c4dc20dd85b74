// Live fragments: an element with data-live-src is replaced, every data-live-every seconds, by
// the element of the same id that the URL returns. Polling stops when the new element no longer
// carries data-live-src (the thing it follows has finished), after an hour, or on an error.
// Without this file the page says how to refresh it by hand.
(function () {
  "use strict";
  var started = Date.now();
  function follow(element) {
    var src = element.getAttribute("data-live-src");
    var every = Math.max(2, parseInt(element.getAttribute("data-live-every"), 10) || 5) * 1000;
    if (!src || !element.id) { return; }
    window.setTimeout(function () {
      if (Date.now() - started > 3600 * 1000) { return; }
      fetch(src, { credentials: "same-origin", headers: { "Accept": "text/html" } })
        .then(function (response) { return response.ok ? response.text() : Promise.reject(response.status); })
        .then(function (html) {
          var doc = new DOMParser().parseFromString(html, "text/html");
          var fresh = doc.getElementById(element.id);
          var current = document.getElementById(element.id);
          if (!fresh || !current) { return; }
          current.replaceWith(fresh);
          follow(fresh);
        })
        .catch(function () { /* leave the last known state and its refresh link */ });
    }, every);
  }
  document.querySelectorAll("[data-live-src]").forEach(follow);
})();
