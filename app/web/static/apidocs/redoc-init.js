// Starts ReDoc on /redoc; the schema's address comes from the page (data-openapi-url).
(function () {
  var el = document.getElementById("redoc");
  Redoc.init(el.getAttribute("data-openapi-url"), {}, el);
})();
