// Inline feedback: highlights commented passages, opens a passage's comments (or an editor's
// prompt) in place, and turns a reader's selection into W3C Web Annotation selectors. Without
// this script, prompt markers are links to the thread filtered to their answers.
//
// Offsets count characters of a block's text with whitespace collapsed, as the server's
// anchoring/passages.py reads the same HTML; the server re-checks every selector it is sent.

const FRAGMENT = { "Byline-Fragment": "1" };
const CONTEXT = 32;
const MAX_EXACT = 2000;
const TEXT_BLOCKS = ".block--paragraph, .block--subheading, .block--pull_quote, .block--inline_prompt";
const data = JSON.parse(document.getElementById("inline-feedback").textContent);
const body = document.querySelector(".article__body");
const status = document.createElement("p");
status.className = "visually-hidden";
status.setAttribute("role", "status");
let panel = null;

function textRoot(block) {
  return block.querySelector("[data-anchor-text]") || block;
}

// The block's text with whitespace collapsed, and for each character the DOM point before it.
function textModel(root) {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
    acceptNode: (node) => (node.parentElement.closest("[data-anchor-skip]") ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT),
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

function locate(model, passage) {
  if (model.text.slice(passage.start, passage.end) === passage.exact) return passage.start;
  const at = model.text.indexOf(passage.exact);
  return at === -1 ? null : at;
}

// Wrap characters [start, end) of the block in <mark>s, one per text node they cross.
function wrap(root, start, end, make) {
  const { points } = textModel(root);
  const marks = [];
  let i = start;
  while (i < end) {
    const [node, offset] = points[i];
    let j = i;
    while (j + 1 < end && points[j + 1][0] === node) j++;
    const range = document.createRange();
    range.setStart(node, offset);
    range.setEnd(node, points[j][1] + 1);
    const mark = make();
    range.surroundContents(mark);
    marks.push(mark);
    i = j + 1;
  }
  return marks;
}

function button(label, className, attributes = {}) {
  const control = document.createElement("button");
  control.type = "button";
  control.className = className;
  control.dataset.anchorSkip = "";
  control.textContent = label;
  for (const [name, value] of Object.entries(attributes)) control.setAttribute(name, value);
  return control;
}

function highlight(passage) {
  const block = body.querySelector(`[data-block-id="${CSS.escape(passage.block)}"]`);
  if (!block) return;
  const root = textRoot(block);
  const start = locate(textModel(root), passage);
  if (start === null) return;
  const query = new URLSearchParams({ block: passage.block, start: passage.start, end: passage.end });
  const marks = wrap(root, start, start + passage.exact.length, () => {
    const mark = document.createElement("mark");
    mark.className = "inline-highlight";
    mark.dataset.inlineQuery = query;
    return mark;
  });
  const plural = passage.count === 1 ? "comment" : "comments";
  const count = button(String(passage.count), "inline-count", {
    "aria-label": `${passage.count} ${plural} on “${passage.exact.slice(0, 60)}”`,
    "aria-expanded": "false",
  });
  count.dataset.inlineQuery = query;
  count.dataset.selection = JSON.stringify({ block: passage.block, ...selectors(textModel(root).text, start, start + passage.exact.length) });
  marks[marks.length - 1].after(count);
}

function selectors(text, start, end) {
  return {
    exact: text.slice(start, end),
    prefix: text.slice(Math.max(0, start - CONTEXT), start),
    suffix: text.slice(end, end + CONTEXT),
    start,
    end,
  };
}

function markPrompt(block) {
  const prompt = block.querySelector("[data-prompt-id]");
  const root = textRoot(block);
  const passage = prompt.dataset.promptPassage.replace(/\s+/g, " ").trim();
  const start = textModel(root).text.indexOf(passage);
  if (start === -1 || !passage) return;
  wrap(root, start, start + passage.length, () => {
    const mark = document.createElement("mark");
    mark.className = "inline-prompt__passage";
    mark.dataset.inlineQuery = new URLSearchParams({ prompt: prompt.dataset.promptId });
    return mark;
  });
}

async function openPanel(trigger, query, selection) {
  closePanel();
  const block = trigger.closest("[data-block-id]");
  const response = await fetch(`${data.panel}?${query}`, { headers: FRAGMENT, credentials: "same-origin" });
  if (!response.ok) {
    status.textContent = "The comments on this passage could not be loaded.";
    return;
  }
  const template = document.createElement("template");
  template.innerHTML = (await response.text()).trim();
  panel = template.content.firstElementChild;
  panel.id = "inline-panel";
  panel.tabIndex = -1;
  panel.trigger = trigger;
  panel.selection = selection;
  if (selection) fill(panel.querySelector("[data-inline-form]"), selection);
  block.after(panel);
  trigger.removeAttribute("style"); // "Comment on this" leaves the words for the end of the block
  if (trigger.tagName === "BUTTON" || trigger.tagName === "A") {
    trigger.setAttribute("aria-expanded", "true");
    trigger.setAttribute("aria-controls", "inline-panel");
  }
  panel.focus();
}

function fill(form, selection) {
  if (!form) return;
  // The words the reader chose, quoted above what they write, as the thread will show them.
  const quote = document.createElement("blockquote");
  quote.className = "comment__quote";
  quote.append(document.createElement("p"));
  quote.firstChild.textContent = selection.exact;
  form.querySelector(".comment-form__title").after(quote);
  for (const [name, value] of Object.entries(selection)) {
    const input = form.querySelector(`input[name="${name}"]`);
    if (input) input.value = value;
  }
}

function closePanel() {
  if (!panel) return;
  const trigger = panel.trigger;
  panel.remove();
  panel = null;
  if (trigger?.isConnected) {
    trigger.setAttribute("aria-expanded", "false");
    trigger.focus();
  }
}

async function submit(form) {
  const errors = form.querySelector("[data-inline-errors]");
  await form.bylineStarted; // the "form started" timestamp discussion.js is fetching, if any
  const response = await fetch(form.action, {
    method: "POST",
    body: new FormData(form),
    headers: FRAGMENT,
    credentials: "same-origin",
  });
  const template = document.createElement("template");
  template.innerHTML = (await response.text()).trim();
  if (response.status !== 201) {
    const messages = [...template.content.querySelectorAll(".form-errors p, .errorlist li, .refusal")];
    errors.textContent = messages.map((node) => node.textContent.trim()).join(" ") || "Your comment could not be posted.";
    return;
  }
  errors.textContent = "";
  let list = panel.querySelector(".inline-panel__comments");
  if (!list) {
    list = document.createElement("ol");
    list.className = "comment-list inline-panel__comments";
    list.setAttribute("aria-label", "Comments on this passage");
    panel.querySelector(".inline-panel__empty")?.replaceWith(list);
  }
  list.append(...template.content.children);
  form.querySelector("textarea").value = "";
  status.textContent = "Your comment was posted.";
  const counter = panel.previousElementSibling?.querySelector(".inline-prompt__count");
  if (counter && !panel.selection) {
    const answers = parseInt(counter.textContent, 10) + 1;
    counter.textContent = `${answers} answer${answers === 1 ? "" : "s"}`;
  }
  const selection = panel.selection;
  if (selection && !panel.trigger.dataset.counted) {
    panel.trigger.dataset.counted = "";
    if (!panel.trigger.matches(".inline-count")) highlight({ ...selection, count: 1 });
  }
}

// A selection inside one prose block offers "Comment on this" below that block.
function offerSelection() {
  const chosen = document.getSelection();
  if (!chosen || chosen.isCollapsed || !chosen.rangeCount) return;
  body.querySelector(".inline-select")?.remove();
  const range = chosen.getRangeAt(0);
  const container = range.commonAncestorContainer;
  const element = container.nodeType === Node.TEXT_NODE ? container.parentElement : container;
  const block = element.closest("[data-block-id]");
  if (!block || !block.matches(TEXT_BLOCKS) || !textRoot(block).contains(container)) return;
  const model = textModel(textRoot(block));
  const inside = model.points.map(([node, offset]) => range.comparePoint(node, offset) === 0 && range.comparePoint(node, offset + 1) <= 0);
  let start = inside.indexOf(true);
  let end = inside.lastIndexOf(true) + 1;
  while (start < end && model.text[start] === " ") start++;
  while (end > start && model.text[end - 1] === " ") end--;
  if (start < 0 || end <= start || end - start > MAX_EXACT) return;
  const control = button("Comment on this", "button inline-select", { "aria-expanded": "false" });
  control.dataset.inlineQuery = new URLSearchParams({ block: block.dataset.blockId, start, end });
  control.dataset.selection = JSON.stringify({ block: block.dataset.blockId, ...selectors(model.text, start, end) });
  block.append(control);
  // Beside the end of the selection, where the reader's eyes and pointer are.
  const edge = [...range.getClientRects()].pop();
  const frame = control.offsetParent?.getBoundingClientRect();
  if (!edge || !frame) return;
  control.style.position = "absolute";
  control.style.top = `${edge.bottom - frame.top + 4}px`;
  control.style.left = `${Math.max(0, Math.min(edge.right - frame.left - control.offsetWidth / 2, frame.width - control.offsetWidth))}px`;
}

// Keyboard path: every paragraph has a control to comment on it as a whole.
function paragraphButton(block) {
  const model = textModel(textRoot(block));
  if (!model.text) return;
  const end = Math.min(model.text.length, MAX_EXACT);
  const excerpt = model.text.slice(0, 40);
  const control = button("Comment on this paragraph", "inline-paragraph", {
    "aria-label": `Comment on the paragraph “${excerpt}…”`,
    "aria-expanded": "false",
  });
  control.dataset.inlineQuery = new URLSearchParams({ block: block.dataset.blockId, start: 0, end });
  control.dataset.selection = JSON.stringify({ block: block.dataset.blockId, ...selectors(model.text, 0, end) });
  block.append(control);
}

function activate(event) {
  const trigger = event.target.closest("[data-inline-query], a[data-inline-open]");
  if (!trigger) return;
  event.preventDefault();
  const query = trigger.dataset.inlineQuery || new URLSearchParams({ prompt: trigger.dataset.prompt });
  const selection = trigger.dataset.selection ? JSON.parse(trigger.dataset.selection) : null;
  // The words are now quoted in the panel's form: let go of them, so the click that chose
  // them offers no second "Comment on this".
  if (trigger.matches(".inline-select")) document.getSelection()?.removeAllRanges();
  openPanel(trigger, query, selection).catch(() => (status.textContent = "Something went wrong. Please try again."));
}

function start() {
  body.after(status);
  for (const passage of data.passages) if (!passage.prompt) highlight(passage);
  body.querySelectorAll(".block--inline_prompt").forEach(markPrompt);
  body.querySelectorAll(".block--paragraph, .block--inline_prompt").forEach(paragraphButton);
  body.addEventListener("click", (event) => {
    if (event.target.closest("[data-inline-close]")) return closePanel();
    if (!event.target.closest("[data-inline-panel]")) activate(event);
  });
  body.addEventListener("submit", (event) => {
    if (!event.target.matches("[data-inline-form]")) return;
    event.preventDefault();
    submit(event.target).catch(() => (status.textContent = "Something went wrong; nothing you typed was lost."));
  });
  body.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && panel) closePanel();
  });
  document.addEventListener("mouseup", () => setTimeout(offerSelection));
  document.addEventListener("keyup", (event) => {
    if (event.shiftKey) offerSelection();
  });
}

if (body) start();
