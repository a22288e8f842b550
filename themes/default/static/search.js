// Search for a chronicle, in the browser, without a server.
//
// The index is made at build time (src/render/search/): search/meta.json says
// where each shard of terms and each chunk of documents starts, and a query
// fetches only the shards its words fall in and the chunks of the results it
// shows. fold, words, stem and terms below mirror the Rust code, so that a word
// typed here becomes the same term as the word in the dispatch.
(() => {
  "use strict";
  const form = document.querySelector("form[data-index]");
  if (!form) return;
  const labels = form.dataset;
  const dir = labels.index.slice(0, labels.index.lastIndexOf("/") + 1);
  const base = labels.base;
  const input = form.elements.q;
  const status = document.getElementById("search-status");
  const list = document.getElementById("search-results");
  const more = document.getElementById("search-more");
  const filters = form.querySelector(".search-filters");
  const FACETS = [["side", "sides", "s"], ["place", "places", "p"], ["topic", "topics", "t"]];
  const PER_PAGE = 10;
  const PREFIX_SHARDS = 4; // a prefix spanning more shards than this is not expanded
  // Letters, digits and marks; and between two Hebrew letters, the gershayim
  // or geresh of an acronym (צה״ל) or the quote typed for it (צה"ל).
  const WORD = /(?:[\p{Alphabetic}\p{N}\p{M}]|(?<=[\u05D0-\u05EA])["'\u05F3\u05F4](?=[\u05D0-\u05EA]))+/gu;

  const files = new Map();
  const get = (path) => {
    if (!files.has(path)) {
      files.set(path, fetch(dir + path).then((r) => {
        if (!r.ok) throw new Error(`${dir + path}: HTTP ${r.status}`);
        return r.json();
      }));
    }
    return files.get(path);
  };

  // --- Words, as src/render/search/words.rs makes them ---------------------------
  const FOLDED = { "œ": "oe", "æ": "ae", "ß": "ss", "þ": "th", "ς": "σ", "ł": "l", "ø": "o", "đ": "d",
    "ð": "d", "ı": "i", "ħ": "h", "ŧ": "t", "ə": "e" };
  const fold = (word) => word.normalize("NFKD").toLowerCase().replace(/[\p{M}"'\u05F3\u05F4]/gu, "")
    .replace(/[œæßþςłøđðıħŧə]/g, (c) => FOLDED[c]);
  const ends = (w, s) => w.length >= s.length && w.slice(w.length - s.length).join("") === s;
  function stem(word, stemmer) {
    const w = Array.from(word);
    if (stemmer === "fr") {
      if (w.length > 3 && ends(w, "s") && !ends(w, "ss")) w.pop();
      else if (w.length > 4 && ends(w, "aux")) w.splice(w.length - 2, 2, "l");
      else if (w.length > 3 && ends(w, "x")) w.pop();
      if (w.length > 4 && ends(w, "er")) w.pop();
      for (let i = 0; i < 2; i++) if (w.length > 4 && ends(w, "e")) w.pop();
      const n = w.length;
      if (n > 4 && w[n - 1] === w[n - 2] && /\p{Alphabetic}/u.test(w[n - 1])) w.pop();
    } else if (stemmer === "en") {
      if (w.length > 4 && ends(w, "ies") && !ends(w, "eies") && !ends(w, "aies")) w.splice(w.length - 3, 3, "y");
      else if (w.length > 3 && ends(w, "s") && !ends(w, "us") && !ends(w, "ss")) w.pop();
    }
    return w.join("");
  }
  // The term of one word, or null for a stop word or a single letter.
  const term = (word, meta) => {
    const folded = fold(word);
    const chars = Array.from(folded);
    // (A lone Chinese character is a word.)
    if ((chars.length < 2 && !chars.some(isUnspaced)) || meta.stop.includes(folded)) return null;
    return stem(folded, meta.stemmer);
  };
  // Scripts written without spaces between words (src/render/mentions.rs's
  // is_unspaced): a run of them is read as its pairs of neighbouring characters.
  const isUnspaced = (c) => {
    const x = c.codePointAt(0);
    return (x >= 0x0e00 && x <= 0x0eff) || (x >= 0x1000 && x <= 0x109f) || (x >= 0x1780 && x <= 0x17ff)
      || (x >= 0x2e80 && x <= 0x2fdf) || (x >= 0x3005 && x <= 0x3007) || (x >= 0x3021 && x <= 0x3029)
      || (x >= 0x3038 && x <= 0x303b) || (x >= 0x3040 && x <= 0x30ff) || (x >= 0x31f0 && x <= 0x31ff)
      || (x >= 0x3400 && x <= 0x4dbf) || (x >= 0x4e00 && x <= 0x9fff) || (x >= 0xf900 && x <= 0xfaff)
      || (x >= 0xff66 && x <= 0xff9d) || (x >= 0x20000 && x <= 0x3ffff);
  };
  const MARK = /^\p{M}$/u;
  // The pieces of a word that a query looks up (words.rs's pieces; the
  // index also holds each unspaced run's last character alone).
  function pieces(word) {
    const chars = Array.from(word);
    if (!chars.some(isUnspaced)) return [word];
    const units = [];
    for (const c of chars) {
      if (units.length && MARK.test(c)) units[units.length - 1].text += c;
      else units.push({ text: c, unspaced: isUnspaced(c) });
    }
    const out = [];
    for (let i = 0; i < units.length;) {
      let run = i;
      while (run < units.length && units[run].unspaced === units[i].unspaced) run++;
      if (!units[i].unspaced) out.push(units.slice(i, run).map((u) => u.text).join(""));
      else if (run - i === 1) out.push(units[i].text);
      else for (let j = i; j + 1 < run; j++) out.push(units[j].text + units[j + 1].text);
      i = run;
    }
    return out;
  }
  const termsOf = (text, meta) =>
    (text.match(WORD) || []).flatMap(pieces).map((w) => term(w, meta)).filter((t) => t !== null);
  // Code point order, as Rust sorts strings.
  function compare(a, b) {
    let i = 0;
    let j = 0;
    while (i < a.length && j < b.length) {
      const x = a.codePointAt(i);
      const y = b.codePointAt(j);
      if (x !== y) return x < y ? -1 : 1;
      i += x > 0xffff ? 2 : 1;
      j += y > 0xffff ? 2 : 1;
    }
    return i < a.length ? 1 : j < b.length ? -1 : 0;
  }
  // The index of the last start <= key (starts[0] is the smallest key).
  function last(starts, key, cmp) {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (cmp(starts[mid], key) <= 0) lo = mid; else hi = mid - 1;
    }
    return lo;
  }

  // --- Querying -------------------------------------------------------------------
  const gaps = (list, step) => {
    const out = [];
    let id = 0;
    for (let i = 0; i < list.length; i += step) out.push((id += list[i]));
    return out;
  };

  // The documents holding one term, with weights. A term the index does not
  // hold, three letters or more, is taken as the start of words ("sugo" finds
  // Sugovushan) when those words fit in a few shards.
  async function lookup(meta, t) {
    const found = new Map();
    if (meta.shards.length === 0) return { t, found, prefix: false };
    const first = last(meta.shards, t, compare);
    const exact = (await get(`t/${first}.json`))[t];
    // A lone Chinese character also finds the pairs it starts.
    const lone = Array.from(t).length === 1 && isUnspaced(t);
    if (exact && !lone) {
      const ids = gaps(exact, 2);
      ids.forEach((id, i) => found.set(id, exact[2 * i + 1]));
      return { t, found, prefix: false };
    }
    const end = last(meta.shards, t + "\u{10FFFF}", compare);
    if ((Array.from(t).length < 3 && !lone) || end - first >= PREFIX_SHARDS) {
      if (exact) gaps(exact, 2).forEach((id, i) => found.set(id, exact[2 * i + 1]));
      return { t, found, prefix: false };
    }
    const shards = await Promise.all(
      Array.from({ length: end - first + 1 }, (_, i) => get(`t/${first + i}.json`)));
    for (const shard of shards) {
      for (const [key, postings] of Object.entries(shard)) {
        if (!key.startsWith(t)) continue;
        gaps(postings, 2).forEach((id, i) => {
          found.set(id, Math.max(found.get(id) || 0, postings[2 * i + 1]));
        });
      }
    }
    return { t, found, prefix: true };
  }

  // Every matching id, best first: all terms must match; filters narrow.
  async function run(meta, query, chosen) {
    const wanted = [...new Set(termsOf(query, meta))];
    const filterSets = await Promise.all(chosen.map(([letter, i]) =>
      get(`f/${letter}${i}.json`).then((list) => new Set(gaps(list, 1)))));
    const keep = (id) => filterSets.every((set) => set.has(id));
    if (wanted.length === 0) {
      if (filterSets.length === 0) return { ids: [], empty: true };
      const ids = [...filterSets[0]].filter(keep).sort((a, b) => b - a);
      return { ids, empty: false };
    }
    const looked = await Promise.all(wanted.map((t) => lookup(meta, t)));
    const matches = looked.map((l) => l.found).sort((a, b) => a.size - b.size);
    const scores = new Map();
    for (const [id] of matches[0]) {
      if (!keep(id) || !matches.every((m) => m.has(id))) continue;
      let score = 0;
      for (const m of matches) {
        const w = m.get(id);
        score += Math.log(1 + meta.docs / m.size) * (w / (w + 2));
      }
      scores.set(id, score);
    }
    const ids = [...scores.keys()].sort((a, b) => scores.get(b) - scores.get(a) || b - a);
    return { ids, empty: false, terms: looked.map(({ t, prefix }) => ({ t, prefix })) };
  }

  async function doc(meta, id) {
    const chunk = last(meta.chunks, id, (a, b) => a - b);
    const docs = await get(`d/${chunk}.json`);
    return docs[id - meta.chunks[chunk]];
  }

  // --- Showing results ------------------------------------------------------------
  const el = (name, props = {}, ...children) => {
    const node = document.createElement(name);
    Object.assign(node, props);
    node.append(...children);
    return node;
  };

  // The text around the first matching word, matching words marked.
  function snippet(meta, text, terms) {
    const matches = (word) => {
      const t = term(word, meta);
      return t !== null && terms.some((q) => t === q.t || (q.prefix && t.startsWith(q.t)));
    };
    // The parts of a word to mark: all of it, or in a run of Chinese,
    // Japanese or Thai (indexed by pairs), where the query's pairs are.
    const marked = (m) => {
      if (!terms) return [];
      if (matches(m[0])) return [[m.index, m.index + m[0].length]];
      if (!Array.from(m[0]).some(isUnspaced)) return [];
      const ranges = [];
      for (const q of terms) {
        if (!Array.from(q.t).some(isUnspaced)) continue;
        for (let at = m[0].indexOf(q.t); at >= 0; at = m[0].indexOf(q.t, at + 1)) {
          ranges.push([m.index + at, m.index + at + q.t.length]);
        }
      }
      ranges.sort((a, b) => a[0] - b[0]);
      const merged = [];
      for (const r of ranges) {
        if (merged.length && r[0] <= merged[merged.length - 1][1]) {
          merged[merged.length - 1][1] = Math.max(merged[merged.length - 1][1], r[1]);
        } else merged.push(r);
      }
      return merged;
    };
    const found = [...text.matchAll(WORD)];
    const firstHit = terms ? found.find((m) => marked(m).length > 0) : undefined;
    let start = firstHit ? Math.max(0, firstHit.index - 80) : 0;
    if (start > 0) {
      const next = found.find((m) => m.index >= start);
      start = next ? next.index : start;
    }
    let end = Math.min(text.length, start + 260);
    const cut = found.find((m) => m.index + m[0].length >= end);
    if (cut) end = cut.index + cut[0].length;
    const p = el("p", { className: "summary", dir: "auto" });
    if (start > 0) p.append("… ");
    let at = start;
    for (const m of found) {
      if (m.index < start || m.index + m[0].length > end) continue;
      for (const [from, to] of marked(m)) {
        p.append(text.slice(at, from), el("mark", { textContent: text.slice(from, to) }));
        at = to;
      }
    }
    p.append(text.slice(at, end).replace(/\s+/g, " "));
    if (end < text.length) p.append(" …");
    return p;
  }

  function card(meta, d, terms) {
    const [path, title, date, iso, sides, places, topics, text] = d;
    const tags = el("ul", { className: "tags" });
    for (const i of sides) {
      const s = meta.facets.sides[i];
      const a = el("a", { className: "badge side", href: `${base}sides/${s.id}/`, dir: "auto", textContent: s.name });
      if (s.color) a.style.setProperty("--side", s.color);
      tags.append(el("li", {}, a));
    }
    for (const i of places) {
      const p = meta.facets.places[i];
      tags.append(el("li", {}, el("a", { className: "tag place", href: `${base}places/${p.id}/`, dir: "auto", textContent: p.name })));
    }
    for (const i of topics) {
      const t = meta.facets.topics[i];
      tags.append(el("li", {}, el("a", { className: "tag topic", href: `${base}topics/${t.id}/`, dir: "auto", textContent: `#${t.name}` })));
    }
    const time = el("time", { dateTime: iso, textContent: date });
    return el("li", {}, el("article", { className: "card" },
      el("h2", {}, el("a", { href: base + path, dir: "auto", textContent: title })),
      el("p", { className: "meta" }, time),
      ...(tags.childElementCount ? [tags] : []),
      snippet(meta, text, terms)));
  }

  // --- The page -------------------------------------------------------------------
  let meta = null;
  let current = 0; // the latest search; older ones give way
  let shown = { ids: [], terms: [], count: 0 };
  // A filter of the address that the index does not know (a mistyped id)
  // matches nothing, rather than being dropped; until the reader changes the form.
  let unknownFilter = false;

  async function showMore(search) {
    const next = shown.ids.slice(shown.count, shown.count + PER_PAGE);
    const docs = await Promise.all(next.map((id) => doc(meta, id)));
    if (search !== current) return;
    list.append(...docs.map((d) => card(meta, d, shown.terms)));
    shown.count += next.length;
    more.hidden = shown.count >= shown.ids.length;
  }

  function chosenFilters() {
    const chosen = [];
    for (const [name, kind, letter] of FACETS) {
      const value = form.elements[name].value;
      const i = meta.facets[kind].findIndex((f) => f.id === value);
      if (i >= 0) chosen.push([letter, i]);
    }
    return chosen;
  }

  async function search(push) {
    const search = ++current;
    const query = input.value.trim();
    const params = new URLSearchParams();
    if (query) params.set("q", query);
    for (const [name] of FACETS) if (form.elements[name].value) params.set(name, form.elements[name].value);
    const url = params.toString() ? `?${params}` : location.pathname;
    if (push) history.replaceState(null, "", url);
    status.textContent = labels.loading;
    list.setAttribute("aria-busy", "true");
    if (unknownFilter) {
      list.replaceChildren();
      status.textContent = labels.noResults;
      more.hidden = true;
      done(query);
      return;
    }
    try {
      const result = await run(meta, query, chosenFilters());
      if (search !== current) return;
      list.replaceChildren();
      shown = { ids: result.ids, terms: result.terms, count: 0 };
      if (result.empty) {
        // Words the index leaves out (`les`, `n°`) find nothing, and say so.
        status.textContent = query ? labels.noResults : "";
        more.hidden = true;
        done(query);
        return;
      }
      const n = result.ids.length;
      status.textContent = n === 0 ? labels.noResults
        : n === 1 ? labels.oneResult : labels.results.replace("{count}", n.toLocaleString(document.documentElement.lang));
      await showMore(search);
      if (search === current) done(query);
    } catch (error) {
      if (search !== current) return;
      status.textContent = labels.error;
      console.warn("search:", error);
      done(query);
    }
  }

  // Marks the results as those of this query (tests and assistive tools wait on it).
  function done(query) {
    list.setAttribute("aria-busy", "false");
    list.dataset.query = query;
  }

  function fillFilters() {
    for (const [name, kind] of FACETS) {
      const select = form.elements[name];
      const options = meta.facets[kind]
        .filter((f) => f.count > 0)
        .sort((a, b) => a.name.localeCompare(b.name, document.documentElement.lang));
      select.append(...options.map((f) => el("option", { value: f.id, textContent: `${f.name} (${f.count})` })));
      select.closest("label").hidden = options.length === 0;
    }
    filters.hidden = false;
  }

  async function start() {
    try {
      meta = await get("meta.json");
    } catch (error) {
      status.textContent = labels.error;
      console.warn("search:", error);
      return;
    }
    fillFilters();
    // For tests and for other scripts: the terms a text gives, as the index has them.
    window.chronicleSearch = {
      terms: (text) => termsOf(text, meta),
    };
    const params = new URLSearchParams(location.search);
    input.value = params.get("q") || "";
    for (const [name] of FACETS) form.elements[name].value = params.get(name) || "";
    unknownFilter = FACETS.some(([name]) => params.get(name) && form.elements[name].value !== params.get(name));
    let timer = 0;
    input.addEventListener("input", () => {
      unknownFilter = false;
      clearTimeout(timer);
      timer = setTimeout(() => search(true), 120);
    });
    form.addEventListener("change", (event) => {
      unknownFilter = false;
      if (event.target !== input) search(true);
    });
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      search(true);
    });
    more.addEventListener("click", () => showMore(current));
    if (input.value || params.toString()) search(false);
  }
  start();
})();
