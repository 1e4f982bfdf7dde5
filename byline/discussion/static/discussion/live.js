// Live updates of the thread under an article, from the live server's event stream (SSE).
// New comments are announced in a bubble and shown when the reader asks; counts, votes, edits
// and removals change in place. Nothing moves what the reader is reading. The stream closes
// while the tab is hidden or the reader is idle, and catches up from the last event on return.
// Events carry ids, never HTML: each comment is fetched, as this reader sees it, from the site.

const IDLE_MS = 5 * 60 * 1000;
const FRAGMENT = { "Byline-Fragment": "1" };
const root = document.querySelector("[data-discussion][data-live-url]");
const pending = new Map(); // comment id -> parent id ("" for a root), in arrival order
let source = null;
let lastId = root?.dataset.liveSince || "";
let refusals = 0;
let lastActive = Date.now();
let retry = 1000;
// A stream started without an id (the page gave none) names no event to resume from until its
// first event arrives: until then, a pause waits for that event rather than lose what comes.
let pauseWanted = false;
let bubble;
let status;

const plural = (n, one, many) => `${n} ${n === 1 ? one : many}`;
const item = (id) => document.getElementById(`comment-${id}`);

function open() {
  if (source || document.visibilityState === "hidden") return;
  const url = new URL(root.dataset.liveUrl, location.href);
  if (lastId) url.searchParams.set("last_event_id", lastId);
  source = new EventSource(url);
  for (const [name, handle] of Object.entries(handlers)) {
    source.addEventListener(name, (event) => {
      if (event.lastEventId) lastId = event.lastEventId;
      retry = 1000;
      refusals = 0;
      handle(JSON.parse(event.data));
      if (pauseWanted) pause();
    });
  }
  source.onerror = () => {
    // The browser reconnects by itself (sending Last-Event-ID) unless the stream was refused.
    if (source.readyState !== EventSource.CLOSED) return;
    close();
    // Refused twice: perhaps an id the store no longer knows. Start afresh rather than never.
    if (++refusals > 1) lastId = "";
    setTimeout(open, (retry = Math.min(retry * 2, 60000)));
  };
}

function close() {
  source?.close();
  source = null;
}

function pause() {
  pauseWanted = !lastId;
  if (lastId) close();
}

// Run a change to the thread and scroll back by however much it moved the first comment the
// reader can see, so that what they are reading stays where it was.
async function keepPlace(change) {
  const seen = [...root.querySelectorAll(".comment__card")].find((card) => card.getBoundingClientRect().bottom > 0);
  const before = seen?.getBoundingClientRect().top;
  await change();
  if (seen?.isConnected && before < innerHeight) scrollBy(0, seen.getBoundingClientRect().top - before);
}

async function comment(id) {
  const url = root.dataset.commentUrl.replace("{id}", id);
  const response = await fetch(url, { headers: FRAGMENT, credentials: "same-origin" });
  if (!response.ok) return null;
  const template = document.createElement("template");
  template.innerHTML = (await response.text()).trim();
  return template.content.firstElementChild;
}

function setCount(count) {
  const heading = root.querySelector("[data-comment-count]");
  if (heading && Number.isInteger(count)) heading.textContent = plural(count, "comment", "comments");
}

const handlers = {
  comment({ comment: id, parent, count }) {
    setCount(count);
    if (!item(id)) pending.set(String(id), parent ? String(parent) : "");
    refresh(true);
  },
  async edit({ comment: id }) {
    if (!item(id)) return;
    const fresh = await comment(id);
    await keepPlace(() => (fresh ? replaceCard(item(id), fresh) : item(id)?.remove()));
  },
  async remove({ comment: id, count }) {
    setCount(count);
    pending.delete(String(id));
    refresh(false);
    const old = item(id);
    if (!old) return;
    const fresh = old.querySelector(":scope > .replies > li") ? await comment(id) : null;
    await keepPlace(() => (fresh ? replaceCard(old, fresh) : old.remove()));
  },
  votes({ comment: id, up, down }) {
    const score = item(id)?.querySelector(":scope > .comment__card .votes__score, :scope > details .votes__score");
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
  return parent && item(parent)?.hasAttribute("data-own");
}

// The bubble and the announcement say how many comments wait (the reader's own never do).
function refresh(announce) {
  for (const id of pending.keys()) if (item(id)) pending.delete(id);
  const count = pending.size;
  const replies = [...pending.values()].filter(toReader).length;
  const text = count ? plural(count, "new comment", "new comments") + (replies ? `, ${plural(replies, "reply", "replies")} to you` : "") : "";
  bubble.hidden = !count;
  bubble.textContent = text && `Show ${text}`;
  if (announce && text) status.textContent = text;
}

async function showPending() {
  const waiting = [...pending];
  pending.clear();
  refresh(false);
  const shown = [];
  for (const [id, parent] of waiting) {
    const fresh = !item(id) && (await comment(id));
    if (!fresh) continue;
    fresh.classList.add("comment--new");
    if (toReader(parent)) {
      fresh.classList.add("comment--to-you");
      const label = document.createElement("span");
      label.className = "comment__to-you";
      label.textContent = "Reply to you";
      fresh.querySelector(".comment__meta")?.prepend(label);
    }
    let placed = false;
    await keepPlace(() => (placed = place(fresh, parent)));
    if (placed) shown.push(fresh);
  }
  status.textContent = shown.length ? `${plural(shown.length, "new comment", "new comments")} shown.` : "The new comments are further down the thread.";
  const first = shown[0]?.querySelector(".comment__card");
  if (first) {
    first.tabIndex = -1;
    first.focus();
  }
}

// Where a comment belongs: a reply after the last of its parent's conversation, a root at the
// top of the newest-first thread (or the end of the oldest-first one once it is all loaded).
function place(fresh, parent) {
  if (parent) {
    const above = item(parent);
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

function active() {
  lastActive = Date.now();
  pauseWanted = false;
  open();
}

function start() {
  status = document.createElement("p");
  status.className = "visually-hidden";
  status.setAttribute("aria-live", "polite");
  bubble = document.createElement("button");
  bubble.type = "button";
  bubble.className = "live-bubble";
  bubble.hidden = true;
  bubble.addEventListener("click", () => showPending().catch(() => (status.textContent = "The new comments could not be loaded.")));
  root.append(bubble, status);
  const list = root.querySelector("[data-comment-pages]");
  if (list) new MutationObserver(() => pending.size && refresh(false)).observe(list, { childList: true, subtree: true });
  document.addEventListener("visibilitychange", () => (document.visibilityState === "hidden" ? pause() : active()));
  for (const name of ["pointerdown", "keydown", "scroll", "touchstart"]) addEventListener(name, active, { passive: true });
  setInterval(() => Date.now() - lastActive > IDLE_MS && pause(), 30000);
  open();
}

if (root && "EventSource" in window) start();
