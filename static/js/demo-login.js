// Demo login page: clicking a demo login fills in its email address and the demo password.
document.addEventListener("click", (event) => {
  const button = event.target.closest(".demo-login");
  if (!button) return;
  const form = document.querySelector("form.allauth-form");
  if (!form) return;
  form.querySelector("input[name=login]").value = button.dataset.email;
  const password = form.querySelector("input[name=password]");
  password.value = document.getElementById("demo-logins").dataset.password || "";
  password.focus();
});
