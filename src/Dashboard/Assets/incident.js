// Incident page: asks once more before a frame is revealed, and blurs a revealed frame again when its time is up
// (the server stops serving it at the same moment).
(function () {
  "use strict";
  for (const form of document.querySelectorAll("form.reveal")) {
    form.addEventListener("submit", e => {
      if (!window.confirm("Reveal this frame unblurred? Your name and the time are recorded in the audit log.")) { e.preventDefault(); }
    });
  }
  const frame = document.getElementById("revealed-frame");
  if (frame) {
    const seconds = Number(frame.dataset.seconds) || 20;
    setTimeout(() => { window.location.replace(window.location.pathname); }, seconds * 1000);
  }
})();
