// Search page: Pagefind's JS API, one result per matching turn, with speaker, event and theme.
const script = document.querySelector("script[data-bundle]");
const bundle = script.dataset.bundle;
const filtersUrl = new URL(script.dataset.filters, document.baseURI).href;
const strings = JSON.parse(script.dataset.strings);
const form = document.getElementById("search-form");
const input = document.getElementById("search-input");
const status = document.getElementById("search-status");
const list = document.getElementById("search-results");
const filterKeys = ["speaker", "event", "theme"];
const PAGE = 20;
const SUGGESTIONS = 10;

let pagefind = null;
let generation = 0;

async function loadPagefind() {
  if (!pagefind) {
    pagefind = await import(new URL("pagefind.js", new URL(bundle, document.baseURI)).href);
    await pagefind.options({ excerptLength: 60 });
    pagefind.init();
  }
  return pagefind;
}

function currentFilters() {
  const filters = {};
  for (const filter of fields) if (filter.applied) filters[filter.key] = filter.applied;
  return filters;
}

// The names a page's turns show that differ from the person's (who spoke under another name
// at that event), as the page's `aliases` meta says: shown name -> person's name.
function aliasesOf(page) {
  try {
    return page.meta.aliases ? JSON.parse(page.meta.aliases) : {};
  } catch {
    return {};
  }
}

const EXCERPT = 60; // characters of a turn shown when filters alone found it

