// Enhances the server-rendered discussion: posting, replying, voting, sorting and loading more
// happen in place. Every control is a real link or form, so all of it also works without this.

const FRAGMENT = { "Byline-Fragment": "1" };

function announce(root, message) {
  const region = root.querySelector("[data-announce]");
  if (region) region.textContent = message;
}

function fragment(html) {
  const template = document.createElement("template");
  template.innerHTML = html.trim();
  return template.content;
}

async function request(url, options = {}) {
  const response = await fetch(url, {
    credentials: "same-origin",
    ...options,
    headers: { ...FRAGMENT, ...(options.headers || {}) },
  });
  return { status: response.status, html: await response.text(), notice: response.headers.get("Byline-Notice") };
}

// A page the page cache shares holds no "form started" timestamp (it would be every reader's):
// ask for one, never cached, when the reader starts on a comment form. Submitting waits for it.
function stampOnStart(event) {
  const form = event.target.closest?.("form");
  const input = form?.querySelector("input[data-started]");
  if (!input || form.bylineStarted) return;
  form.bylineStarted = fetch(input.dataset.started, { credentials: "same-origin", cache: "no-store" })
    .then((response) => (response.ok ? response.text() : ""))
    .then((stamp) => {
      if (stamp) input.value = stamp.trim();
    })
    .catch(() => {});
}

function failure(root, error) {
  announce(root, "Something went wrong. Please try again; nothing you typed was lost.");
  console.error(error);
}

function enhanceForm(root, form) {
  const home = form.parentElement;
  const homeNext = form.nextSibling;
  const parentInput = form.querySelector("input[name=parent]");
  const title = form.querySelector("[data-form-title]");
  const defaultTitle = title.textContent;

  function replyTo(link) {
    const item = link.closest("[data-comment-id]");
    form.classList.remove("comment-form--compact");
    parentInput.value = link.dataset.replyTo;
    title.textContent = `Reply to ${link.dataset.replyName}`;
    item.querySelector(".comment__card").after(form);
    form.classList.add("comment-form--inline");
    if (!form.querySelector("[data-cancel-reply]")) {
      const cancel = document.createElement("button");
      cancel.type = "button";
      cancel.className = "button button--secondary";
      cancel.dataset.cancelReply = "";
      cancel.textContent = "Cancel reply";
      cancel.addEventListener("click", reset);
      form.querySelector(".comment-form__submit").append(cancel);
    }
    form.querySelector("textarea").focus();
  }

  function reset() {
    parentInput.value = "";
    title.textContent = defaultTitle;
    form.classList.remove("comment-form--inline");
    form.querySelector("[data-replying]")?.remove();
    form.querySelector("button[data-cancel-reply]")?.remove();
    home.insertBefore(form, homeNext);
  }

  // The one-line composer: folded to its text box until the reader starts, unless the page
  // came back with errors or a reply or an answer already under way.
  const underway = form.querySelector(".form-errors, [aria-invalid=true], [data-replying]") || form.querySelector("input[name=prompt]")?.value;
  const text = form.querySelector("textarea");
  if (!underway && !text.value) form.classList.add("comment-form--compact");
  text.placeholder = "Join the discussion…";
  form.addEventListener("focusin", () => form.classList.remove("comment-form--compact"));

  root.addEventListener("click", (event) => {
    const link = event.target.closest("a[data-reply-to]");
    if (!link) return;
    event.preventDefault();
    replyTo(link);
  });

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const button = form.querySelector("button[type=submit]");
    button.disabled = true;
    try {
      await form.bylineStarted;
      const { status, html, notice } = await request(form.action, { method: "POST", body: new FormData(form) });
      if (status === 201) {
        const item = fragment(html).firstElementChild;
        placeComment(root, item, parentInput.value);
        form.querySelector("textarea").value = "";
        reset();
        item.querySelector(".comment__card").focus();
        const held = item.querySelector("[data-held]");
        const posted = held ? held.textContent.trim() : "Your comment was posted.";
        announce(root, `${posted} ${decodeURIComponent(notice || "")}`.trim());
      } else if (status === 400) {
        showErrors(form, html);
        announce(root, "Your comment was not posted. Check the messages next to the fields.");
      } else {
        announce(root, "Your comment was not posted. Please try again.");
      }
    } catch (error) {
      failure(root, error);
    } finally {
      button.disabled = false;
    }
  });
}

