// The inside of plansite-iframe-worker.js's frame: gives the worker script the globals a worker
// has (postMessage to its owner, importScripts), loads it, then tells the owner it is ready.
(function () {
  var workerUrl = decodeURIComponent(location.hash.slice(1));

  function loadScript(src, first) {
    return new Promise(function (resolve, reject) {
      var script = document.createElement("script");
      script.src = src;
      script.onload = resolve;
      script.onerror = function () { reject(new Error("cannot load " + src)); };
      if (first) document.head.insertBefore(script, document.head.firstChild);
      else document.body.appendChild(script);
    });
  }

  window.importScripts = function () {
    var urls = Array.prototype.slice.call(arguments);
    return urls.reduce(function (done, url) { return done.then(function () { return loadScript(url); }); }, Promise.resolve());
  };
  var owner = window.parent;
  // Material's worker asks `"IFrameWorker" in parent` (reading the real, cross-origin parent would
  // throw) and then finds its lunr folder from the document's first script: give it both.
  window.parent = { IFrameWorker: true };
  window.postMessage = function (data) { owner.postMessage(data, "*"); };
  loadScript(workerUrl, true).then(function () { owner.postMessage({ plansiteWorkerReady: true }, "*"); });
})();
