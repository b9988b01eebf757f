// A Web Worker stand-in for pages opened from file:// (the offline copy), where browsers refuse
// real workers. The worker script runs in a hidden frame: a real file with no inline script, so
// the pages' Content-Security-Policy (inline scripts by hash only) still holds. Messages cross the
// frame boundary with postMessage. Material's search worker awaits importScripts, so an
// asynchronous importScripts suffices. (Its name contains "iframe-worker" so Material's offline
// plugin does not add a copy from a CDN.)
(function () {
  if (location.protocol !== "file:") return;
  var frameUrl = new URL("plansite-worker-frame.html", document.currentScript.src).href;

  function FrameWorker(url) {
    var target = new EventTarget();
    var frame = document.createElement("iframe");
    var queue = [];
    var ready = false;
    frame.hidden = true;
    frame.title = "search";
    frame.src = frameUrl + "#" + encodeURIComponent(new URL(url, location.href).href);
    window.addEventListener("message", function (event) {
      if (event.source !== frame.contentWindow) return;
      if (event.data && event.data.plansiteWorkerReady) {
        ready = true;
        queue.splice(0).forEach(function (data) { frame.contentWindow.postMessage(data, "*"); });
        return;
      }
      var message = new MessageEvent("message", { data: event.data });
      target.dispatchEvent(message);
      if (typeof target.onmessage === "function") target.onmessage(message);
    });
    target.postMessage = function (data) {
      if (ready) frame.contentWindow.postMessage(data, "*");
      else queue.push(data);
    };
    target.terminate = function () { frame.remove(); };
    document.body.appendChild(frame);
    return target;
  }

  window.Worker = FrameWorker;
})();
