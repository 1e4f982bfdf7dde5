// Keyboard shortcuts and in-place decisions for the moderation queue. Without this script
// every button still submits the form and the queue reloads. Listeners sit on the document,
// because Wagtail replaces the results when the search or the filters change.
(() => {
  const queue = () => document.querySelector("[data-moderation-queue]");
  const rows = () => [...document.querySelectorAll("[data-moderation-queue] tr[data-comment-id]")];
  const current = () => document.activeElement?.closest("tr[data-comment-id]") || null;
  const selected = () =>
    [...document.querySelectorAll("[data-moderation-queue] [data-moderation-select]:checked")].map((box) => box.value);

  function say(text, type = "success") {
    const status = document.querySelector("[data-moderation-status]");
    if (status) status.textContent = text;
    document.dispatchEvent(new CustomEvent("w-messages:add", { detail: { clear: true, text, type } }));
  }

  function focusRow(row) {
    if (!row) return;
    rows().forEach((other) => other.classList.toggle("is-current", other === row));
    row.focus();
  }

  function move(step) {
    const all = rows();
    const index = all.indexOf(current());
    focusRow(all[Math.min(Math.max(index + step, 0), all.length - 1)] || all[0]);
  }

  function showEmpty(form) {
    const note = document.createElement("p");
    note.className = "moderation-empty";
    note.tabIndex = -1;
    note.textContent = form.dataset.empty;
    form.replaceWith(note);
    note.focus();
  }

  async function decide(decision, ids) {
    const form = queue();
    if (!form) return;
    if (!ids.length) return say("Select a comment first.", "error");
    const body = new FormData();
    body.set("csrfmiddlewaretoken", form.querySelector("[name=csrfmiddlewaretoken]").value);
    body.set("decision", decision);
    ids.forEach((id) => body.append("ids", id));
    try {
      const response = await fetch(form.action, {
        method: "POST",
        body,
        credentials: "same-origin",
        headers: { Accept: "application/json" },
      });
      const answer = await response.json();
      if (!response.ok) return say(answer.error || "That didn't work.", "error");
      const all = rows();
      const gone = all.filter((row) => ids.includes(row.dataset.commentId));
      const after = all.slice(all.indexOf(gone[gone.length - 1]) + 1);
      const next = after.find((row) => !gone.includes(row)) || all.find((row) => !gone.includes(row));
      gone.forEach((row) => row.remove());
      say(answer.message);
      if (next) focusRow(next);
      else if (!rows().length) showEmpty(form);
      else form.querySelector(".moderation-bulk button")?.focus();
    } catch (error) {
      say("The decision was not saved. Check your connection and try again.", "error");
    }
  }

  document.addEventListener("click", (event) => {
    const button = event.target.closest("[data-moderation-queue] button[data-moderation-decision]");
    if (!button) return;
    event.preventDefault();
    decide(button.dataset.moderationDecision, [button.closest("tr").dataset.commentId]);
  });

  document.addEventListener("submit", (event) => {
    if (!event.target.matches("[data-moderation-queue]")) return;
    const decision = event.submitter?.name === "decision" ? event.submitter.value : null;
    if (!decision) return;
    event.preventDefault();
    decide(decision, selected());
  });

  document.addEventListener("keydown", (event) => {
    if (!queue() || event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) return;
    if (event.target.closest("input:not([type=checkbox]), textarea, select, [contenteditable], dialog")) return;
    const row = current();
    const key = event.key.toLowerCase();
    const decisions = { a: "approve", r: "reject", s: "spam" };
    if (key === "j" || event.key === "ArrowDown") move(1);
    else if (key === "k" || event.key === "ArrowUp") move(-1);
    else if (key === "x" && row) {
      const box = row.querySelector("[data-moderation-select]");
      box.checked = !box.checked;
    } else if (key === "o" && row) row.querySelector("[data-moderation-open]")?.click();
    else if (decisions[key] && event.shiftKey) decide(decisions[key], selected());
    else if (decisions[key] && row) {
      if (!row.querySelector(`[data-moderation-decision=${decisions[key]}]`)) return;
      decide(decisions[key], [row.dataset.commentId]);
    } else return;
    event.preventDefault();
  });
})();