function escapeHtml(text) {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

// Filters without a query give no sub-results: a page's turns are then its anchors whose id is
// a turn's (`<speaker>-<n>`, `<event>--<speaker>-<n>` on speaker pages; not 导语 or 嘉宾), each
// with the start of what follows its heading in the page's text, where Pagefind ends a heading
// with ". ". Every anchor's heading bounds the text before it.
const TURN_ID = /-\d+$/;

function anchoredTurns(page) {
  const anchors = (page.anchors || []).filter((a) => a.id && a.text.trim());
  const headings = [];
  let from = 0;
  for (const anchor of anchors) {
    const heading = anchor.text.trim() + ". ";
    const at = page.content.indexOf(heading, from);
    headings.push(at < 0 ? null : { at, start: at + heading.length });
    if (at >= 0) from = at + heading.length;
  }
  const turns = [];
  anchors.forEach((anchor, i) => {
    if (!TURN_ID.test(anchor.id)) return;
    const here = headings[i];
    const next = headings.slice(i + 1).find((h) => h !== null);
    const end = next ? next.at : page.content.length;
    const text = here ? page.content.slice(here.start, Math.min(end, here.start + EXCERPT)) : "";
    const cut = here && here.start + EXCERPT < end ? "…" : "";
    turns.push({ title: anchor.text.trim(), url: `${page.url}#${anchor.id}`, excerpt: escapeHtml(text.trim()) + cut });
  });
  return turns;
}

// A page hit holds its turns as sub-results (a turn starts at a heading with the speaker's name).
function turnsOf(page, filters, query) {
  const subs = query
    ? (page.sub_results || []).filter((sub) => sub.url.includes("#"))
    : anchoredTurns(page);
  const aliases = aliasesOf(page);
  const person = (sub) => aliases[sub.title.trim()] || sub.title.trim();
  const picked = filters.speaker ? subs.filter((sub) => person(sub) === filters.speaker) : subs;
  if (picked.length || subs.length) return picked;
  return [{ title: page.meta.title, url: page.url, excerpt: page.excerpt, page: true }];
}

// A turn's excerpt may open with its heading, the speaker's name (shown above it), or the end of
// it: Pagefind ends a heading with ". " and may start the excerpt anywhere in it. The longest
// end of "name. " the excerpt opens with goes, marks and all ("Dr. Jane Doe. I think").
function withoutHeading(html, name) {
  const plain = html.replace(/<\/?mark>/g, "");
  const heading = name.trim() + ". ";
  for (let k = heading.length; k >= 2; k -= 1) {
    if (plain.startsWith(heading.slice(heading.length - k))) return dropText(html, k);
  }
  return html;
}

// `html` without its first `count` characters of text; a mark still open there stays open.
function dropText(html, count) {
  let i = 0;
  let open = false;
  while (count > 0 && i < html.length) {
    const tag = html.startsWith("<mark>", i) ? "<mark>" : html.startsWith("</mark>", i) ? "</mark>" : "";
    if (tag) { open = tag === "<mark>"; i += tag.length; continue; }
    i += 1;
    count -= 1;
  }
  while (html.startsWith("</mark>", i)) { open = false; i += 7; }
  return (open ? "<mark>" : "") + html.slice(i);
}

function render(hit, page) {
  const item = document.createElement("li");
  item.className = "search-result";
  const title = document.createElement("h2");
  title.className = "search-result__title";
  const link = document.createElement("a");
  link.href = hit.url;
  link.textContent = hit.title;
  title.append(link);
  // Where the turn was said: its theme (a link to the theme page) and its event.
  const meta = document.createElement("p");
  meta.className = "meta";
  if (!hit.page) {
    const theme = document.createElement("a");
    theme.href = page.url;
    theme.textContent = page.meta.title;
    meta.append(theme);
  }
  if (page.meta.event) meta.append((hit.page ? "" : " · ") + page.meta.event);
  const excerpt = document.createElement("p");
  excerpt.className = "search-result__excerpt";
  // Pagefind escapes the text and adds only <mark>; the turn's excerpt opens with the speaker's
  // name (its heading), already shown above.
  // Pagefind marks each word it matched: 大<mark>模型</mark> next to <mark>大</mark> is one hit.
  const html = hit.excerpt.replaceAll("</mark><mark>", "");
  excerpt.innerHTML = withoutHeading(html, hit.title);
  item.append(title, meta, excerpt);
  return item;
}

function syncUrl(query, filters) {
  const params = new URLSearchParams();
  if (query) params.set("q", query);
  for (const [key, value] of Object.entries(filters)) params.set(key, value);
  const search = params.toString();
  history.replaceState(null, "", search ? "?" + search : location.pathname);
}

async function run() {
  const query = input.value.trim();
  const filters = currentFilters();
  const mine = ++generation;
  syncUrl(query, filters);
  list.replaceChildren();
  if (!query && !Object.keys(filters).length) { status.textContent = ""; return; }
  status.textContent = strings.loading;
  let pages;
  try {
    const api = await loadPagefind();
    const response = await api.search(query || null, { filters });
    pages = await Promise.all(response.results.slice(0, PAGE).map((r) => r.data()));
  } catch (error) {
    // No index (a build without one, or it failed to load): say so; the next search tries again.
    pagefind = null;
    if (mine === generation) status.textContent = strings.unavailable;
    return;
  }
  if (mine !== generation) return;
  let count = 0;
  for (const page of pages) {
    for (const hit of turnsOf(page, filters, query)) { list.append(render(hit, page)); count += 1; }
  }
  const found = count === 1 ? strings.results_one : strings.results;
  status.textContent = count ? found.replace("{n}", count) : strings.none;
  list.dataset.ready = "true";
}

// --- Filters: a text field each, with suggestions from the archive's values -----------------
// The values are a file of their own (search/filters.json), fetched the first time a reader
// focuses a filter: the page stays small however many speakers, events and themes there are.

let values = null; // key -> {all: [values], lower: [lower-cased], known: Set}, once fetched
let fetching = null;

function loadValues() {
  if (!fetching) {
    fetching = fetch(filtersUrl)
      .then((response) => {
        if (!response.ok) throw new Error(response.status);
        return response.json();
      })
      .then((data) => {
        values = {};
        for (const key of filterKeys) {
          const all = data[key] || [];
          values[key] = { all, lower: all.map((v) => v.toLowerCase()), known: new Set(all) };
        }
        for (const filter of fields) filter.loaded();
      })
      // Without the values there are no suggestions and typed values apply as they are; the
      // next focus tries again.
      .catch(() => { fetching = null; });
  }
}

// Values that start with the text first, then those that contain it; at most SUGGESTIONS.
function matching(key, text) {
  const { all, lower } = values[key];
  const needle = text.trim().toLowerCase();
  const starts = [];
  const contains = [];
  for (let i = 0; i < all.length; i += 1) {
    if (!needle || lower[i].startsWith(needle)) starts.push(all[i]);
    else if (lower[i].includes(needle)) contains.push(all[i]);
  }
  const found = starts.concat(contains);
  return { shown: found.slice(0, SUGGESTIONS), more: Math.max(0, found.length - SUGGESTIONS) };
}

// One filter: the ARIA combobox pattern (a text field that controls a listbox of suggestions).
// A value applies when it is one of the archive's: chosen, or typed exactly; an empty field
// means every value; anything else is not applied, and the hint says so.
function combobox(key) {
  const field = document.getElementById("filter-" + key);
  const listbox = document.getElementById("filter-" + key + "-list");
  const hint = document.getElementById("filter-" + key + "-hint");
  const filter = { key, applied: "", loaded };
  let shown = [];
  let active = -1;
  let wanted = false; // the reader asked for suggestions before the values arrived

  function say(text) { if (hint.textContent !== text) hint.textContent = text; }

  function close() {
    wanted = false;
    listbox.hidden = true;
    field.setAttribute("aria-expanded", "false");
    field.removeAttribute("aria-activedescendant");
    active = -1;
  }

  function open() {
    wanted = true;
    if (!values) return;
    const found = matching(key, field.value);
    shown = found.shown;
    active = -1;
    field.removeAttribute("aria-activedescendant");
    listbox.replaceChildren(...shown.map((value, i) => {
      const option = document.createElement("li");
      option.id = listbox.id + "-" + i;
      option.className = "search-filter__option";
      option.setAttribute("role", "option");
      option.setAttribute("aria-selected", "false");
      option.textContent = value;
      return option;
    }));
    listbox.hidden = !shown.length;
    field.setAttribute("aria-expanded", String(shown.length > 0));
    say(shown.length && found.more ? strings.more.replace("{n}", found.more) : "");
  }

  function highlight(index) {
    if (listbox.hidden || !shown.length) return;
    active = (index + shown.length) % shown.length;
    listbox.querySelectorAll("[role=option]").forEach((option, i) => {
      option.setAttribute("aria-selected", String(i === active));
    });
    const option = listbox.children[active];
    field.setAttribute("aria-activedescendant", option.id);
    option.scrollIntoView({ block: "nearest" });
  }

  // What the field asks for, applied if it is a known value; true when that changed.
  function commit() {
    const value = field.value.trim();
    const unknown = value && values && !values[key].known.has(value);
    say(unknown ? strings.unknown.replace("{value}", value) : "");
    const applied = unknown ? "" : value;
    if (applied === filter.applied) return false;
    filter.applied = applied;
    return true;
  }

  function choose(index) {
    field.value = shown[index];
    close();
    if (commit()) run();
  }

  // The values arrived: check what was typed meanwhile, and suggest if the reader is here.
  function loaded() {
    if (field.value.trim() && commit()) run();
    if (document.activeElement === field && wanted) open();
  }

  field.addEventListener("focus", loadValues);
  field.addEventListener("click", () => { if (listbox.hidden) open(); });
  field.addEventListener("input", () => {
    open();
    const value = field.value.trim();
    // Typing an exact value applies it at once, and emptying the field clears the filter.
    if ((!value || (values && values[key].known.has(value))) && commit()) run();
  });
  field.addEventListener("keydown", (event) => {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      if (listbox.hidden) open();
      highlight(event.key === "ArrowDown" ? active + 1 : active < 0 ? -1 : active - 1);
    } else if (event.key === "Enter" && !listbox.hidden && active >= 0) {
      event.preventDefault(); // choose the suggestion, do not submit the form
      choose(active);
    } else if (event.key === "Enter") {
      close(); // and the form is submitted
    } else if (event.key === "Escape" && !listbox.hidden) {
      event.preventDefault(); // close the suggestions; a second Escape clears the field
      close();
    }
  });
  field.addEventListener("blur", () => {
    close();
    if (commit()) run();
  });
  // A click on a suggestion must not take the focus from the field first (which would close
  // the listbox before the click lands).
  listbox.addEventListener("mousedown", (event) => event.preventDefault());
  listbox.addEventListener("click", (event) => {
    const option = event.target.closest("[role=option]");
    if (option) choose([...listbox.children].indexOf(option));
  });
  return { filter, field, commit };
}

const boxes = filterKeys.map(combobox);
const fields = boxes.map((box) => box.filter);

// A shared link (?q=版权&speaker=姜涛) applies its filters as given, without fetching the values.
const params = new URLSearchParams(location.search);
input.value = params.get("q") || "";
for (const box of boxes) {
  box.field.value = params.get(box.filter.key) || "";
  box.filter.applied = box.field.value.trim();
}
form.addEventListener("submit", (event) => {
  event.preventDefault();
  for (const box of boxes) box.commit();
  run();
});
let timer = null;
input.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(run, 200); });
if (input.value || fields.some((f) => f.applied)) run();
