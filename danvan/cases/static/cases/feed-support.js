/* "I have this problem too" without leaving the page; without JavaScript the form posts and comes back. */
(function () {
  "use strict";
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.matches || !form.matches("form[data-support]")) { return; }
    event.preventDefault();
    var button = form.querySelector("button");
    button.disabled = true;
    fetch(form.action, {
      method: "POST", body: new FormData(form), credentials: "same-origin",
      headers: { Accept: "application/json", "X-CSRFToken": form.querySelector("[name=csrfmiddlewaretoken]").value }
    }).then(function (response) { return response.json(); }).then(function (data) {
      var count = form.querySelector(".feed-support-count");
      if (data.error) { count.textContent = data.error; button.disabled = false; return; }
      count.textContent = data.count_text + " — " + data.message;
    }).catch(function () { form.submit(); });
  });
})();
