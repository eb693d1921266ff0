// Search page: Pagefind's JS API, one result per matching turn, with speaker, event and theme.
const script = document.querySelector("script[data-bundle]");
const bundle = script.dataset.bundle;
const strings = JSON.parse(script.dataset.strings);
const form = document.getElementById("search-form");
const input = document.getElementById("search-input");
const status = document.getElementById("search-status");
const list = document.getElementById("search-results");
const filterKeys = ["speaker", "event", "theme"];
const PAGE = 20;

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
  for (const key of filterKeys) {
    const value = document.getElementById("filter-" + key).value;
    if (value) filters[key] = value;
  }
  return filters;
}

// A page hit holds its turns as sub-results (a turn starts at a heading with the speaker's name).
function turnsOf(page, filters) {
  const subs = (page.sub_results || []).filter((sub) => sub.url.includes("#"));
  const picked = filters.speaker ? subs.filter((sub) => sub.title.trim() === filters.speaker) : subs;
  if (picked.length || subs.length) return picked;
  return [{ title: page.meta.title, url: page.url, excerpt: page.excerpt, page: true }];
}

function speakerPrefix(name) {
  return new RegExp("^" + name.trim().replace(/[.*+?^${}()|[\]\\]/g, "\\$&") + "[.。:：]?\\s*");
}

function render(hit, page) {
  const item = document.createElement("li");
  item.className = "search-result";
  const title = document.createElement("h2");
  title.className = "search-result__title";
  const link = document.createElement("a");
  link.href = hit.url;
  link.textContent = hit.page ? page.meta.title : hit.title;
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
  excerpt.innerHTML = hit.page ? hit.excerpt : hit.excerpt.replace(speakerPrefix(hit.title), "");
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
  const api = await loadPagefind();
  const response = await api.search(query || null, { filters });
  const pages = await Promise.all(response.results.slice(0, PAGE).map((r) => r.data()));
  if (mine !== generation) return;
  let count = 0;
  for (const page of pages) {
    for (const hit of turnsOf(page, filters)) { list.append(render(hit, page)); count += 1; }
  }
  status.textContent = count ? strings.results.replace("{n}", count) : strings.none;
  list.dataset.ready = "true";
}

const params = new URLSearchParams(location.search);
input.value = params.get("q") || "";
for (const key of filterKeys) document.getElementById("filter-" + key).value = params.get(key) || "";
form.addEventListener("submit", (event) => { event.preventDefault(); run(); });
let timer = null;
input.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(run, 200); });
for (const key of filterKeys) document.getElementById("filter-" + key).addEventListener("change", run);
if (input.value || filterKeys.some((k) => params.get(k))) run();
