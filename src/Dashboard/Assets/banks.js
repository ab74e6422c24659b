// Bank import with an upload progress bar: the form is sent with XMLHttpRequest and the answer (the page with the
// result or the per-line errors) replaces this one. Without scripts the form posts normally.
(function () {
  "use strict";
  for (const form of document.querySelectorAll("form.import")) {
    form.addEventListener("submit", e => {
      e.preventDefault();
      const bar = form.querySelector("progress");
      bar.hidden = false;
      const request = new XMLHttpRequest();
      request.open("POST", form.action);
      request.upload.addEventListener("progress", p => { if (p.lengthComputable) { bar.value = Math.round(100 * p.loaded / p.total); } });
      request.addEventListener("load", () => {
        // The answer is the page after the import (a redirect already followed) or the refusal with its lines.
        if (request.responseURL) { history.replaceState(null, "", request.responseURL); }
        document.open();
        document.write(request.responseText);
        document.close();
      });
      request.send(new FormData(form));
    });
  }
})();
