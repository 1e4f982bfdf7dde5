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
  markScript(); // a post or a vote may have just set the patch cookie (see patchYours)
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
    // A second click while the first one's comments load would add them twice.
    if (more.getAttribute("aria-busy") === "true") return;
    more.setAttribute("aria-busy", "true");
    try {
      if (more.dataset.sort) await sortBy(root, more);
      else if (more.dataset.loadMore) await loadMoreComments(root, more);
      else await loadMoreReplies(more);
    } catch (error) {
      failure(root, error);
    } finally {
      more.removeAttribute("aria-busy");
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
  await patchYours(root, [root.querySelector("[data-comment-pages]")], true);
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
  await patchYours(root, items, false);
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
  await patchYours(link.closest("[data-discussion]"), items, false);
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

// Live updates, where the page names a live server (data-live-url): from its event stream
// (SSE), new comments are announced in a bubble and shown when the reader asks; counts, votes,
// edits and removals change in place. Nothing moves what the reader is reading. The stream
// closes while the tab is hidden or the reader is idle, and catches up from the last event
// (at first, the page's data-live-since) on return. Events carry ids, never HTML: each comment
// is fetched, as this reader sees it, from the site. Part of this file, not a module of its
// own, so that an article stays within its five requests.

const IDLE_MS = 5 * 60 * 1000;
let liveRoot = null;
const pending = new Map(); // comment id -> parent id ("" for a root), in arrival order
let source = null;
let lastId = "";
// The server said events were missed (a "reset": the reader was away longer than it keeps them).
let stale = false;
let lastActive = Date.now();
let retry = 1000;
// A stream started without an id (the page gave none) names no event to resume from until its
// first event arrives: until then, a pause waits for that event rather than lose what comes.
let pauseWanted = false;
let bubble;
let liveStatus;

const plural = (n, one, many) => `${n} ${n === 1 ? one : many}`;
const commentItem = (id) => document.getElementById(`comment-${id}`);

function openStream() {
  if (source || document.visibilityState === "hidden") return;
  const url = new URL(liveRoot.dataset.liveUrl, location.href);
  if (lastId) url.searchParams.set("last_event_id", lastId);
  source = new EventSource(url);
  for (const [name, handle] of Object.entries(liveHandlers)) {
    source.addEventListener(name, (event) => {
      if (event.lastEventId) lastId = event.lastEventId;
      retry = 1000;
      handle(JSON.parse(event.data));
      if (pauseWanted) pauseStream();
    });
  }
  source.onerror = () => {
    // The browser reconnects by itself (sending Last-Event-ID) unless the stream was refused.
    if (source.readyState !== EventSource.CLOSED) return;
    closeStream();
    // Refused: only a 400 (an id this server never gave) drops the resume point; after a 503
    // (the database briefly away) the stream resumes where it was. A HEAD asks which it was.
    const url = new URL(liveRoot.dataset.liveUrl, location.href);
    if (lastId) url.searchParams.set("last_event_id", lastId);
    fetch(url, { method: "HEAD" })
      .then((answer) => answer.status === 400 && (lastId = ""))
      .catch(() => {})
      .finally(() => setTimeout(openStream, (retry = Math.min(retry * 2, 60000))));
  };
}

function closeStream() {
  source?.close();
  source = null;
}

function pauseStream() {
  pauseWanted = !lastId;
  if (lastId) closeStream();
}

// Run a change to the thread and scroll back by however much it moved the first comment the
// reader can see, so that what they are reading stays where it was.
async function keepPlace(change) {
  const seen = [...liveRoot.querySelectorAll(".comment__card")].find((card) => card.getBoundingClientRect().bottom > 0);
  const before = seen?.getBoundingClientRect().top;
  await change();
  if (seen?.isConnected && before < innerHeight) scrollBy(0, seen.getBoundingClientRect().top - before);
}

// The comment as this reader sees it; GONE if the site says it is not there (404); null when
// the site could not answer (an error, no network): the page then stays as it is.
const GONE = "gone";
async function fetchComment(id) {
  const url = liveRoot.dataset.commentUrl.replace("{id}", id);
  const response = await fetch(url, { headers: FRAGMENT, credentials: "same-origin" }).catch(() => null);
  if (response?.status === 404) return GONE;
  if (!response?.ok) return null;
  const template = document.createElement("template");
  template.innerHTML = (await response.text()).trim();
  return template.content.firstElementChild;
}

function setCount(count) {
  const heading = liveRoot.querySelector("[data-comment-count]");
  if (heading && Number.isInteger(count)) heading.textContent = plural(count, "comment", "comments");
}

const liveHandlers = {
  comment({ comment: id, parent, count }) {
    setCount(count);
    if (!commentItem(id)) pending.set(String(id), parent ? String(parent) : "");
    refreshBubble(true);
  },
  async edit({ comment: id }) {
    if (!commentItem(id)) return;
    const fresh = await fetchComment(id);
    if (fresh) await keepPlace(() => (fresh === GONE ? commentItem(id)?.remove() : replaceCard(commentItem(id), fresh)));
  },
  async remove({ comment: id, count }) {
    setCount(count);
    pending.delete(String(id));
    refreshBubble(false);
    const old = commentItem(id);
    if (!old) return;
    // With replies it stays as a placeholder, fetched; without, it goes.
    const fresh = old.querySelector(":scope > .replies > li") ? await fetchComment(id) : GONE;
    if (fresh) await keepPlace(() => (fresh === GONE ? old.remove() : replaceCard(old, fresh)));
  },
  reset() {
    stale = true;
    refreshBubble(true);
  },
  votes({ comment: id, up, down }) {
    const score = commentItem(id)?.querySelector(":scope > .comment__card .votes__score, :scope > details .votes__score");
    if (!score) return;
    score.textContent = up - down;
    score.setAttribute("aria-label", `Score ${up - down}`);
  },
};

// The card (or the fold of a muted author) changes; replies and an open reply form stay.
function replaceCard(old, fresh) {
  const card = ":scope > .comment__card, :scope > .comment__muted";
  old.querySelector(card)?.replaceWith(fresh.querySelector(card));
}

function toReader(parent) {
  return parent && commentItem(parent)?.hasAttribute("data-own");
}

// The bubble and the announcement say how many comments wait (the reader's own never do).
function refreshBubble(announce) {
  if (stale) {
    bubble.hidden = false;
    bubble.textContent = "New comments: reload";
    if (announce) liveStatus.textContent = "Some new comments could not be shown: reload the page for them.";
    return;
  }
  for (const id of pending.keys()) if (commentItem(id)) pending.delete(id);
  const count = pending.size;
  const replies = [...pending.values()].filter(toReader).length;
  const text = count ? plural(count, "new comment", "new comments") + (replies ? `, ${plural(replies, "reply", "replies")} to you` : "") : "";
  bubble.hidden = !count;
  bubble.textContent = text && `Show ${text}`;
  if (announce && text) liveStatus.textContent = text;
}

async function showPending() {
  const waiting = [...pending];
  pending.clear();
  refreshBubble(false);
  const shown = [];
  for (const [id, parent] of waiting) {
    const fresh = !commentItem(id) && (await fetchComment(id));
    if (fresh === null) pending.set(id, parent); // the site could not answer: it waits on
    if (!fresh || fresh === GONE) continue;
    fresh.classList.add("comment--new");
    if (toReader(parent)) {
      fresh.classList.add("comment--to-you");
      const label = document.createElement("span");
      label.className = "comment__to-you";
      label.textContent = "Reply to you";
      fresh.querySelector(".comment__meta")?.prepend(label);
    }
    let placed = false;
    await keepPlace(() => (placed = placeNew(liveRoot, fresh, parent)));
    if (placed) shown.push(fresh);
  }
  refreshBubble(false);
  liveStatus.textContent = shown.length ? `${plural(shown.length, "new comment", "new comments")} shown.` : "The new comments are further down the thread.";
  const first = shown[0]?.querySelector(".comment__card");
  if (first) {
    first.tabIndex = -1;
    first.focus();
  }
}

// Where a comment belongs: a reply after the last of its parent's conversation, a root at the
// top of the newest-first thread (or the end of the oldest-first one once it is all loaded).
function placeNew(root, fresh, parent) {
  if (parent) {
    const above = commentItem(parent);
    const top = above?.closest(".comment-list > li");
    if (!top) return false;
    let replies = top.querySelector(":scope > .replies");
    if (!replies) {
      replies = document.createElement("ol");
      replies.className = "replies";
      top.querySelector(":scope > .comment__card, :scope > .comment__muted").after(replies);
    }
    let after = above === top ? replies.lastElementChild : above;
    const depth = (node) => Number(node?.className.match(/comment--depth-(\d+)/)?.[1] || 0);
    while (after && after !== replies.lastElementChild && depth(after.nextElementSibling) > depth(above)) after = after.nextElementSibling;
    after ? after.after(fresh) : replies.append(fresh);
    return true;
  }
  const list = root.querySelector(".comment-list");
  const sort = root.querySelector(".discussion__sort a[aria-current]")?.dataset.sort || "newest";
  if (!list || root.dataset.filtered !== undefined) return false;
  root.querySelector(".discussion__empty")?.remove();
  if (sort === "newest") list.prepend(fresh);
  else if (sort === "oldest" && !root.querySelector("[data-load-more]")) list.append(fresh);
  else return false;
  return true;
}

function wakeUp() {
  lastActive = Date.now();
  pauseWanted = false;
  openStream();
}

function startLive() {
  lastId = liveRoot.dataset.liveSince || "";
  liveStatus = document.createElement("p");
  liveStatus.className = "visually-hidden";
  liveStatus.setAttribute("aria-live", "polite");
  bubble = document.createElement("button");
  bubble.type = "button";
  bubble.className = "live-bubble";
  bubble.hidden = true;
  bubble.addEventListener("click", () => (stale ? location.reload() : showPending().catch(() => (liveStatus.textContent = "The new comments could not be loaded."))));
  liveRoot.append(bubble, liveStatus);
  const list = liveRoot.querySelector("[data-comment-pages]");
  if (list) new MutationObserver(() => pending.size && refreshBubble(false)).observe(list, { childList: true, subtree: true });
  document.addEventListener("visibilitychange", () => (document.visibilityState === "hidden" ? pauseStream() : wakeUp()));
  for (const name of ["pointerdown", "keydown", "scroll", "touchstart"]) addEventListener(name, wakeUp, { passive: true });
  setInterval(() => Date.now() - lastActive > IDLE_MS && pauseStream(), 30000);
  openStream();
}

liveRoot = document.querySelector("[data-discussion][data-live-url]");
if (liveRoot && "EventSource" in window) startLive();

// A guest's own state on a page the page cache gives every reader (data-yours-url): the site
// sets a cookie beside the guest's own, naming the articles where they posted or voted, and
// this script marks it, so that from then on the guest gets the shared page
// (pagecache.shared.is_patchable_request). On an article the cookie names, the script asks for
// what is theirs on it (their comments and votes, their comments only they see); elsewhere it
// asks only when they start on a form, for the name and email it starts with. Without the
// script the mark stays unset: they get pages drawn for them, as before.
const patchCookie = () => document.cookie.match(/(?:^|; )byline_patch=([^;]*)/)?.[1];
const setPatchCookie = (value, age) => (document.cookie = `byline_patch=${value}; path=/; max-age=${age}; SameSite=Lax${location.protocol === "https:" ? "; Secure" : ""}`);

function markScript() {
  const value = patchCookie();
  if (value && !value.startsWith("script")) setPatchCookie(value.replace(/^[a-z]*/, "script"), 31536000);
  return value;
}

async function askYours(root, ids, first) {
  const query = new URLSearchParams({ ids, first: first ? "1" : "" });
  const { status, html } = await request(`${root.dataset.yoursUrl}?${query}`, { cache: "no-store" });
  if (status === 204) setPatchCookie("", 0); // no guest of this browser's any more
  return status === 200 ? fragment(html).querySelector("[data-yours]") : null;
}

function fillProfile(root, yours) {
  for (const field of ["name", "email"]) {
    root.querySelectorAll(`input[name=${field}]`).forEach((input) => (input.value ||= yours.dataset[field]));
  }
}

// Their own among the comments just shown: the page's, or the items "Load more", a new sort or
// more replies brought (the site shares those pages too), on the thread's first page or not.
async function patchYours(root, items = [root], first = !new URLSearchParams(location.search).has("after")) {
  const value = markScript();
  if (!value || !root.dataset.yoursUrl || !value.split(".").includes(root.dataset.pageId)) return;
  const shown = items.flatMap((item) => [item, ...item.querySelectorAll("[data-comment-id]")]);
  const ids = shown.filter((item) => item.dataset.commentId).map((item) => item.dataset.commentId);
  const yours = await askYours(root, ids, first);
  if (!yours) return;
  for (const fresh of [...yours.children]) {
    const old = document.getElementById(fresh.id);
    if (!old) placeNew(root, fresh, fresh.dataset.parentId);
    else {
      replaceCard(old, fresh);
      old.toggleAttribute("data-own", fresh.hasAttribute("data-own"));
    }
  }
  fillProfile(root, yours);
  root.bylineProfile = true;
}

// Elsewhere, the name and email their forms start with, once they start on one.
document.addEventListener("focusin", async (event) => {
  const root = event.target.closest?.("[data-yours-url]");
  if (!root || root.bylineProfile || !patchCookie() || !event.target.closest("form")) return;
  root.bylineProfile = true;
  const yours = await askYours(root, [], false).catch(() => null);
  if (yours) fillProfile(root, yours);
});

document.querySelectorAll("[data-discussion]").forEach((root) => patchYours(root).catch((error) => failure(root, error)));
