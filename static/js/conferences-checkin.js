// The check-in page: clear and refocus the code field after each scan, and scan QR codes
// with the device camera where the browser offers the BarcodeDetector API.
(function () {
  "use strict";
  var form = document.getElementById("checkin-form");
  if (!form) { return; }
  var input = form.querySelector("input[name=code]");

  form.addEventListener("htmx:afterRequest", function () {
    form.reset();
    input.focus();
  });

  var button = document.getElementById("checkin-camera-start");
  var video = document.getElementById("checkin-camera");
  if (!button || !video || !("BarcodeDetector" in window) ||
      !navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
    return;
  }
  button.classList.remove("d-none");
  var detector = new window.BarcodeDetector({ formats: ["qr_code"] });
  var lastValue = "";
  var lastAt = 0;

  function scan() {
    if (video.paused || video.ended) { return; }
    detector.detect(video).then(function (codes) {
      var now = Date.now();
      if (codes.length && (codes[0].rawValue !== lastValue || now - lastAt > 3000)) {
        lastValue = codes[0].rawValue;
        lastAt = now;
        input.value = lastValue;
        form.requestSubmit();
      }
    }).catch(function () { /* a frame that could not be read */ }).finally(function () {
      window.setTimeout(scan, 250);
    });
  }

  button.addEventListener("click", function () {
    navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } })
      .then(function (stream) {
        video.srcObject = stream;
        video.classList.remove("d-none");
        button.classList.add("d-none");
        return video.play();
      })
      .then(scan)
      .catch(function () { button.disabled = true; });
  });
})();
