// The sourcing check, live: while the article is edited, post the body's rich-text fields
// (the JSON Draftail keeps in hidden inputs) to the admin's check and show its list. Without
// this script the panel shows the draft as last saved. Wagtail loads it in the <head>, so it
// starts once the form is parsed.
(() => {
  const startSourcingCheck = () => {
    const panel = document.querySelector("[data-sourcing-check]");
    const form = panel && panel.closest("form");
    if (!form) return;
    const results = panel.querySelector("[data-sourcing-check-results]");
    const when = panel.querySelector("[data-sourcing-check-when]");
    const INTERVAL_MS = 2000;
    let last = null;
    let busy = false;

    // The body's rich-text fields, in the order of the form: paragraphs and questions' paragraphs.
    const bodyFields = () =>
      Array.from(form.querySelectorAll('input[type="hidden"][name^="body-"]'))
        .filter((input) => /^body-\d+-value(-text)?$/.test(input.name))
        .filter((input) => input.value.startsWith("{") && input.value.includes('"entityMap"'))
        .filter((input) => {
          const deleted = form.elements.namedItem(`${input.name.split("-value")[0]}-deleted`);
          return !(deleted && deleted.value === "1");
        })
        .map((input) => input.value);

    const refresh = async () => {
      if (busy || document.hidden) return;
      const fields = bodyFields();
      const signature = JSON.stringify(fields);
      if (signature === last) return;
      busy = true;
      try {
        const data = new FormData();
        data.append("csrfmiddlewaretoken", form.querySelector("[name=csrfmiddlewaretoken]").value);
        for (const field of fields) data.append("field", field);
        const response = await fetch(panel.dataset.checkUrl, { method: "POST", body: data });
        if (response.ok) {
          results.innerHTML = await response.text();
          if (when) when.textContent = " as you edit";
          last = signature;
        }
      } catch {
        // Offline or the server is restarting: the list stays as it was, and the next tick retries.
      } finally {
        busy = false;
      }
    };

    // The first tick only records the state as loaded, which the server already checked.
    last = JSON.stringify(bodyFields());
    setInterval(refresh, INTERVAL_MS);
  };

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", startSourcingCheck);
  } else {
    startSourcingCheck();
  }
})();
