// Live updates for the status and station pages: listens to the Server-Sent Events stream named by
// <body data-live-src="…"> and writes each received text into every element with the matching data-live key.
(function () {
  "use strict";
  var src = document.body.getAttribute("data-live-src");
  if (!src || !window.EventSource) { return; }
  var source = new EventSource(src);
  source.onmessage = function (message) {
    var values;
    try { values = JSON.parse(message.data); } catch (e) { return; }
    Object.keys(values).forEach(function (key) {
      var nodes = document.querySelectorAll("[data-live=\"" + key.replace(/"/g, "") + "\"]");
      for (var i = 0; i < nodes.length; i++) {
        if (nodes[i].textContent !== values[key]) {
          nodes[i].textContent = values[key];
          nodes[i].setAttribute("data-state", values[key]);
        }
      }
    });
    document.body.setAttribute("data-live-updated", String(Date.now()));
  };
})();
