// Live updates in the embed, loaded by embed.js when the thread names a live server; how the
// stream is followed, and why so, is in docs/embed-live.md. A classic script that adds no global.
(() => {
  const running = new WeakMap();
  const plural = (n, one, many) => `${n} ${n === 1 ? one : many}`;

  function follow(host, { API, state, list, heading, h, call, comment, say, reload }) {
    running.get(host)?.();
    if (!("EventSource" in window)) return;
    const stream = new URL(state.thread.live_events_url, API);
    const pending = new Map(); // comment id -> parent id (0 for a root), in arrival order
    let source = null;
    let timer = 0;
    let retry = 1000;
    let lastId = state.thread.since || "";
    let stale = false; // the server could not give everything missed: only a reload can
    const bubble = h("button", { type: "button", class: "live", hidden: true, onclick: () => (stale ? reload("") : showPending()) });
    // In view while the reader scrolls through the thread; it takes no place until it shows.
    Object.assign(bubble.style, { position: "sticky", top: ".5em", zIndex: 1, margin: ".5em 0" });
    list.before(bubble);

    const find = (id) => list.querySelector(`li.c[data-id="${parseInt(id, 10)}"]`);
    const setCount = (count) => {
      if (!Number.isInteger(count)) return;
      state.thread.comment_count = count;
      heading.textContent = plural(count, "comment", "comments");
    };

    // Run a change and scroll back by however much it moved the first comment in view.
    function keepPlace(change) {
      const seen = [...list.querySelectorAll("article")].find((card) => card.getBoundingClientRect().bottom > 0);
      const before = seen && seen.getBoundingClientRect().top;
      change();
      if (seen && seen.isConnected && before < innerHeight) scrollBy(0, seen.getBoundingClientRect().top - before);
    }

    // The comment as this reader sees it; null if it is gone or cannot be had now.
    const fetchOne = (id) => call("GET", `/comments/${parseInt(id, 10)}`).catch(() => null);

    function refresh(announce) {
      for (const id of pending.keys()) if (find(id)) pending.delete(id);
      const text = stale ? "New comments: reload" : pending.size ? `Show ${plural(pending.size, "new comment", "new comments")}` : "";
      // The announcement shows in the widget's status line too, above the comments.
      keepPlace(() => {
        bubble.hidden = !text;
        bubble.textContent = text;
        if (announce && text) say(stale ? "Some new comments could not be shown: reload them." : text.slice(5));
      });
    }

    async function showPending() {
      const waiting = [...pending];
      pending.clear();
      refresh(false);
      const shown = [];
      for (const [id, parent] of waiting) {
        const item = !find(id) && (await fetchOne(id));
        const drawn = item && item.status === "published" && comment(item);
        if (drawn && place(drawn, parent)) shown.push(drawn);
      }
      say(shown.length ? `${plural(shown.length, "new comment", "new comments")} shown.` : "The new comments are further down the thread.");
      const first = shown[0] && shown[0].querySelector("article");
      if (first) {
        first.tabIndex = -1;
        first.focus();
      }
    }

    // A reply at the end of its parent's replies; a root at the top of the newest first thread,
    // or at the end of the oldest first one once it is all loaded; elsewhere it is not drawn.
    function place(drawn, parent) {
      const replies = parent ? find(parent)?.querySelector(":scope > .replies") : null;
      const where = parent ? replies && (() => replies.append(drawn))
        : state.sort === "newest" ? () => list.prepend(drawn)
        : state.sort === "oldest" && !state.next ? () => list.append(drawn) : null;
      if (where) keepPlace(where);
      return !!where;
    }

    async function redraw(id) {
      const old = find(id);
      const item = old && (await fetchOne(id));
      const card = old && old.querySelector(":scope > article");
      if (!card) return;
      if (item) keepPlace(() => card.replaceWith(comment(item).querySelector(":scope > article")));
      else keepPlace(() => old.remove());
    }

    const handlers = {
      comment({ comment: id, parent, count }) {
        setCount(count);
        if (!find(id)) pending.set(id, parent || 0);
        refresh(true);
      },
      edit({ comment: id }) {
        redraw(id);
      },
      remove({ comment: id, count }) {
        setCount(count);
        pending.delete(id);
        refresh(false);
        const old = find(id);
        // With replies it stays as the placeholder the API gives; without, it goes.
        if (old && old.querySelector(":scope > .replies > li")) redraw(id);
        else if (old) keepPlace(() => old.remove());
      },
      votes({ comment: id, up, down }) {
        const score = find(id)?.querySelector(":scope > article .score");
        if (score && Number.isInteger(up - down)) score.textContent = up - down;
      },
      reset() {
        stale = true;
        refresh(true);
      },
    };

    function open() {
      if (source || !host.isConnected || document.visibilityState === "hidden") return;
      const url = new URL(stream);
      if (lastId) url.searchParams.set("last_event_id", lastId);
      source = new EventSource(url); // never with credentials: a stream is public
      for (const [name, handle] of Object.entries(handlers)) {
        source.addEventListener(name, (event) => {
          if (event.lastEventId) lastId = event.lastEventId;
          retry = 1000;
          let data;
          try {
            data = JSON.parse(event.data);
          } catch {
            return;
          }
          handle(data);
        });
      }
      source.onerror = () => {
        // After a drop the browser reconnects by itself, sending Last-Event-ID; a refused stream
        // stays closed. Only a 400 (an id the server never gave) drops the resume point; after
        // a 404, 429 or 503 the stream resumes where it was, later. A HEAD tells which it was.
        if (!source || source.readyState !== EventSource.CLOSED) return;
        close();
        fetch(url, { method: "HEAD", credentials: "omit" })
          .then((answer) => answer.status === 400 && (lastId = ""))
          .catch(() => {})
          .finally(() => (timer = setTimeout(open, (retry = Math.min(retry * 2, 60000)))));
      };
    }

    function close() {
      if (source) source.close();
      source = null;
    }

    // A stream opened without an id names nowhere to resume from: it stays open while hidden.
    const visibility = () => (document.visibilityState === "hidden" ? lastId && close() : open());
    const drawn = new MutationObserver(() => pending.size && refresh(false));
    const gone = new MutationObserver(() => host.isConnected || stop());
    function stop() {
      close();
      clearTimeout(timer);
      drawn.disconnect();
      gone.disconnect();
      document.removeEventListener("visibilitychange", visibility);
      bubble.remove();
      running.delete(host);
    }
    running.set(host, stop);
    drawn.observe(list, { childList: true, subtree: true });
    gone.observe(document.documentElement, { childList: true, subtree: true });
    document.addEventListener("visibilitychange", visibility);
    open();
  }

  document.currentScript.dispatchEvent(new CustomEvent("byline:live", { detail: follow }));
})();
