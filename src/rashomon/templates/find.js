// Search the page's reports, claims, disputes and figures as you type; no request leaves the page.
// Allowed by the page's Content-Security-Policy through its hash (rashomon.render.html.FIND_SCRIPT).
(() => {
  const form = document.getElementById("find-form");
  const box = document.getElementById("find");
  const out = document.getElementById("find-results");
  if (!form || !box || !out) return;
  // the items laid out and those of the chunks not laid out yet (lazy.js, chunks in chunks too), in order
  const gather = (root) => [...root.querySelectorAll("[data-find], template.lazy")]
    .flatMap((el) => el.matches("template") ? gather(el.content) : [el]);
  const items = gather(document);
  const texts = new Map();
  // an item's own words: those of an item nested in it (a near-copy in its original) are that item's
  const text = (el) => {
    if (!texts.has(el)) {
      const walk = document.createTreeWalker(el, NodeFilter.SHOW_TEXT, {
        acceptNode: (n) => n.parentElement.closest("[data-find]") === el ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_REJECT,
      });
      let all = "";
      for (let n = walk.nextNode(); n; n = walk.nextNode()) all += n.data;
      texts.set(el, all.replace(/\s+/g, " "));
    }
    return texts.get(el);
  };
  // the finest anchor holding the words: a mark of the report, else the item itself
  const target = (el, q) => {
    for (const m of el.querySelectorAll("mark[id]")) {
      if (m.textContent.toLowerCase().includes(q)) return m.id;
    }
    return el.id;
  };
  const SHOWN = 60;
  const show = () => {
    const q = box.value.trim().toLowerCase().replace(/\s+/g, " ");
    out.replaceChildren();
    if (q.length < 2) { out.hidden = true; return; }
    let found = 0;
    for (const el of items) {
      const t = text(el);
      const at = t.toLowerCase().indexOf(q);
      if (at < 0 || ++found > SHOWN) continue;
      const li = document.createElement("li");
      const tag = document.createElement("span");
      tag.className = "tag";
      tag.textContent = el.dataset.find;
      const a = document.createElement("a");
      a.href = "#" + target(el, q);
      a.textContent = (at > 50 ? "…" : "") + t.slice(Math.max(0, at - 50), at + q.length + 70).trim() + "…";
      li.append(tag, " ", a);
      out.append(li);
    }
    const note = document.createElement("li");
    note.className = "muted";
    note.textContent = found === 0 ? "Nothing on this page contains these words."
      : found + (found === 1 ? " item contains" : " items contain") + " these words"
        + (found > SHOWN ? " (the first " + SHOWN + " are listed)" : "") + ".";
    out.prepend(note);
    out.hidden = false;
  };
  // a link into a folded section opens every fold around its target
  const reveal = () => {
    const id = decodeURIComponent(location.hash.slice(1));
    const el = id && document.getElementById(id);
    for (let d = el && el.closest("details"); d; d = d.parentElement.closest("details")) d.open = true;
    if (el) el.scrollIntoView();
  };
  form.hidden = false;
  form.addEventListener("submit", (e) => { e.preventDefault(); show(); });
  box.addEventListener("input", show);
  box.addEventListener("keydown", (e) => { if (e.key === "Escape") { box.value = ""; show(); } });
  out.addEventListener("click", (e) => { if (e.target.closest("a")) out.hidden = true; });
  window.addEventListener("hashchange", reveal);
  if (location.hash) reveal();
})();
