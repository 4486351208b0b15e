/* "Near me": asks the browser for the position, rounds it to about 100 m and sends it
   with the search form, only to sort the results by distance. Nothing is stored: not
   here, not on the server. Without JavaScript the button stays hidden. */
(function () {
  "use strict";
  var button = document.getElementById("near-me");
  var form = document.getElementById("finder-form");
  if (!button || !form || !("geolocation" in navigator)) {
    return;
  }
  var status = document.getElementById("near-me-status");
  button.parentElement.hidden = false;
  button.addEventListener("click", function () {
    button.disabled = true;
    navigator.geolocation.getCurrentPosition(
      function (position) {
        form.elements.lat.value = position.coords.latitude.toFixed(3);
        form.elements.lon.value = position.coords.longitude.toFixed(3);
        if (form.elements.page) {
          form.elements.page.value = "";
        }
        form.submit();
      },
      function () {
        button.disabled = false;
        if (status) {
          status.textContent = button.getAttribute("data-denied");
        }
      },
      { enableHighAccuracy: false, timeout: 10000, maximumAge: 600000 }
    );
  });
})();
