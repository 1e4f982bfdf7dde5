// Byline's discussion on another site's page: <div data-byline-thread> plus this script (see
// docs/embed.md). Drawn in a shadow root; calls carry a token or guest key, never cookies.
(() => {
  // An element with id="BylineEmbed" is window.BylineEmbed too.
  if (typeof window.BylineEmbed?.mount === "function") return;
  const script = document.currentScript;
  const API = new URL(script.dataset.api || script.src).origin;
  const BASE = API + "/api/v1";
  const HOST = new URL(API).host;
  const CSS = new URL("embed.css", script.src).href;
  const KEY = "byline:" + API + ":";
  const mounted = new Map(); // host element -> its widget
  let uid = 0;

  const store = (name, value) => {
    try {
      if (value === undefined) return localStorage.getItem(KEY + name) || "";
      if (value) localStorage.setItem(KEY + name, value);
      else localStorage.removeItem(KEY + name);
    } catch {
      return "";
    }
  };

  class Failure extends Error {
    constructor(message, field) {
      super(message);
      this.field = field;
    }
  }

  async function call(method, path, body) {
    const headers = { Accept: "application/json" };
    const token = store("token");
    const guest = store("guest");
    if (token) headers.Authorization = "Bearer " + token;
    else if (guest) headers["X-Byline-Guest"] = guest;
    if (body) headers["Content-Type"] = "application/json";
    let response;
    try {
      response = await fetch(BASE + path, {
        method,
        headers,
        body: body && JSON.stringify(body),
        credentials: "omit",
        mode: "cors",
      });
    } catch {
      throw new Failure(await unreachable(BASE + path));
    }
    const data = response.status === 204 ? null : await response.json().catch(() => null);
    if (response.ok) return data;
    const error = (data && data.error) || {};
    if (error.code === "bad_token") signOut();
    if (error.code === "bad_guest_key") store("guest", "");
    throw new Failure(error.message || `${HOST} answered ${response.status}; try again later.`, error.field);
  }

  // A refused cross-origin answer and a dead network look alike to fetch; an opaque request
  // that gets through shows the server is there, so it is this site that is not allowed.
  async function unreachable(url) {
    try {
      await fetch(url, { mode: "no-cors", credentials: "omit" });
      return `This site is not allowed to show comments from ${HOST}. Its editors can allow ${location.origin} in Byline's admin.`;
    } catch {
      return `${HOST} cannot be reached. Check your connection and try again.`;
    }
  }

  function h(tag, attributes, ...children) {
    const element = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes || {})) {
      if (value == null || value === false) continue;
      if (name.startsWith("on")) element.addEventListener(name.slice(2), value);
      else element.setAttribute(name, value === true ? "" : value);
    }
    // Strings become text nodes: nothing but body_html is ever parsed as HTML.
    element.append(...children.filter((child) => child != null && child !== false));
    return element;
  }

  const safeUrl = (value) => {
    try {
      const url = new URL(value, API);
      return /^https?:$/.test(url.protocol) ? url.href : null;
    } catch {
      return null;
    }
  };
  // body_html is sanitised by Byline before it is stored; it is parsed inert all the same and
  // held to the same tags (discussion/markup.py), in case a page ever gets another server's.
  const TAGS = /^(P|BR|EM|STRONG|A|BLOCKQUOTE|CODE|PRE|UL|OL|LI)$/;
  const DROP = /^(SCRIPT|STYLE|TEMPLATE|IFRAME|OBJECT|EMBED|SVG|MATH|NOSCRIPT|TEXTAREA|TITLE)$/i;
  function inert(html) {
    const template = document.createElement("template");
    template.innerHTML = html;
    for (const element of [...template.content.querySelectorAll("*")]) {
      if (!TAGS.test(element.tagName)) {
        element.replaceWith(...(DROP.test(element.tagName) ? [] : element.childNodes));
        continue;
      }
      for (const { name, value } of [...element.attributes]) {
        // Links resolve against Byline, not the page, and only to the web or e-mail.
        const url = name === "href" && (/^mailto:/i.test(value) ? value : safeUrl(value));
        if (url) element.setAttribute(name, url);
        else if (!/^(rel|start)$/.test(name)) element.removeAttribute(name);
      }
    }
    return template.content;
  }
  const when = (value) =>
    new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" }).format(new Date(value));
  const plural = (n, one, many) => `${n} ${n === 1 ? one : many}`;
  const SORTS = { newest: "Newest", oldest: "Oldest", votes: "Most votes" };
  const REASONS = { spam: "Spam", abuse: "Abuse or harassment", privacy: "Private information", off_topic: "Off topic", other: "Something else" };

  let me = null;
  async function loadMe() {
    me = null;
    if (store("token")) me = await call("GET", "/me").catch(() => null);
  }

  function signOut() {
    store("token", "");
    me = null;
  }

  function signIn() {
    const url = `${API}/embed/sign-in/?origin=${encodeURIComponent(location.origin)}`;
    window.open(url, "byline-sign-in", "popup,width=520,height=700");
  }

  window.addEventListener("message", async (event) => {
    // Only Byline's own pop-up may hand over a token.
    if (event.origin !== API || !event.data || event.data.type !== "byline:token") return;
    if (typeof event.data.token !== "string") return;
    store("token", event.data.token);
    await loadMe();
    for (const widget of mounted.values()) widget.reload(me ? `Signed in as ${me.name}.` : "");
  });

  function scheme(host) {
    const asked = host.dataset.theme;
    if (asked === "dark" || asked === "light") return asked;
    let either; // a page offering both follows the system
    for (let element = host.parentElement; element; element = element.parentElement) {
      const style = getComputedStyle(element);
      const declared = style.colorScheme.split(" ");
      const dark = declared.includes("dark");
      either ||= dark;
      if (dark !== declared.includes("light")) return dark ? "dark" : "light";
      const rgb = style.backgroundColor.match(/[\d.]+/g);
      if (rgb && !(rgb[3] <= 0.5)) {
        return 0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2] < 128 ? "dark" : "light";
      }
    }
    return either && matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light";
  }

  function mount(host) {
    if (host.shadowRoot || mounted.has(host)) return;
    const root = host.attachShadow({ mode: "open" });
    const frame = h("section", { class: "byline", "aria-label": "Comments", hidden: true });
    const show = () => (frame.hidden = false);
    root.append(h("link", { rel: "stylesheet", href: CSS, onload: show, onerror: show }), frame);
    const status = h("p", { class: "status", role: "status" });
    const state = { thread: null, sort: "", next: null };
    const limit = Math.min(50, Math.max(1, parseInt(host.dataset.limit, 10) || 20));
    const widget = { reload };
    mounted.set(host, widget);
    host.bylineEmbed = Object.assign(widget, { call, say, state, more }); // for embed-passages.js

    const applyScheme = () => frame.classList.toggle("dark", scheme(host) === "dark");
    matchMedia("(prefers-color-scheme: dark)").addEventListener("change", applyScheme);

    function say(message, problem) {
      status.textContent = message || "";
      status.classList.toggle("problem", !!problem);
    }

    function target() {
      const canonical = document.querySelector('link[rel="canonical"]');
      const url = new URL(host.dataset.url || (canonical && canonical.href) || location.href, location.href);
      url.hash = "";
      return url.href;
    }

    async function reload(message) {
      applyScheme();
      try {
        if (!me && store("token")) await loadMe();
        const query = new URLSearchParams({ url: target(), title: host.dataset.title || document.title });
        state.thread = await call("GET", `/threads/by-url?${query}`);
        state.sort = state.sort || state.thread.sorts[0] || "newest";
        // The list before the form: a comment posted sooner would be dropped.
        await more(true);
        draw();
        await showLinked();
        if (state.thread.live_events_url) (script.live ||= new Promise((resolve) => document.head.append(h("script", { src: new URL("embed-live.js", script.src).href, "onbyline:live": (event) => resolve(event.detail) })))).then((follow) => follow(host, { API, state, list, heading, h, call, comment, say, reload }));
        say(message);
      } catch (failure) {
        frame.replaceChildren(h("p", { class: "refused", role: "alert" }, failure.message));
      }
    }

    // A permalink's ?comment=ID: that comment first, marked.
    async function showLinked() {
      const id = new URLSearchParams(location.search).get("comment");
      const item = /^\d+$/.test(id) && (await call("GET", `/comments/${id}`).catch(() => null));
      if (!item) return;
      list.querySelector(`[data-id="${id}"]`)?.remove();
      const drawn = comment(item);
      drawn.classList.add("linked");
      list.prepend(drawn);
      if (!state.linked) drawn.scrollIntoView({ block: "center" });
      state.linked = 1;
    }

    const list = h("ol", { class: "comments" });
    const moreButton = h("button", { type: "button", class: "more", onclick: () => more(false) }, "Load more comments");
    const heading = h("h2");

    function draw() {
      const thread = state.thread;
      heading.textContent = plural(thread.comment_count, "comment", "comments");
      const notes = [];
      if (!thread.open) notes.push(h("p", { class: "note" }, thread.closed_reason || "Comments are closed."));
      else if (thread.premoderated) notes.push(h("p", { class: "note" }, "Comments are read by a moderator before they appear."));
      frame.replaceChildren(
        h("header", {}, heading, account()),
        ...notes,
        thread.open ? postForm(null) : null,
        status,
        h("div", { class: "bar" }, sortControl(), thread.open ? notifyControl() : null),
        list,
        moreButton,
      );
    }

    function account() {
      if (me) {
        return h("p", { class: "account" }, `Signed in as ${me.name} · `,
          h("button", { type: "button", class: "link", onclick: leave }, "Sign out"));
      }
      return h("p", { class: "account" }, h("button", { type: "button", class: "link", onclick: signIn }, `Sign in with ${HOST}`));
    }

    async function leave() {
      // The token ends on Byline too, not just here; forgotten here whatever Byline answers.
      await call("DELETE", "/me/token").catch(() => null);
      signOut();
      reload("Signed out.");
    }

    function sortControl() {
      const id = "byline-sort-" + ++uid;
      const select = h("select", { id, onchange: () => { state.sort = select.value; more(true); } },
        ...state.thread.sorts.map((sort) => h("option", { value: sort, selected: sort === state.sort }, SORTS[sort] || sort)));
      return h("p", {}, h("label", { for: id }, "Sort by "), select);
    }

    async function more(fresh) {
      moreButton.disabled = true;
      try {
        const query = new URLSearchParams({ sort: state.sort, limit, ...state.filter });
        if (!fresh && state.next) query.set("after", state.next);
        const page = await call("GET", `/threads/${state.thread.page_id}/comments?${query}`);
        if (fresh) list.replaceChildren();
        list.append(...page.items.map(comment));
        state.next = page.next;
        if (!fresh) say(`${plural(page.items.length, "more comment", "more comments")} shown.`);
      } catch (failure) {
        say(failure.message, true);
      }
      moreButton.disabled = false;
      moreButton.hidden = !state.next;
    }

    function field(label, attributes) {
      const id = "byline-field-" + ++uid;
      const input = h(attributes.rows ? "textarea" : "input", { id, name: attributes.name, ...attributes });
      return [h("p", {}, h("label", { for: id }, label), input), input];
    }

    function guestFields() {
      if (me) return [];
      const [nameRow, name] = field("Your name", { name: "name", autocomplete: "name", required: true, maxlength: 80 });
      const [emailRow, email] = field("Your e-mail (never shown)", { name: "email", type: "email", autocomplete: "email", required: true });
      name.value = store("name");
      email.value = store("email");
      return [nameRow, emailRow];
    }

    function postForm(parent) {
      const [bodyRow, body] = field(parent ? `Reply to ${parent.author.name}` : "Your comment", { name: "body", rows: 4, required: true, maxlength: 10000 });
      const button = h("button", { type: "submit" }, parent ? "Post reply" : "Post comment");
      const form = h("form", { class: "post", onsubmit: submit }, bodyRow, ...guestFields(), h("p", {}, button));
      async function submit(event) {
        event.preventDefault();
        const data = Object.fromEntries(new FormData(form));
        if (parent) data.parent_id = parent.id;
        else if (form.passage) data.passage = form.passage; // words chosen on the page (embed-passages.js)
        button.disabled = true;
        try {
          const result = await call("POST", `/threads/${state.thread.page_id}/comments`, data);
          if (result.guest_key) store("guest", result.guest_key);
          if (!me) {
            store("name", data.name);
            store("email", data.email);
          }
          const drawn = comment(result.comment);
          if (parent) {
            form.closest(".c").querySelector(".replies").append(drawn);
            form.remove();
          } else {
            list.prepend(drawn);
            body.value = "";
          }
          if (result.comment.status === "published") {
            heading.textContent = plural(++state.thread.comment_count, "comment", "comments");
          }
          say(result.message || "Your comment is posted.");
          form.dispatchEvent(new CustomEvent("byline:posted", { detail: result }));
        } catch (failure) {
          say(failure.message, true);
          const wrong = failure.field && form.elements[failure.field];
          (wrong || body).focus();
        }
        button.disabled = false;
      }
      return form;
    }

    function notifyControl() {
      const id = "byline-kind-" + ++uid;
      const kinds = h("select", { id, name: "kind" },
        h("option", { value: "article" }, "New comments on this page"),
        h("option", { value: "replies" }, "Replies to my comments"));
      const form = h("form", { class: "notify", onsubmit: submit },
        h("p", {}, h("label", { for: id }, "E-mail me about "), kinds),
        ...(me ? [] : [guestFields()[1]]),
        h("p", {}, h("button", { type: "submit" }, "Subscribe")));
      async function submit(event) {
        event.preventDefault();
        const data = Object.fromEntries(new FormData(form));
        try {
          const result = await call("POST", `/threads/${state.thread.page_id}/subscriptions`, data);
          say(result.message || "Subscribed.");
          form.closest("details").open = false;
        } catch (failure) {
          say(failure.message, true);
        }
      }
      return h("details", { class: "notify" }, h("summary", {}, "Notify of"), form);
    }

    function comment(item) {
      const author = item.author;
      const href = author.url && safeUrl(author.url);
      const face = item.author.avatar_url && safeUrl(author.avatar_url)
        ? h("img", { class: "face", src: safeUrl(author.avatar_url), alt: "", width: 36, height: 36 })
        : h("span", { class: "face", "aria-hidden": "true" }, author.initials || "?");
      const body = h("div", { class: "body" }, inert(item.body_html));
      const replies = h("ol", { class: "replies" }, ...(item.replies || []).map(comment));
      const actions = h("div", { class: "actions" }, ...votes(item),
        state.thread.open ? h("button", { type: "button", class: "link", "aria-expanded": "false", onclick: (e) => toggle(e, ".post", () => postForm(item)) }, "Reply") : null,
        h("button", { type: "button", class: "link", "aria-expanded": "false", onclick: (e) => toggle(e, ".report", () => reportForm(item)) }, "Report"));
      const article = h("article", { "aria-label": `Comment by ${author.name}` },
        h("header", {}, face, href ? h("a", { href, rel: "nofollow ugc" }, author.name) : h("b", {}, author.name),
          author.role ? h("span", { class: "role" }, author.role) : null, " ",
          h("a", { class: "when", href: safeUrl(item.permalink) }, h("time", { datetime: item.created_at }, when(item.created_at)))),
        item.passage && item.passage.quote ? h("blockquote", { class: "quote" }, item.passage.quote) : null, // styled by embed-passages.js
        item.status === "held" ? h("p", { class: "note" }, "Awaiting moderation: only you can see this for now.") : null,
        body, actions);
      const li = h("li", { class: "c", "data-id": item.id }, article, replies);
      const hidden = item.reply_count - (item.replies || []).length;
      if (hidden > 0) li.append(repliesButton(item, replies, hidden));
      function toggle(event, selector, make) {
        const open = article.querySelector(selector);
        event.currentTarget.setAttribute("aria-expanded", !open);
        if (open) return open.remove();
        const form = make();
        article.append(form);
        form.querySelector("textarea, select").focus();
      }
      return li;
    }

    function repliesButton(item, replies, hidden) {
      let after = null;
      const button = h("button", { type: "button", class: "link more-replies", onclick: load }, `Show ${plural(hidden, "more reply", "more replies")}`);
      async function load() {
        try {
          const page = await call("GET", `/comments/${item.id}/replies${after ? "?after=" + encodeURIComponent(after) : ""}`);
          const shown = new Set([...replies.children].map((li) => li.dataset.id));
          replies.append(...page.items.filter((reply) => !shown.has(String(reply.id))).map(comment));
          after = page.next;
          if (!after) button.remove();
          say(`${plural(page.items.length, "reply", "replies")} shown.`);
        } catch (failure) {
          say(failure.message, true);
        }
      }
      return button;
    }

    function votes(item) {
      const score = h("span", { class: "score", "aria-label": "Score" }, String(item.score));
      const button = (value, label, sign) => h("button", {
        type: "button", class: "vote", "aria-label": label, "aria-pressed": String(item.my_vote === value),
        onclick: async () => {
          try {
            const result = await call("PUT", `/comments/${item.id}/vote`, { value: item.my_vote === value ? 0 : value });
            item.my_vote = result.my_vote;
            score.textContent = result.score;
            up.setAttribute("aria-pressed", String(result.my_vote === 1));
            down.setAttribute("aria-pressed", String(result.my_vote === -1));
            say(result.my_vote ? "Vote counted." : "Vote withdrawn.");
          } catch (failure) {
            say(failure.message, true);
          }
        },
      }, sign);
      const up = button(1, `Vote up ${item.author.name}'s comment`, "▲");
      const down = button(-1, `Vote down ${item.author.name}'s comment`, "▼");
      return [up, score, down];
    }

    function reportForm(item) {
      const id = "byline-reason-" + ++uid;
      const reason = h("select", { id, name: "reason" }, ...Object.entries(REASONS).map(([value, label]) => h("option", { value }, label)));
      const [noteRow] = field("What is wrong (optional)", { name: "note", maxlength: 500 });
      const form = h("form", { class: "report", onsubmit: submit }, h("p", {}, h("label", { for: id }, "Report this comment as "), reason), noteRow, h("p", {}, h("button", { type: "submit" }, "Send report")));
      async function submit(event) {
        event.preventDefault();
        try {
          const result = await call("POST", `/comments/${item.id}/reports`, Object.fromEntries(new FormData(form)));
          say(result.message || "Thank you: a moderator will look at it.");
          form.remove();
        } catch (failure) {
          say(failure.message, true);
        }
      }
      return form;
    }

    widget.ready = reload();
    return widget;
  }

  const start = () => document.querySelectorAll("div[data-byline-thread]").forEach(mount);
  window.BylineEmbed = Object.freeze({ mount, start });
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
  // Inline feedback on the page's own text, only where the page marks its prose.
  if (document.querySelector("[data-byline-passages]")) document.head.append(h("script", { src: new URL("embed-passages.js", script.src).href, async: true }));
})();