function showErrors(form, html) {
  const fresh = fragment(html).querySelector("form");
  for (const selector of [".form-errors", ".field"]) {
    form.querySelectorAll(selector).forEach((node) => node.remove());
  }
  const anchor = form.querySelector(".comment-form__submit");
  fresh.querySelectorAll(".form-errors, .field").forEach((node) => anchor.before(node));
  form.querySelector("[aria-invalid=true]")?.focus();
}

function placeComment(root, item, parentId) {
  item.tabIndex = -1;
  item.querySelector(".comment__card").tabIndex = -1;
  if (!parentId) {
    let list = root.querySelector(".comment-list");
    list.prepend(item);
    return;
  }
  const rootItem = root.querySelector(`[data-comment-id="${parentId}"]`)?.closest(".comment-list > li");
  let replies = rootItem.querySelector(":scope > .replies");
  if (!replies) {
    replies = document.createElement("ol");
    replies.className = "replies";
    rootItem.querySelector(".comment__card").after(replies);
  }
  replies.append(item);
}

function enhanceVotes(root) {
  root.addEventListener("click", async (event) => {
    const button = event.target.closest("button[form=vote-form]");
    if (!button) return;
    event.preventDefault();
    const form = document.getElementById("vote-form");
    const body = new FormData(form);
    body.set("value", button.value);
    try {
      const { status, html } = await request(button.formAction, { method: "POST", body });
      if (status === 200) {
        const votes = button.closest("[data-votes]");
        const fresh = fragment(html).firstElementChild;
        votes.replaceWith(fresh);
        fresh.querySelector(`button[aria-pressed=true]`)?.focus() || fresh.querySelector("button").focus();
        announce(root, `Score ${fresh.querySelector(".votes__score").textContent.trim()}.`);
      } else {
        announce(root, fragment(html).textContent.trim());
      }
    } catch (error) {
      failure(root, error);
    }
  });
}

function enhanceLoading(root) {
  root.addEventListener("click", async (event) => {
    const more = event.target.closest("a[data-load-more], a[data-more-replies], a[data-sort]");
    if (!more) return;
    event.preventDefault();
    try {
      if (more.dataset.sort) await sortBy(root, more);
      else if (more.dataset.loadMore) await loadMoreComments(root, more);
      else await loadMoreReplies(more);
    } catch (error) {
      failure(root, error);
    }
  });
}

async function sortBy(root, link) {
  const { html } = await request(`${root.dataset.threadUrl}?sort=${link.dataset.sort}`);
  root.querySelector("[data-comment-pages]").replaceChildren(fragment(html));
  root.querySelectorAll("a[data-sort]").forEach((other) => other.removeAttribute("aria-current"));
  link.setAttribute("aria-current", "true");
  history.replaceState(null, "", `?sort=${link.dataset.sort}#comments`);
  announce(root, `Comments sorted by ${link.textContent.trim().toLowerCase()}.`);
}

async function loadMoreComments(root, link) {
  const { html } = await request(link.dataset.loadMore);
  const page = fragment(html);
  const items = [...page.querySelectorAll(".comment-list > li")];
  root.querySelector(".comment-list").append(...items);
  const next = page.querySelector(".discussion__more");
  link.closest(".discussion__more").replaceWith(...(next ? [next] : []));
  items[0]?.querySelector(".comment__card")?.setAttribute("tabindex", "-1");
  items[0]?.querySelector(".comment__card")?.focus();
  announce(root, `${items.length} more comments loaded.`);
}

