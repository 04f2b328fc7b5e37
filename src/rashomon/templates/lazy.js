// A long section of a large dossier keeps its later items in inert "template.lazy" chunks: parsed, but
// never styled or laid out, so the page opens fast at 1,000 reports. A chunk is laid out when asked for: by
// its section's "show more" buttons, by a link (or the address) naming an item in it, by a search hit, and
// all of them before printing. Allowed by the page's Content-Security-Policy through its hash.
(() => {
  const pending = () => [...document.querySelectorAll("template.lazy")];
  const count = (t) => t.content.children.length;
  // the controls of a holder's chunks sit after its last chunk; after the holder when it is a list or a grid,
  // after the table's box when they are rows
  const controls = new Map();
  const place = (holder) => {
    const chunks = [...holder.children].filter((c) => c.matches("template.lazy"));
    const old = controls.get(holder);
    if (!chunks.length) { if (old) old.remove(); controls.delete(holder); return; }
    const left = chunks.reduce((n, t) => n + count(t), 0);
    const p = old || document.createElement("p");
    p.className = "lazy-more small";
    const next = document.createElement("button");
    next.type = "button";
    next.textContent = `Show ${count(chunks[0])} more`;
    next.addEventListener("click", () => open(chunks[0]));
    const all = document.createElement("button");
    all.type = "button";
    all.textContent = `Show all ${left}`;
    all.addEventListener("click", () => chunks.forEach(open));
    p.replaceChildren(`${left} more not laid out yet: `, next, " ", all);
    if (!old) {
      const list = /^(OL|UL)$/.test(holder.tagName) || getComputedStyle(holder).display.includes("grid");
      const rows = holder.tagName === "TBODY" && (holder.closest(".table-wrap") || holder.closest("table"));
      (rows || (list ? holder : chunks[chunks.length - 1])).after(p);
      controls.set(holder, p);
    }
  };
  const open = (t) => {
    const holder = t.parentElement;
    if (!holder) return;
    const inner = [...t.content.querySelectorAll("template.lazy")];  // chunks in the chunk: a report's copies
    t.replaceWith(t.content);
    new Set([holder, ...inner.map((c) => c.parentElement)]).forEach(place);
  };
  // the chunk (laid out or in a chunk itself) holding the element of an id
  const holding = (root, id) => [...root.querySelectorAll("template.lazy")]
    .find((c) => c.content.getElementById(id) || holding(c.content, id));
  // the chunks around the element of an id, laid out; false when it was laid out already or is nowhere
  const openHolding = (id) => {
    let opened = false;
    for (let t = id && !document.getElementById(id) && holding(document, id); t;
      t = !document.getElementById(id) && holding(document, id)) {
      open(t);
      opened = true;
    }
    return opened;
  };
  const follow = () => {
    const id = decodeURIComponent(location.hash.slice(1));
    if (openHolding(id)) document.getElementById(id).scrollIntoView();
  };
  new Set(pending().map((t) => t.parentElement)).forEach(place);
  window.addEventListener("hashchange", follow);
  // a same-page link to an item not laid out yet: no hashchange when the address already names it
  document.addEventListener("click", (e) => {
    const a = e.target.closest && e.target.closest('a[href^="#"]');
    if (a) openHolding(decodeURIComponent(a.getAttribute("href").slice(1)));
  }, true);
  const everything = () => { while (pending().length) pending().forEach(open); };
  window.addEventListener("beforeprint", everything);
  matchMedia("print").addEventListener("change", (m) => { if (m.matches) everything(); });
  if (location.hash) follow();
})();
