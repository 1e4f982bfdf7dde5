// The embed's sign-in pop-up: hand the token to the page that opened it, at its origin only.
const data = (id) => {
  const element = document.getElementById(id);
  return element ? JSON.parse(element.textContent) : null;
};

const token = data("byline-embed-token");
const origin = data("byline-embed-origin");
if (token && origin) {
  if (window.opener) {
    // targetOrigin: only a page on the origin the reader confirmed receives the token.
    window.opener.postMessage({ type: "byline:token", token }, origin);
    window.close();
  } else {
    document.querySelector("[data-embed-sign-in-result]").hidden = true;
    document.querySelector("[data-embed-sign-in-lost]").hidden = false;
  }
}
document.querySelector("[data-embed-sign-in-cancel]")?.addEventListener("click", () => window.close());