async function loadMoreReplies(link) {
  const { html } = await request(link.dataset.moreReplies);
  const page = fragment(html);
  const rootItem = link.closest("li");
  let replies = rootItem.querySelector(":scope > .replies");
  if (!replies) {
    replies = document.createElement("ol");
    replies.className = "replies";
    link.parentElement.before(replies);
  }
  const next = page.querySelector("[data-next-replies]");
  next?.remove();
  const items = [...page.children];
  replies.append(...items);
  if (next) link.dataset.moreReplies = next.dataset.nextReplies;
  else link.parentElement.remove();
  items[0]?.querySelector(".comment__card")?.setAttribute("tabindex", "-1");
  items[0]?.querySelector(".comment__card")?.focus();
}

function enhanceReports(root) {
  root.addEventListener("click", async (event) => {
    const cancel = event.target.closest("a[data-cancel-report]");
    const link = event.target.closest("a[data-report]");
    if (!cancel && !link) return;
    event.preventDefault();
    if (cancel) {
      const card = cancel.closest(".comment__card");
      cancel.closest("form").remove();
      card.querySelector("a[data-report]")?.focus();
      return;
    }
    const card = link.closest(".comment__card");
    if (card.querySelector("[data-report-form]")) return;
    try {
      const { status, html } = await request(link.href);
      if (status !== 200) return announce(root, fragment(html).textContent.trim());
      const form = fragment(html).firstElementChild;
      card.append(form);
      form.querySelector("input")?.focus();
    } catch (error) {
      failure(root, error);
    }
  });
  root.addEventListener("submit", async (event) => {
    const form = event.target.closest("form[data-report-form]");
    if (!form) return;
    event.preventDefault();
    try {
      const { status, html } = await request(form.action, { method: "POST", body: new FormData(form) });
      const fresh = fragment(html).firstElementChild;
      form.replaceWith(fresh);
      if (status === 400) fresh.querySelector("input")?.focus();
      else fresh.closest(".comment__card")?.querySelector("a[data-report]")?.remove();
      announce(root, status === 400 ? "Choose a reason for your report." : fresh.textContent.trim());
    } catch (error) {
      failure(root, error);
    }
  });
}

// "Notify of": subscribe in place; "Follow" under a comment opens the form right there,
// pointed at that comment, so the reader stays where they were.
function enhanceNotify(root) {
  root.addEventListener("submit", async (event) => {
    const form = event.target.closest("[data-notify-form]");
    if (!form) return;
    event.preventDefault();
    try {
      const { html } = await request(form.action, { method: "POST", body: new FormData(form) });
      const fresh = fragment(html).querySelector("form");
      form.replaceWith(fresh);
      (fresh.querySelector("[data-notify-notice]") || fresh.querySelector("[aria-invalid=true]"))?.focus();
    } catch (error) {
      failure(root, error);
    }
  });
  root.addEventListener("click", (event) => {
    const link = event.target.closest("a[data-follow]");
    const form = root.querySelector("[data-notify-form]");
    if (!link || !form) return;
    event.preventDefault();
    const kind = form.querySelector("select[name=kind]");
    kind.querySelector("option[value=comment]").textContent = `New replies to ${link.dataset.followName}’s comment`;
    kind.value = "comment";
    form.querySelector("input[name=comment]").value = link.dataset.follow;
    const control = form.closest("[data-notify-control]") || form;
    link.closest(".comment__card").after(control);
    control.open = true;
    kind.focus();
  });
}

export function enhance(root) {
  const status = document.createElement("p");
  status.className = "visually-hidden";
  status.setAttribute("role", "status");
  status.dataset.announce = "";
  root.append(status);
  const form = root.querySelector("[data-comment-form]");
  if (form) enhanceForm(root, form);
  enhanceVotes(root);
  enhanceLoading(root);
  enhanceNotify(root);
  enhanceReports(root);
}

document.addEventListener("focusin", stampOnStart);
document.addEventListener("input", stampOnStart);
document.querySelectorAll("[data-discussion]").forEach(enhance);
