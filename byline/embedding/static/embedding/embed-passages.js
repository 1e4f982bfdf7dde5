// Inline feedback on another site's page, loaded by embed.js for [data-byline-passages]; see
// docs/embed-passages.md. Blocks and their text must agree with byline/embedding/prose.py.
(() => {
  const container = document.querySelector("[data-byline-passages]");
  const host = document.querySelector("div[data-byline-thread]");
  const widget = host && host.bylineEmbed;
  if (!container || !widget || window.BylinePassages) return;
  window.BylinePassages = true;
  const BLOCK = /^(P|H2|H3|H4|BLOCKQUOTE|LI)$/;
  const SKIP = "script, style, template, noscript";
  const CONTEXT = 32;
  const MAX_EXACT = 2000;
  const HIGHLIGHT = "byline-passage";
  const canHighlight = !!(window.Highlight && CSS.highlights);
  let blocks = new Map(); // name -> element
  let passages = [];
  let offer = null;

  const sheet = (text) => {
    const style = new CSSStyleSheet();
    style.replaceSync(text);
    return style;
  };
  // Adopted, not added: no element of the page changes for the highlight's colour.
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet(`::highlight(${HIGHLIGHT}) { background-color: #ffe08a; color: #111; }`)];

  function h(tag, attributes, ...children) {
    const element = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes || {})) {
      if (name.startsWith("on")) element.addEventListener(name.slice(2), value);
      else element.setAttribute(name, value);
    }
    element.append(...children);
    return element;
  }

  function findBlocks() {
    const found = new Map();
    const stack = [...container.children].reverse();
    let position = 0;
    while (stack.length) {
      const element = stack.pop();
      if (!BLOCK.test(element.tagName)) {
        stack.push(...[...element.children].reverse());
        continue;
      }
      position++;
      const name = [element.dataset.bylineBlock, element.id].find((value) => value && value.length <= 64 && !found.has(value)) || "b" + position;
      if (!found.has(name)) found.set(name, element);
    }
    return found;
  }

  function nameOf(element) {
    for (const [name, block] of blocks) if (block === element) return name;
    return null;
  }

  // The block's text with whitespace collapsed, and for each character the DOM point before it.
  function textModel(block) {
    const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT, {
      acceptNode: (node) => {
        const skipped = node.parentElement.closest(SKIP);
        return skipped && block.contains(skipped) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT;
      },
    });
    let text = "";
    const points = [];
    let space = null;
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (let offset = 0; offset < node.data.length; offset++) {
        if (/\s/.test(node.data[offset])) {
          if (text && !space) space = [node, offset];
          continue;
        }
        if (space) {
          text += " ";
          points.push(space);
          space = null;
        }
        text += node.data[offset];
        points.push([node, offset]);
      }
    }
    return { text, points };
  }

  function rangeOf(model, start, end) {
    const range = new Range();
    range.setStart(...model.points[start]);
    const [node, offset] = model.points[end - 1];
    range.setEnd(node, offset + 1);
    return range;
  }

  // Where the passage is now: at its offsets if the words are still there, else its first occurrence.
  function locate(passage) {
    const block = blocks.get(passage.block);
    if (!block) return null;
    const model = textModel(block);
    const start = model.text.slice(passage.start, passage.end) === passage.quote ? passage.start : model.text.indexOf(passage.quote);
    return start < 0 || !passage.quote ? null : rangeOf(model, start, start + passage.quote.length);
  }

  async function showPassages() {
    blocks = findBlocks();
    fillPicker();
    const thread = widget.state.thread;
    if (!thread) return;
    passages = (await widget.call("GET", `/threads/${thread.page_id}/passages`)).items;
    const ranges = passages.map((passage) => (passage.range = locate(passage))).filter(Boolean);
    if (canHighlight) CSS.highlights.set(HIGHLIGHT, new Highlight(...ranges));
    drawList();
  }

  // Inside the embed's shadow root: the page's CSS cannot reach it.
  const panel = h("nav", { class: "passages", "aria-label": "Comments on passages of this page" });
  const filterBar = h("p", { class: "note filtered", role: "status" });
  // The keyboard's way to a passage: any block of the page, as a whole, from the embed's form.
  const picker = h("select", { id: "byline-passage-pick", onchange: () => pick(picker.value) });
  const pickerRow = h("p", {}, h("label", { for: picker.id }, "On a part of the page "), picker);
  function attach() {
    const frame = host.shadowRoot && host.shadowRoot.querySelector(".byline");
    const list = frame && frame.querySelector(":scope > ol.comments");
    if (list && !panel.isConnected) list.before(panel, filterBar);
    const form = topForm();
    if (form && !pickerRow.isConnected) form.prepend(pickerRow);
  }
  function fillPicker() {
    picker.replaceChildren(h("option", { value: "" }, "The whole page"));
    for (const [name, block] of blocks) {
      const text = textModel(block).text;
      if (text) picker.append(h("option", { value: name }, clip(text)));
    }
  }
  function pick(name) {
    const form = topForm();
    if (!name) return form && forget(form);
    const text = textModel(blocks.get(name)).text;
    const end = Math.min(text.length, MAX_EXACT);
    choose({ block: name, start: 0, end, quote: text.slice(0, end) }, true);
  }
  const style = sheet(`.passages ul { list-style: none; padding: 0; margin: 0 0 1em; display: flex; flex-wrap: wrap; gap: .4em; }
.passages button { font: inherit; cursor: pointer; border: 1px solid currentColor; border-radius: 1em; background: none; color: inherit; padding: .2em .7em; }
.passages button[aria-pressed="true"], .quote button { background: #ffe08a; color: #111; }
.quote { border-left: 4px solid #ffe08a; margin: 0 0 .5em; padding: .2em .6em; }
.quote button { font: inherit; border: 0; margin-left: .5em; cursor: pointer; }`);

  function drawList() {
    attach();
    const shown = passages.filter((passage) => passage.range);
    panel.hidden = !shown.length;
    panel.replaceChildren(h("h3", {}, "Comments on passages"), h("ul", {}, ...shown.map((passage) => h("li", {}, h("button", {
      type: "button",
      "aria-pressed": String(widget.state.filter?.block === passage.block && +widget.state.filter.start === passage.start),
      onclick: () => filter(passage),
    }, `${passage.count} on “${clip(passage.quote)}”`)))));
  }

  const clip = (text) => (text.length > 60 ? text.slice(0, 59) + "…" : text);

  async function filter(passage) {
    const same = passage && widget.state.filter?.block === passage.block && +widget.state.filter.start === passage.start;
    widget.state.filter = passage && !same ? { block: passage.block, start: passage.start, end: passage.end } : undefined;
    filterBar.replaceChildren();
    if (widget.state.filter) {
      filterBar.append(`Showing the comments on “${clip(passage.quote)}”. `,
        h("button", { type: "button", class: "link", onclick: () => filter(null) }, "Show all comments"));
    }
    drawList();
    await widget.more(true);
  }

  function selectionPassage() {
    const chosen = document.getSelection();
    if (!chosen || chosen.isCollapsed || !chosen.rangeCount) return null;
    const range = chosen.getRangeAt(0);
    const node = range.commonAncestorContainer;
    let element = node.nodeType === Node.TEXT_NODE ? node.parentElement : node;
    let block = null;
    for (; element && element !== container; element = element.parentElement) if (BLOCK.test(element.tagName)) block = element;
    const name = element && block && nameOf(block);
    if (!name) return null;
    const model = textModel(block);
    const inside = model.points.map(([point, offset]) => range.comparePoint(point, offset) === 0 && range.comparePoint(point, offset + 1) <= 0);
    let start = inside.indexOf(true);
    let end = inside.lastIndexOf(true) + 1;
    while (start < end && model.text[start] === " ") start++;
    while (end > start && model.text[end - 1] === " ") end--;
    if (start < 0 || end <= start || end - start > MAX_EXACT) return null;
    return { block: name, start, end, quote: model.text.slice(start, end), edge: [...range.getClientRects()].pop() };
  }

  // "Comment on this" beside the selection, in a shadow root of its own on the page.
  function offerSelection() {
    removeOffer();
    const passage = widget.state.thread?.open && selectionPassage();
    if (!passage || !passage.edge) return;
    offer = h("div", { style: `position:absolute;z-index:2147483647;top:${scrollY + passage.edge.bottom + 6}px;left:${scrollX + passage.edge.right}px` });
    const root = offer.attachShadow({ mode: "open" });
    root.adoptedStyleSheets = [sheet("button{font:15px/1.2 system-ui,sans-serif;padding:.4em .8em;border-radius:.3em;border:0;background:#1a4fa0;color:#fff;cursor:pointer;transform:translateX(-50%)}")];
    root.append(h("button", { type: "button", onclick: () => choose(passage) }, "Comment on this"));
    document.body.append(offer);
  }

  function removeOffer() {
    offer?.remove();
    offer = null;
  }

  function topForm() {
    return host.shadowRoot?.querySelector(".byline > form.post");
  }

  function choose(passage, picked) {
    removeOffer();
    if (!picked) document.getSelection()?.removeAllRanges();
    picker.value = picked ? passage.block : "";
    const form = topForm();
    if (!form) return;
    const { edge, ...chosen } = passage;
    form.passage = chosen;
    form.querySelector(".quote")?.remove();
    const quote = h("blockquote", { class: "quote" }, h("span", {}, `On “${clip(chosen.quote)}”`),
      h("button", { type: "button", "aria-label": "Comment on the whole page instead", onclick: () => forget(form) }, "×"));
    form.prepend(quote);
    if (!picked) form.querySelector("textarea").focus();
    form.scrollIntoView({ block: "nearest" });
    widget.say(`Your comment will be on the words “${clip(chosen.quote)}”.`);
  }

  function forget(form) {
    form.passage = null;
    picker.value = "";
    form.querySelector(".quote")?.remove();
  }

  // A click on highlighted words opens their comments.
  function openAt(event) {
    if (!passages.length || !document.caretRangeFromPoint) return;
    const caret = document.caretRangeFromPoint(event.clientX, event.clientY);
    const passage = caret && passages.find((p) => p.range && p.range.isPointInRange(caret.startContainer, caret.startOffset));
    if (!passage || !document.getSelection().isCollapsed) return;
    filter(passage).then(() => host.scrollIntoView({ block: "start" }));
  }

  async function start() {
    await widget.ready;
    host.shadowRoot.adoptedStyleSheets = [...host.shadowRoot.adoptedStyleSheets, style];
    // The embed redraws its frame after a sign-in: put the list back each time.
    new MutationObserver(attach).observe(host.shadowRoot, { childList: true, subtree: true });
    // Caught on the way down: the embed's event does not bubble.
    host.shadowRoot.addEventListener("byline:posted", (event) => {
      const form = event.target;
      if (form.passage) forget(form);
      if (event.detail.comment.passage) showPassages().catch(() => {});
    }, true);
    document.addEventListener("mouseup", () => setTimeout(offerSelection));
    document.addEventListener("keyup", (event) => event.shiftKey && offerSelection());
    container.addEventListener("click", openAt);
    await showPassages().catch(() => widget.say("The comments on passages could not be shown.", true));
  }

  start();
})();
