// Starts the interactive API documentation on /docs (Swagger UI) or /redoc (ReDoc) over the
// schema named by the page (data-openapi), from the files in /static/vendor/ (no CDN).
(function () {
  "use strict";
  var swagger = document.getElementById("swagger-ui");
  if (swagger && window.SwaggerUIBundle) {
    window.ui = window.SwaggerUIBundle({
      url: swagger.getAttribute("data-openapi"),
      dom_id: "#swagger-ui",
      deepLinking: true,
      // No badge from the online validator: the page asks nothing of another site.
      validatorUrl: null,
      presets: [window.SwaggerUIBundle.presets.apis],
      layout: "BaseLayout",
    });
  }
  var redoc = document.getElementById("redoc");
  if (redoc && window.Redoc) {
    // Search runs in a worker made from a blob: URL, which the page's policy refuses.
    window.Redoc.init(redoc.getAttribute("data-openapi"), { disableSearch: true, hideDownloadButton: false }, redoc);
  }
})();
